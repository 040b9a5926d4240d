"""What the review says, beyond batch sizes and alarms, about how this run will really go: weights and desired
counts in place (check/capacity.py), the deployment guardrails exclusions (check/exclusions.py), the rules at create
(the DeploymentConfig given to CreateEndpoint is the one the next update uses) and how the last rollout ended
(check/outcome_record.py).

`check()` gets the old *inputs*, not the state's outputs, so what the endpoint runs now comes from DescribeEndpoint
(`live`), read only when the config is (`live_view`); before UpdateEndpoint the same rules take the lifecycle's own
DescribeEndpoint. `autoscaled` names the variants whose instance count Application Auto Scaling owns; whoever knows
them passes them (nothing here calls Application Auto Scaling): their counts are never planned.
"""
from __future__ import annotations

from typing import Any, Collection, Mapping

from ..aws.clients import Target
from ..core.unknowns import is_unknown
from . import capacity, endpoint_lookups, exclusions, managed_scaling, rules
from .failures import Failure
from .lookups import warn
from .outcome_record import sentence
from .plan import rollout_plan

Live = Mapping[str, Any]  # DescribeEndpoint


def creating(olds: Mapping[str, Any]) -> bool:
    return not olds.get("endpointConfigName")


def rolling_out(olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
    new = inputs.get("endpointConfigName")
    return not creating(olds) and not is_unknown(new) and new != olds.get("endpointConfigName")


def config_needed(olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
    """Whether the review reads the EndpointConfig the endpoint will run: for a rollout, for a create whose rules
    depend on it, for changed weights or counts. A no-op preview reads nothing."""
    if is_unknown(inputs.get("endpointConfigName")):
        return False
    if creating(olds):
        return exclusions.guarded(inputs) or capacity.asked(inputs)
    return rolling_out(olds, inputs) or capacity.changed(olds, inputs)


def live_view(olds: Mapping[str, Any], inputs: Mapping[str, Any], target: Target) -> Live | None:
    """The endpoint as it runs now (None for a create)."""
    return None if creating(olds) else endpoint_lookups.live_endpoint(inputs, target)


def failures(inputs: Mapping[str, Any], config: Mapping[str, Any], live: Live | None) -> list[Failure]:
    """The rules against the config the endpoint will run (and, for a rollout, the config it runs now): weights and
    counts, the rolling exclusions, the variant names a guarded rollout keeps. Run by check() and again before
    UpdateEndpoint."""
    found = capacity.failures(inputs, config) + exclusions.rolling_failures(inputs, config)
    if live and live.get("EndpointConfigName") != inputs.get("endpointConfigName"):
        names = [v["VariantName"] for v in live.get("ProductionVariants", [])]
        found += exclusions.name_failures(inputs, config, live.get("EndpointConfigName"), names)
    return found


def create_failures(inputs: Mapping[str, Any], config: Mapping[str, Any]) -> list[Failure]:
    """The rules before CreateEndpoint: batch sizes, rolling exclusions, weights and counts."""
    return rules.variant_failures(inputs, config) + failures(inputs, config, None)


def alarm_failures(olds: Mapping[str, Any], inputs: Mapping[str, Any], found: list[Failure]) -> list[Failure]:
    """A missing rollback alarm stops a rollout; otherwise (a create, an in-place change) it is a warning: alarms are
    often created in the same program, and the rule runs again before the rollout that needs them."""
    if rolling_out(olds, inputs):
        return found
    for failure in found:
        warn(f"endpoint {inputs.get('name')}: {failure.reason[:1].lower()}{failure.reason[1:]}")
    return []


def plan(olds: Mapping[str, Any], inputs: Mapping[str, Any], config: Mapping[str, Any] | None,
         target: Target | None = None, live: Live | None = None, autoscaled: Collection[str] = ()) -> str:
    """The rollout plan, with SageMaker's fallback instead of a canary it will not run, the variants whose count
    SageMaker's managed instance scaling sets, what changes in place, and how the last rollout ended."""
    text = rollout_plan(olds, inputs, rules.instance_count(config) if config else None)
    rollout = rolling_out(olds, inputs)
    if rollout and config is not None and live and target is not None and exclusions.guarded(inputs):
        reason = _fallback(inputs, config, live, target)
        if reason:
            text = f"{olds.get('endpointConfigName')} -> {inputs.get('endpointConfigName')}: " \
                   f"{exclusions.fallback_text(reason)}"
    if rollout and config is not None:
        text += managed_scaling.plan_text(config, live)
    in_place = capacity_plan(olds, inputs, config, live, autoscaled)
    if in_place:
        text += f"; {'then ' if rollout or creating(olds) else ''}in place: {in_place}"
    record = endpoint_lookups.last_outcome(live, target) if rollout and live and target is not None else None
    if record:
        text += f"; {sentence(record, inputs.get('endpointConfigName'))}"
    return text


def _fallback(inputs: Mapping[str, Any], config: Mapping[str, Any], live: Live, target: Target) -> str | None:
    running = endpoint_lookups.old_config(live, target) or {}
    fleets = exclusions.fleet(running) + exclusions.fleet(config)
    reason = exclusions.fallback_reason(fleets, endpoint_lookups.model_lookup(inputs, target))
    if reason:
        warn(f"endpoint {inputs.get('name')}: deployment guardrails do not support {reason}: SageMaker deploys "
             f"{inputs.get('endpointConfigName')} all at once with no baking period, whatever deploymentConfig says.")
    return reason


def capacity_plan(olds: Mapping[str, Any], inputs: Mapping[str, Any], config: Mapping[str, Any] | None,
                  live: Live | None, autoscaled: Collection[str] = ()) -> str:
    """What changes in place: against the new config's initial values after a create or a rollout, against the live
    fleet for an in-place change ('' when nothing does)."""
    fleet = capacity.from_summary((live or {}).get("ProductionVariants", []))
    if creating(olds) or rolling_out(olds, inputs):
        fleet = {} if config is None else capacity.from_config(config) if creating(olds) else \
            capacity.after_rollout(inputs, config, fleet)
    elif not capacity.changed(olds, inputs):
        return ""
    return capacity.plan_text(capacity.pending(inputs, fleet, autoscaled), fleet)

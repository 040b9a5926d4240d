"""What `check()` says about variants that Application Auto Scaling scales (namespace `sagemaker`, resource
`endpoint/<name>/variant/<variant>`):

- `autoscaled_variants`: the lookup other rules call, {variant: its scalable target};
- `desired_count_failures`: a desired instance count for an autoscaled variant is refused (the autoscaler owns it);
- `refusals`: with autoscaling="refuse" (the default), a rollout that changes the instance type of an autoscaled
  variant or removes one, which UpdateEndpoint would refuse;
- the plan text per autoscaled variant: its desired count kept (RetainAllVariantProperties) or reset to the new
  config's InitialInstanceCount, a reset below the desired count also a warning (neither for a variant the new
  config puts under managed instance scaling: SageMaker sets its count); with "reapply", what is taken off and put
  back;
- an interrupted reapply's record on the endpoint (see aws/scaling.py): the plan says so, and `scalingRestore`
  makes the diff report a change, so that the next update puts the setup back even when nothing else changed.

AWS is read only when a rollout is planned, desired counts are given, or autoscaling="reapply" is in play, so the
default no-op preview still makes no AWS call.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from ..aws.clients import Target, autoscaling, sagemaker
from ..aws.find import find_config, find_endpoint, live_tags, scalable_targets
from ..aws.scaling import CorruptRecord, read_record
from ..core.unknowns import is_unknown
from ..core.words import words
from .capacity import excluded_properties
from .failures import Failure
from .lookups import warn
from .managed_scaling import managed

REFUSE, REAPPLY = "refuse", "reapply"
DESIRED = "DesiredInstanceCount"


@dataclass
class Review:
    failures: list[Failure] = field(default_factory=list)
    plan: str = ""                                          # appended to the rollout plan
    inputs: dict[str, Any] = field(default_factory=dict)    # hidden inputs check() sets (scalingRestore)


@dataclass(frozen=True)
class VariantChange:
    """What a rollout does to one autoscaled variant."""

    variant: str
    target: Mapping[str, Any]        # its scalable target (MinCapacity, MaxCapacity)
    desired: int | None              # its DesiredInstanceCount now
    old_type: str | None             # its instance type in the live config
    new: Mapping[str, Any] | None    # the new config's variant of that name; None: the new config removes it

    @property
    def removed(self) -> bool:
        return self.new is None

    @property
    def retyped(self) -> bool:
        return self.new is not None and self.new.get("InstanceType") != self.old_type

    @property
    def label(self) -> str:
        return f"autoscaled {self.variant} ({self.target.get('MinCapacity')}-{self.target.get('MaxCapacity')})"


def mode(inputs: Mapping[str, Any]) -> str | None:
    """"refuse" or "reapply"; None while it is unknown (preview), when the rules wait for the update."""
    value = inputs.get("autoscaling")
    return None if is_unknown(value) else (value or REFUSE)


# ---- the lookup ----------------------------------------------------------------------------------------------

def autoscaled_variants(inputs: Mapping[str, Any], target: Target,
                        variants: Iterable[str]) -> dict[str, dict[str, Any]] | None:
    """{variant: its scalable target} for those of `variants` that Application Auto Scaling scales; None, with a
    warning, when it cannot be read during preview (the rules run again before the change is made)."""
    try:
        return scalable_targets(autoscaling(target), inputs["name"], variants)
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"endpoint {inputs.get('name')}: could not read its Application Auto Scaling targets during preview "
             f"({type(error).__name__}); autoscaled variants are checked again before the endpoint is changed.")
        return None


# ---- rules (pure) --------------------------------------------------------------------------------------------

def desired_count_failures(inputs: Mapping[str, Any], scaled: Mapping[str, Mapping[str, Any]]) -> list[Failure]:
    counts = inputs.get("desiredInstanceCounts")
    if not isinstance(counts, Mapping):
        return []
    failures = []
    for variant in sorted(name for name in counts if name in scaled):
        where, target = f"desiredInstanceCounts.{variant}", scaled[variant]
        failures.append(Failure(where, (
            f"{where} sets the instance count of variant {variant}, which Application Auto Scaling scales (scalable "
            f"target {target.get('MinCapacity')}-{target.get('MaxCapacity')}); remove it from "
            f"desired_instance_counts and let the scalable target set the count, or change the target's "
            f"MinCapacity/MaxCapacity.")))
    return failures


def changes(live_config: Mapping[str, Any], new_config: Mapping[str, Any], described: Mapping[str, Any],
            scaled: Mapping[str, Mapping[str, Any]]) -> list[VariantChange]:
    """What a rollout from the live config to the new one does to each autoscaled variant of the live config."""
    old_types = {v["VariantName"]: v.get("InstanceType") for v in live_config.get("ProductionVariants", [])}
    new = {v["VariantName"]: v for v in new_config.get("ProductionVariants", [])}
    desired = {v["VariantName"]: v.get(DESIRED) for v in described.get("ProductionVariants") or []}
    return [VariantChange(name, scaled[name], desired.get(name), old_types[name], new.get(name))
            for name in sorted(scaled) if name in old_types]


def refusals(inputs: Mapping[str, Any], found: Iterable[VariantChange]) -> list[Failure]:
    """With autoscaling="refuse": the instance-type changes and removals UpdateEndpoint refuses."""
    if mode(inputs) != REFUSE:
        return []
    found = list(found)
    config = inputs.get("endpointConfigName")
    retyped = [f"{c.variant} ({c.old_type} -> {c.new.get('InstanceType')})" for c in found if c.retyped and c.new]
    removed = [c.variant for c in found if c.removed]
    failures = []
    if retyped:
        failures.append(Failure("autoscaling", (
            f"endpoint config {config} changes the instance type of autoscaled variant(s) {', '.join(retyped)}, "
            f"which UpdateEndpoint refuses while Application Auto Scaling scales them; {words().reapply}, or keep "
            f"the instance type.")))
    if removed:
        failures.append(Failure("autoscaling", (
            f"endpoint config {config} removes autoscaled variant(s) {', '.join(removed)}, which UpdateEndpoint "
            f"refuses while Application Auto Scaling scales them; set autoscaling=\"reapply\" to deregister their "
            f"scalable targets for the update (put back if the rollout rolls back or fails), or deregister them "
            f"first.")))
    return failures


def kept(inputs: Mapping[str, Any]) -> bool:
    """Whether UpdateEndpoint keeps each variant's desired instance count (RetainAllVariantProperties without
    DesiredInstanceCount in ExcludeRetainedVariantProperties)."""
    return inputs.get("retainAllVariantProperties") is True and DESIRED not in excluded_properties(inputs)


def capacity_plan(inputs: Mapping[str, Any], change: VariantChange) -> tuple[str, str | None]:
    """(plan text, warning or None) for one autoscaled variant."""
    reapply = mode(inputs) == REAPPLY
    if change.removed:
        text = f"{change.label} is removed"
        if reapply:
            text += ": its scalable target and policies are deregistered, and put back only if the rollout rolls " \
                    "back or fails"
        return text, None
    parts = []
    if change.retyped:
        part = f"instance type {change.old_type} -> {change.new.get('InstanceType')}"
        if reapply:
            part += ": its scalable target and policies are deregistered for the update and put back afterwards " \
                    "(on the old fleet if the rollout rolls back or fails)"
        parts.append(part)
    if managed(change.new):
        parts.append("its instance count is SageMaker's managed instance scaling")
        return f"{change.label}: {', '.join(parts)}", None
    now = f"{change.desired} instances" if change.desired is not None else "instance count"
    new_count = change.new.get("InitialInstanceCount")
    warning = None
    if kept(inputs):
        parts.append(f"keeps its desired {now} (RetainAllVariantProperties)")
    else:
        parts.append(f"reset to {new_count} instances, the new config's InitialInstanceCount (desired now: "
                     f"{change.desired if change.desired is not None else 'unknown'})")
        if isinstance(change.desired, int) and isinstance(new_count, int) and new_count < change.desired:
            fix = ("remove DesiredInstanceCount from exclude_retained_variant_properties"
                   if inputs.get("retainAllVariantProperties") is True else "set retain_all_variant_properties=True")
            warning = (f"endpoint {inputs.get('name')}: this update resets autoscaled variant {change.variant} from "
                       f"its desired {change.desired} instances to {new_count}, the InitialInstanceCount of endpoint "
                       f"config {inputs.get('endpointConfigName')}; {fix} to keep its capacity.")
    return f"{change.label}: {', '.join(parts)}", warning


def interrupted(record: Mapping[str, Any] | None) -> Review:
    if not record:
        return Review()
    variants = sorted(record.get("variants") or {})
    return Review(plan=f"; an interrupted autoscaling reapply left the scaling setup of {', '.join(variants)} "
                       f"recorded on the endpoint: this update puts it back first",
                  inputs={"scalingRestore": ", ".join(variants)})


# ---- the review check() runs -----------------------------------------------------------------------------------

def review(olds: Mapping[str, Any], inputs: Mapping[str, Any], target_for: Callable[[Mapping[str, Any]], Target],
           rollout: bool) -> Review:
    """Failures, plan text and hidden inputs about autoscaling; reads AWS only when it can matter (see above)."""
    in_play = REAPPLY in (inputs.get("autoscaling"), olds.get("autoscaling"))
    if not olds.get("endpointConfigName") or is_unknown(inputs.get("name")) or not (
            rollout or inputs.get("desiredInstanceCounts") or in_play):
        return Review()  # nothing deployed yet, or nothing autoscaling could change
    name = inputs.get("name")
    try:
        return _review(inputs, target_for(inputs), rollout)
    except CorruptRecord:
        warn(f"endpoint {name}: its tags pulumi_sagemaker_endpoint:autoscaling:* do not decode; the update stops "
             f"before changing anything until they are restored or removed.")
        return Review()
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"endpoint {name}: could not read its autoscaling during preview ({type(error).__name__}); autoscaled "
             f"variants are checked again before the endpoint is changed.")
        return Review()


def _review(inputs: Mapping[str, Any], target: Target, rollout: bool) -> Review:
    client = sagemaker(target)
    described = find_endpoint(client, inputs["name"])
    if described is None:
        return Review()  # gone (refresh says so) or a new name (a replacement)
    record = read_record(live_tags(client, described["EndpointArn"]))
    result = interrupted(record)
    if not rollout and not inputs.get("desiredInstanceCounts"):
        return result
    live = autoscaled_variants(inputs, target, [v["VariantName"] for v in described.get("ProductionVariants") or []])
    if live is None:
        return result
    recorded = {variant: setup["target"] for variant, setup in ((record or {}).get("variants") or {}).items()}
    scaled = {**recorded, **live}
    result.failures += desired_count_failures(inputs, scaled)
    if not rollout or not scaled:
        return result
    new_config = find_config(client, inputs["endpointConfigName"])
    live_config = find_config(client, described["EndpointConfigName"])
    if new_config is None or live_config is None:  # the rollout rules have warned; checked again before the update
        return result
    found = changes(live_config, new_config, described, scaled)
    result.failures += refusals(inputs, found)
    for change in found:
        text, warning = capacity_plan(inputs, change)
        result.plan += f"; {text}"
        if warning:
            warn(warning)
    return result


def live_failures(inputs: Mapping[str, Any], target: Target, new_config: Mapping[str, Any],
                  described: Mapping[str, Any]) -> list[Failure]:
    """The same rules right before UpdateEndpoint (described: its DescribeEndpoint), where AWS errors are real
    errors."""
    client = sagemaker(target)
    variants = [v["VariantName"] for v in described.get("ProductionVariants") or []]
    scaled = scalable_targets(autoscaling(target), inputs["name"], variants)
    failures = desired_count_failures(inputs, scaled)
    if scaled and mode(inputs) == REFUSE:
        live_config = find_config(client, described["EndpointConfigName"]) or {}
        failures += refusals(inputs, changes(live_config, new_config, described, scaled))
    return failures

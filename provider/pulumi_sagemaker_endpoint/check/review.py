"""`check()`'s one orchestrator: normalise every input form, name the endpoint, validate against schema.json,
apply the rules JSON Schema cannot state, and, only when a rollout is planned (a no-op preview makes no AWS call),
the rules that need the new EndpointConfig and the alarms; then the plan text. `live_failures` is the same
variant and alarm rules, run again before UpdateEndpoint now that AWS must be readable."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ..aws.clients import Target, known_regions
from ..aws.find import alarms
from ..core.unknowns import is_unknown
from . import autoscaling, lookups, rules
from .failures import Failure
from .naming import auto_name
from .normalise import normalise
from .plan import rollout_plan
from .schema import validate

TargetFor = Callable[[Mapping[str, Any]], Target]


def check(olds: Mapping[str, Any], news: Mapping[str, Any],
          target_for: TargetFor) -> tuple[dict[str, Any], list[Failure]]:
    """(checked inputs with their rollout plan, every failure sorted by path)."""
    inputs, failures = check_inputs(olds, news)
    if not failures:
        live, inputs["rolloutPlan"] = review(olds, inputs, target_for)
        scaling = autoscaling.review(olds, inputs, target_for, rollout_planned(olds, inputs))
        inputs["rolloutPlan"] += scaling.plan
        inputs.update(scaling.inputs)
        failures += live + scaling.failures
    return inputs, failures


def check_inputs(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    """What check() can say without AWS."""
    inputs, failures = normalise(news)
    failures += auto_name(inputs, olds)
    failures += validate(inputs)
    if not failures:
        failures += rules.static_failures(inputs)
    return inputs, sorted(set(failures))


def rollout_planned(olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
    new = inputs.get("endpointConfigName")
    return bool(olds.get("endpointConfigName")) and not is_unknown(new) and new != olds.get("endpointConfigName")


def review(olds: Mapping[str, Any], inputs: Mapping[str, Any], target_for: TargetFor) -> tuple[list[Failure], str]:
    """(failures, rollout plan) for checked inputs."""
    failures = region_failures(inputs)
    if not rollout_planned(olds, inputs):
        return failures, rollout_plan(olds, inputs, None)
    target = target_for(inputs)
    config = lookups.new_config(inputs, target)
    if config is None:
        return failures, rollout_plan(olds, inputs, None)
    failures += rules.variant_failures(inputs, config)
    names = rules.alarm_names(inputs)
    existing = lookups.existing_alarms(inputs, target, names) if names else set()
    if existing is not None:
        failures += rules.alarm_failures(inputs, existing)
    return failures, rollout_plan(olds, inputs, rules.instance_count(config))


def region_failures(inputs: Mapping[str, Any]) -> list[Failure]:
    region = inputs.get("region")
    if not isinstance(region, str) or is_unknown(region) or region in known_regions():
        return []
    return [Failure("region", f"region {region!r} has no SageMaker endpoint that botocore knows; use a region "
                              f"where SageMaker is available.")]


def live_failures(inputs: Mapping[str, Any], target: Target, config: Mapping[str, Any]) -> list[Failure]:
    """The variant- and alarm-dependent rules before UpdateEndpoint, where AWS errors are real errors."""
    failures = rules.variant_failures(inputs, config) + autoscaling.live_failures(inputs, target, config)
    names = rules.alarm_names(inputs)
    if names:
        failures += rules.alarm_failures(inputs, set(alarms(target, names)))
    return failures

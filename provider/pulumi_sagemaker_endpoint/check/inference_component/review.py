"""The InferenceComponent's `check()`: normalise every input form (the Endpoint's normaliser, with this table),
name the component, validate against the schema from botocore's model, the timeout and alarm rules it shares with
the Endpoint, and, only when a create or a rollout is planned (a no-op preview makes no AWS call), the placement
on the endpoint, batch sizes against the copy count and whether the rollback alarms exist; then the plan text.
`live_failures` runs the batch and alarm rules again before UpdateInferenceComponent, where AWS must be readable."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ...aws.clients import Target
from ...aws.find import alarms
from ...core.inference_component.properties import ALIASES, OUTPUTS
from ...core.unknowns import known
from .. import rules as shared_rules
from ..failures import Failure
from ..lookups import existing_alarms
from ..naming import auto_name
from ..normalise import STRUCTURES, normalise
from ..review import region_failures
from . import lookups
from .plan import rollout_plan
from .rules import batch_failures, copy_count, placement_failures
from .schema import validate_inference_component

TargetFor = Callable[[Mapping[str, Any]], Target]
IC_STRUCTURES = (*STRUCTURES, "specification", "runtimeConfig")
ROLLOUT_KEYS = ("specification", "runtimeConfig", "deploymentConfig")


def check(olds: Mapping[str, Any], news: Mapping[str, Any],
          target_for: TargetFor) -> tuple[dict[str, Any], list[Failure]]:
    """(checked inputs with their rollout plan, every failure sorted by path)."""
    inputs, shape, failures = _static(olds, news)
    if shape:
        return inputs, sorted(set(shape + failures))
    if olds and all(inputs.get(key) == olds.get(key) for key in ROLLOUT_KEYS):
        inputs["rolloutPlan"] = rollout_plan(olds, inputs, None, None)
        return inputs, sorted(set(failures))
    target = target_for(inputs)
    if not olds and known(inputs.get("endpointName")) and not inputs.get("importId"):
        found = lookups.placement(inputs, target)
        if found.known:
            failures += placement_failures(inputs, found.endpoint, found.config)
    scaled = lookups.scaled(inputs, target) if olds and known(inputs.get("name")) else None
    count = None if scaled is not None else copy_count(inputs)  # the autoscaler's count is checked at update
    failures += batch_failures(inputs, count)
    names = shared_rules.alarm_names(inputs)
    existing = existing_alarms(inputs, target, names) if names else set()
    if existing is not None:
        failures += shared_rules.alarm_failures(inputs, existing)
    inputs["rolloutPlan"] = rollout_plan(olds, inputs, count, scaled)
    return inputs, sorted(set(failures))


def check_inputs(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    """What check() can say without AWS."""
    inputs, shape, failures = _static(olds, news)
    if not shape:
        failures += batch_failures(inputs, copy_count(inputs))
    return inputs, sorted(set(shape + failures))


def _static(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure], list[Failure]]:
    """(inputs, failures of their shape, failures of the rules that need no AWS and a well-shaped input)."""
    inputs, shape = normalise(news, ALIASES, OUTPUTS, IC_STRUCTURES)
    if "variantName" not in inputs and known(olds.get("variantName")):
        inputs["variantName"] = olds["variantName"]  # the one SageMaker chose: the endpoint's only variant
    shape = shape + auto_name(inputs, olds) + validate_inference_component(inputs)
    if shape:
        return inputs, shape, []
    return inputs, [], shared_rules.static_failures(inputs) + region_failures(inputs)


def live_failures(inputs: Mapping[str, Any], target: Target, count: int | None) -> list[Failure]:
    """The batch and alarm rules before UpdateInferenceComponent, where AWS errors are real errors."""
    failures = batch_failures(inputs, count)
    names = shared_rules.alarm_names(inputs)
    if names:
        failures += shared_rules.alarm_failures(inputs, set(alarms(target, names)))
    return failures

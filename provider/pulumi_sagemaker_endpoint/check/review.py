"""`check()`'s one orchestrator: normalise every input form, name the endpoint, validate against schema.json,
apply the rules JSON Schema cannot state, and, only when the EndpointConfig matters (a rollout, a create with rules
that need it, changed weights or counts: a no-op preview makes no AWS call), the rules that need it and the alarms
(deployment_review.py adds weights and counts, the guardrail exclusions and the last outcome); then the plan text.
`live_failures` is the same variant and alarm rules, run again before UpdateEndpoint now that AWS must be
readable."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ..aws.clients import Target, known_regions
from ..aws.find import alarms
from ..core.unknowns import is_unknown
from . import autoscaling, deployment_review, hosted_components, lookups, rules
from .failures import Failure
from .naming import auto_name, claim
from .normalise import normalise
from .schema import validate

TargetFor = Callable[[Mapping[str, Any]], Target]


def check(olds: Mapping[str, Any], news: Mapping[str, Any],
          target_for: TargetFor) -> tuple[dict[str, Any], list[Failure]]:
    """(checked inputs with their rollout plan, every failure sorted by path)."""
    inputs, failures = normalise(news)
    explicit = "name" in inputs
    failures = _static(inputs, olds, failures)
    if failures:
        return inputs, failures
    target = target_for(inputs)
    failures = claim(inputs, olds, explicit, target)
    live, plan = review(olds, inputs, lambda _inputs: target)
    scaling = autoscaling.review(olds, inputs, lambda _inputs: target, deployment_review.rolling_out(olds, inputs))
    hosted_failures, hosted_plan = hosted_components.review(olds, inputs, target)
    inputs["rolloutPlan"] = plan + scaling.plan + hosted_plan
    inputs.update(scaling.inputs)
    return inputs, sorted(set(failures + live + scaling.failures + hosted_failures))


def check_inputs(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    """What check() can say without AWS."""
    inputs, failures = normalise(news)
    return inputs, _static(inputs, olds, failures)


def _static(inputs: dict[str, Any], olds: Mapping[str, Any], failures: list[Failure]) -> list[Failure]:
    failures = failures + auto_name(inputs, olds) + validate(inputs)
    if not failures:
        failures += rules.static_failures(inputs) + region_failures(inputs)
    return sorted(set(failures))


def review(olds: Mapping[str, Any], inputs: Mapping[str, Any], target_for: TargetFor) -> tuple[list[Failure], str]:
    """(failures, rollout plan) for checked inputs."""
    failures: list[Failure] = []
    if not deployment_review.config_needed(olds, inputs):
        return failures, deployment_review.plan(olds, inputs, None)
    target = target_for(inputs)
    config = lookups.new_config(inputs, target)
    if config is None:
        return failures, deployment_review.plan(olds, inputs, None, target)
    live = deployment_review.live_view(olds, inputs, target)
    failures += rules.variant_failures(inputs, config) + deployment_review.failures(inputs, config, live)
    names = rules.alarm_names(inputs)
    existing = lookups.existing_alarms(inputs, target, names) if names else set()
    if existing is not None:
        failures += deployment_review.alarm_failures(olds, inputs, rules.alarm_failures(inputs, existing))
    return failures, deployment_review.plan(olds, inputs, config, target, live)


def region_failures(inputs: Mapping[str, Any]) -> list[Failure]:
    region = inputs.get("region")
    if not isinstance(region, str) or is_unknown(region) or region in known_regions():
        return []
    return [Failure("region", f"region {region!r} has no SageMaker endpoint that botocore knows; use a region "
                              f"where SageMaker is available.")]


def live_failures(inputs: Mapping[str, Any], target: Target, config: Mapping[str, Any],
                  live: Mapping[str, Any]) -> list[Failure]:
    """The variant-, autoscaling- and alarm-dependent rules before UpdateEndpoint (live: its DescribeEndpoint),
    where AWS errors are real errors."""
    failures = (rules.variant_failures(inputs, config) + deployment_review.failures(inputs, config, live)
                + autoscaling.live_failures(inputs, target, config, live)
                + hosted_components.live_failures(inputs, target, config))
    names = rules.alarm_names(inputs)
    if names:
        failures += rules.alarm_failures(inputs, set(alarms(target, names)))
    return failures

"""What `check()` learns from AWS, only when a rollout is planned (a no-op preview makes no AWS call): the new
EndpointConfig's variants for the batch-size rules and the plan, and whether the named alarms exist. When AWS
cannot be read, a warning says so; deploy.py checks the same rules again before UpdateEndpoint."""
from __future__ import annotations

import sys
from typing import Any, Callable, Mapping

from . import aws, endpoint, rules
from .plan import rollout_plan
from .schema import Failure, is_unknown

TargetFor = Callable[[Mapping[str, Any]], aws.Target]


def rollout_planned(olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
    new = inputs.get("endpointConfigName")
    return bool(olds.get("endpointConfigName")) and not is_unknown(new) and new != olds.get("endpointConfigName")


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def review(olds: Mapping[str, Any], inputs: Mapping[str, Any], target_for: TargetFor) -> tuple[list[Failure], str]:
    """(failures, rollout plan) for checked inputs."""
    failures = region_failures(inputs)
    if not rollout_planned(olds, inputs):
        return failures, rollout_plan(olds, inputs, None)
    name, config_name = inputs.get("name"), inputs["endpointConfigName"]
    target = target_for(inputs)
    try:
        config = endpoint.find_config(endpoint.sagemaker(target), config_name)
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"endpoint {name}: could not read endpoint config {config_name!r} during preview "
             f"({type(error).__name__}); its rules are checked again before UpdateEndpoint.")
        return failures, rollout_plan(olds, inputs, None)
    if config is None:
        warn(f"endpoint {name}: endpoint config {config_name!r} is not visible yet; if this update creates it that "
             f"is expected, and its rules are checked again before UpdateEndpoint.")
        return failures, rollout_plan(olds, inputs, None)
    failures += rules.variant_failures(inputs, config)
    failures += alarm_failures(inputs, target)
    return failures, rollout_plan(olds, inputs, rules.instance_count(config))


def region_failures(inputs: Mapping[str, Any]) -> list[Failure]:
    region = inputs.get("region")
    if not isinstance(region, str) or is_unknown(region) or region in aws.known_regions():
        return []
    return [Failure("region", f"region {region!r} has no SageMaker endpoint that botocore knows; use a region "
                              f"where SageMaker is available.")]


def alarm_failures(inputs: Mapping[str, Any], target: aws.Target) -> list[Failure]:
    names = rules.alarm_names(inputs)
    if not names:
        return []
    from .deploy import existing_alarms

    try:
        return rules.alarm_failures(inputs, existing_alarms(target, names))
    except Exception as error:  # noqa: BLE001
        warn(f"endpoint {inputs.get('name')}: could not read CloudWatch alarms during preview "
             f"({type(error).__name__}); they are checked again before UpdateEndpoint.")
        return []

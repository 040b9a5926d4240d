"""Find helpers: one AWS read each, answering None for "not found", and the retry of SageMaker's eventual
consistency for an EndpointConfig created moments ago."""
from __future__ import annotations

import random
import time
from typing import Any, Callable, Iterable

from ..core.shapes import tags_from_api
from ..core.words import words
from .clients import Target, cloudwatch
from .errors import EndpointError, is_config_not_visible, is_not_found
from .scaling import DIMENSION, NAMESPACE, resource_id, target_keys

CONSISTENCY_RETRY_SECONDS = 120.0


def _unless_missing(call: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    try:
        return call()
    except Exception as error:
        if is_not_found(error):
            return None
        raise


def find_endpoint(client: Any, name: str) -> dict[str, Any] | None:
    return _unless_missing(lambda: client.describe_endpoint(EndpointName=name))


def find_config(client: Any, name: str) -> dict[str, Any] | None:
    return _unless_missing(lambda: client.describe_endpoint_config(EndpointConfigName=name))


def live_tags(client: Any, arn: str) -> dict[str, str]:
    return tags_from_api(client.list_tags(ResourceArn=arn).get("Tags", []))


def alarms(target: Target, names: list[str]) -> dict[str, str]:
    """The named CloudWatch alarms that exist, with their state (OK, ALARM, INSUFFICIENT_DATA)."""
    found = cloudwatch(target).describe_alarms(AlarmNames=names).get("MetricAlarms", [])
    return {alarm["AlarmName"]: alarm.get("StateValue", "") for alarm in found}


def scalable_targets(client: Any, endpoint: str, variants: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The endpoint's variants that Application Auto Scaling scales, each with its DescribeScalableTargets entry."""
    ids = {resource_id(endpoint, variant): variant for variant in variants}
    if not ids:
        return {}
    pages = client.get_paginator("describe_scalable_targets").paginate(
        ServiceNamespace=NAMESPACE, ResourceIds=list(ids), ScalableDimension=DIMENSION)
    return {ids[target["ResourceId"]]: target for page in pages for target in page.get("ScalableTargets", [])
            if target.get("ResourceId") in ids}


def scaling_policies(client: Any, endpoint: str, variant: str) -> list[dict[str, Any]]:
    pages = client.get_paginator("describe_scaling_policies").paginate(**target_keys(endpoint, variant))
    return [policy for page in pages for policy in page.get("ScalingPolicies", [])]


def scheduled_actions(client: Any, endpoint: str, variant: str) -> list[dict[str, Any]]:
    pages = client.get_paginator("describe_scheduled_actions").paginate(**target_keys(endpoint, variant))
    return [action for page in pages for action in page.get("ScheduledActions", [])]


def require_config(client: Any, name: str, endpoint: str, deadline: float) -> dict[str, Any]:
    """DescribeEndpointConfig, retrying 'not found' for a while: a config created moments ago may not be visible."""
    config = retry_consistency(lambda: find_config(client, name), deadline)
    if config is None:
        raise EndpointError(f"{words().config_input} {name!r} of endpoint {endpoint!r} does not exist in this account "
                            f"and region; create the EndpointConfig first or fix the name.")
    return config


def retry_consistency(call: Callable[[], Any], deadline: float) -> Any:
    """Call until it returns something other than None, or raises other than the consistency ValidationException
    (an EndpointConfig created moments ago that CreateEndpoint/UpdateEndpoint cannot see yet)."""
    limit = min(deadline, time.monotonic() + CONSISTENCY_RETRY_SECONDS)
    delay = 0.5
    while True:
        try:
            result = call()
        except Exception as error:
            if not (is_config_not_visible(error) and time.monotonic() < limit):
                raise
            result = None
        if result is not None or time.monotonic() >= limit:
            return result
        time.sleep(min(delay, max(0.0, limit - time.monotonic())) * random.uniform(0.8, 1.0))
        delay = min(delay * 2, 8.0)

"""Find helpers: one AWS read each, answering None for "not found", and the retry of SageMaker's eventual
consistency for an EndpointConfig created moments ago."""
from __future__ import annotations

import random
import time
from typing import Any, Callable

from ..core.shapes import tags_from_api
from .clients import Target, cloudwatch
from .errors import EndpointError, is_config_not_visible, is_not_found

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


def require_config(client: Any, name: str, endpoint: str, deadline: float) -> dict[str, Any]:
    """DescribeEndpointConfig, retrying 'not found' for a while: a config created moments ago may not be visible."""
    config = retry_consistency(lambda: find_config(client, name), deadline)
    if config is None:
        raise EndpointError(f"endpointConfigName {name!r} of endpoint {endpoint!r} does not exist in this account "
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

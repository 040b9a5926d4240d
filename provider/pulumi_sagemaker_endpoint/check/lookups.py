"""What `check()` reads from AWS, only when a rollout is planned: the new EndpointConfig and whether the named
rollback alarms exist. A preview must not fail because AWS cannot be read: then a warning says so and the same
rules run again before UpdateEndpoint."""
from __future__ import annotations

import sys
from typing import Any, Mapping

from ..aws.clients import Target, sagemaker
from ..aws.find import alarms, find_config


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def new_config(inputs: Mapping[str, Any], target: Target) -> dict[str, Any] | None:
    """DescribeEndpointConfig of the config to roll out; None (with a warning) when it cannot be read or seen."""
    name, config_name = inputs.get("name"), inputs["endpointConfigName"]
    try:
        config = find_config(sagemaker(target), config_name)
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"endpoint {name}: could not read endpoint config {config_name!r} during preview "
             f"({type(error).__name__}); its rules are checked again before UpdateEndpoint.")
        return None
    if config is None:
        warn(f"endpoint {name}: endpoint config {config_name!r} is not visible yet; if this update creates it that "
             f"is expected, and its rules are checked again before UpdateEndpoint.")
    return config


def existing_alarms(inputs: Mapping[str, Any], target: Target, names: list[str]) -> set[str] | None:
    """The named alarms that exist; None (with a warning) when CloudWatch cannot be read."""
    try:
        return set(alarms(target, names))
    except Exception as error:  # noqa: BLE001
        warn(f"endpoint {inputs.get('name')}: could not read CloudWatch alarms during preview "
             f"({type(error).__name__}); they are checked again before UpdateEndpoint.")
        return None

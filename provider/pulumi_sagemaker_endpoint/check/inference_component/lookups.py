"""What the InferenceComponent's check() reads from AWS, only when a create or a rollout is planned: the endpoint
and its EndpointConfig, and whether Application Auto Scaling owns the copy count. A preview must not fail because
AWS cannot be read: a warning says so, and create and update meet the same rules at SageMaker."""
from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from ...aws.clients import Target, autoscaling, sagemaker
from ...aws.find import find_config, find_endpoint
from ...aws.inference_component.find import copy_count_target, scaling_range
from ..lookups import warn


class Placement(NamedTuple):
    known: bool                         # False: AWS could not be read
    endpoint: dict[str, Any] | None     # DescribeEndpoint, None when it does not exist
    config: dict[str, Any] | None       # its EndpointConfig, None when unreadable


def placement(inputs: Mapping[str, Any], target: Target) -> Placement:
    client = sagemaker(target)
    try:
        endpoint = find_endpoint(client, inputs["endpointName"])
        config = find_config(client, endpoint["EndpointConfigName"]) if endpoint else None
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"inference component {inputs.get('name')}: could not read endpoint {inputs['endpointName']!r} during "
             f"preview ({type(error).__name__}); SageMaker checks its placement at create.")
        return Placement(False, None, None)
    return Placement(True, endpoint, config)


def scaled(inputs: Mapping[str, Any], target: Target) -> str | None:
    """The copy count's scalable range ("1-4"); None when it is not autoscaled or cannot be read (with a
    warning)."""
    try:
        return scaling_range(copy_count_target(autoscaling(target), inputs["name"]))
    except Exception as error:  # noqa: BLE001
        warn(f"inference component {inputs.get('name')}: could not read Application Auto Scaling during preview "
             f"({type(error).__name__}); whether the copy count is autoscaled is checked again at update.")
        return None

"""Find helpers for inference components: one AWS read each, answering None for "not found"."""
from __future__ import annotations

from typing import Any

from ..errors import is_not_found
from ..scaling import NAMESPACE

DIMENSION = "sagemaker:inference-component:DesiredCopyCount"
PAGE_SIZE = 100  # ListInferenceComponents MaxResults (the API's maximum)


def resource_id(name: str) -> str:
    """The Application Auto Scaling resource id of a component's copy count."""
    return f"inference-component/{name}"


def find_inference_component(client: Any, name: str) -> dict[str, Any] | None:
    try:
        return client.describe_inference_component(InferenceComponentName=name)
    except Exception as error:
        if is_not_found(error):
            return None
        raise


def hosted_on(client: Any, endpoint: str) -> list[dict[str, Any]]:
    """ListInferenceComponents entries of the components placed on `endpoint`, every page."""
    pages = client.get_paginator("list_inference_components").paginate(
        EndpointNameEquals=endpoint, PaginationConfig={"PageSize": PAGE_SIZE})
    return [entry for page in pages for entry in page.get("InferenceComponents", [])
            if entry.get("EndpointName") == endpoint]


def copy_count_target(client: Any, name: str) -> dict[str, Any] | None:
    """The scalable target of the component's copy count, when Application Auto Scaling scales it."""
    found = client.describe_scalable_targets(ServiceNamespace=NAMESPACE, ResourceIds=[resource_id(name)],
                                             ScalableDimension=DIMENSION).get("ScalableTargets", [])
    return found[0] if found else None


def scaling_range(target: dict[str, Any] | None) -> str | None:
    """A scalable target's range as the plan and the state say it ("1-4"); None for no target."""
    return None if target is None else f"{target.get('MinCapacity')}-{target.get('MaxCapacity')}"

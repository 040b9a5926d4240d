"""Read (refresh, `InferenceComponent.get`): the component as SageMaker has it now. The specification is compared on
the members the program sets (shapes.live_specification), so a change made outside Pulumi shows and the next
`pulumi up` puts the program's back. The copy count is drift only when the program owns it: one under Application
Auto Scaling is the autoscaler's, so refresh keeps the program's. A component that is gone leaves the state."""
from __future__ import annotations

from typing import Any, Mapping

from ...aws.clients import Target, autoscaling, sagemaker
from ...aws.errors import explain
from ...aws.find import live_tags
from ...aws.inference_component.find import copy_count_target, find_inference_component, scaling_range
from ...core.inference_component.properties import STATE_INPUTS
from ...core.owner import OWNER_TAG
from ..tags import program_tags
from .delete import NOUN
from .shapes import live_specification, outputs


def read(name: str, props: Mapping[str, Any], target: Target) -> tuple[dict, dict] | None:
    """(outputs, inputs) as SageMaker has them now, or None when the component is gone."""
    client = sagemaker(target)
    try:
        described = find_inference_component(client, name)
        if described is None:
            return None
        tags = live_tags(client, described["InferenceComponentArn"])
        scaled = scaling_range(copy_count_target(autoscaling(target), name))
    except Exception as error:
        raise explain(error, name, "reading", NOUN) from None
    inputs = {key: props[key] for key in STATE_INPUTS if key in props}
    inputs.update(name=described["InferenceComponentName"], endpointName=described["EndpointName"],
                  variantName=described["VariantName"])
    inputs["specification"] = live_specification(described.get("Specification") or {}, inputs.get("specification"))
    copies = (described.get("RuntimeConfig") or {}).get("DesiredCopyCount")
    if scaled is None and copies is not None:
        inputs["runtimeConfig"] = {**(inputs.get("runtimeConfig") or {}), "copyCount": copies}
    tags_now = program_tags(tags)
    if tags_now or "tags" in inputs:
        inputs["tags"] = tags_now
    if "owner" not in inputs and tags.get(OWNER_TAG):
        inputs["owner"] = tags[OWNER_TAG]
    return outputs(inputs, described, scaled), inputs

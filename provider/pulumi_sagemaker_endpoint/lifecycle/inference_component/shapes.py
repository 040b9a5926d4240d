"""The InferenceComponent's expand/flatten pair: requests from the state (camelCase to the API's shape) and the
state from what DescribeInferenceComponent reports."""
from __future__ import annotations

from typing import Any, Mapping

from ...aws.find import live_tags
from ...core.inference_component.properties import BY_STATE, CREATE, PROPERTIES, STATE_INPUTS
from ...core.owner import CREATING_TAG, OWNER_TAG
from ...core.properties import taken_by
from ...core.shapes import DATA_MAPS, camelize, pascalize, tags_to_api
from ..outputs import iso
from ..tags import program_tags, tags_with_owner

DESCRIBED = tuple(BY_STATE[key] for key in ("arn", "status", "failureReason", "creationTime"))
COPIES = tuple(BY_STATE[key] for key in ("desiredCopyCount", "currentCopyCount"))  # of RuntimeConfig


def create_request(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """CreateInferenceComponent; the creating tag marks it until create() returns (core/owner.py)."""
    request = {p.api: pascalize(inputs[p.state]) for p in taken_by(CREATE, PROPERTIES)
               if p.state in inputs and p.state != "tags"}
    tags = tags_to_api(tags_with_owner(inputs))
    if inputs.get("owner"):
        tags.append({"Key": CREATING_TAG, "Value": "true"})
    return {**request, "Tags": tags} if tags else request


def update_request(name: str, news: Mapping[str, Any], specification: bool, copies: bool) -> dict[str, Any]:
    """UpdateInferenceComponent with what changed and the resource's deployment config."""
    request: dict[str, Any] = {"InferenceComponentName": name}
    if specification:
        request["Specification"] = pascalize(news["specification"])
    if copies:
        request["RuntimeConfig"] = pascalize(news["runtimeConfig"])
    if news.get("deploymentConfig"):
        request["DeploymentConfig"] = pascalize(news["deploymentConfig"])
    return request


def outputs(inputs: Mapping[str, Any], described: Mapping[str, Any], scaled: str | None) -> dict[str, Any]:
    """State outputs: the inputs as given plus what SageMaker reports."""
    outs = {key: inputs[key] for key in STATE_INPUTS if key in inputs}
    outs.update({p.state: iso(described.get(p.api)) for p in DESCRIBED})
    runtime = described.get("RuntimeConfig") or {}
    outs.update({p.state: runtime.get(p.api) for p in COPIES})
    outs.update(name=described["InferenceComponentName"], endpointName=described["EndpointName"],
                variantName=described["VariantName"], autoscaled=scaled)
    return outs


def specification_of(summary: Mapping[str, Any]) -> dict[str, Any]:
    """The state's specification from a SpecificationSummary: the deployed image as it was specified."""
    spec = {key: value for key, value in summary.items() if key != "Container"}
    container = summary.get("Container")
    if container:
        spec["Container"] = {key: value for key, value in container.items() if key != "DeployedImage"}
        image = (container.get("DeployedImage") or {}).get("SpecifiedImage")
        if image:
            spec["Container"]["Image"] = image
    return camelize(spec)


def live_specification(summary: Mapping[str, Any], specified: Any) -> dict[str, Any]:
    """The live specification in the state's form, on the members `specified` (the state's) sets: what the program
    leaves out SageMaker may fill in, and is no drift; a member it sets that differs or is gone is. Without
    `specified` (`InferenceComponent.get`), all of it."""
    live = specification_of(summary)
    return live if specified is None else on_members(live, specified)


def on_members(live: Any, specified: Any) -> Any:
    """`live` with only the structure members `specified` has, recursively; a data map (environment) is one value."""
    if not (isinstance(live, Mapping) and isinstance(specified, Mapping)):
        return live
    return {key: live[key] if key in DATA_MAPS else on_members(live[key], wanted)
            for key, wanted in specified.items() if key in live}


def live_olds(client: Any, described: Mapping[str, Any]) -> dict[str, Any]:
    """The old state of a component known only from SageMaker: placement, specification, copies, tags, owner."""
    tags = live_tags(client, described["InferenceComponentArn"])
    olds = {"name": described["InferenceComponentName"], "arn": described["InferenceComponentArn"],
            "endpointName": described["EndpointName"], "variantName": described["VariantName"],
            "specification": specification_of(described.get("Specification") or {}),
            "tags": program_tags(tags), "owner": tags.get(OWNER_TAG)}
    copies = (described.get("RuntimeConfig") or {}).get("DesiredCopyCount")
    if copies is not None:
        olds["runtimeConfig"] = {"copyCount": copies}
    return olds

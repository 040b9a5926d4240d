"""The inference components an Endpoint hosts, as the Endpoint sees them: listed in its outputs (name, desired and
current copies), and, before the endpoint is deleted (SageMaker refuses to delete an endpoint that hosts any), the
ones this stack owns deleted first - adapters before their base - and waited out. Components that no resource of
this stack owns make the delete fail before anything is deleted."""
from __future__ import annotations

from typing import Any, Mapping

from ..aws.clients import Target
from ..aws.errors import EndpointError
from ..aws.find import live_tags
from ..aws.inference_component.find import find_inference_component, hosted_on
from ..check.hosted_components import hosts_components
from ..core import events
from ..core.owner import OWNER_TAG, parse
from .inference_component.delete import delete_inference_component


def hosts(outs: Mapping[str, Any]) -> bool:
    """Whether the endpoint's live EndpointConfig (in its state or outputs) can host inference components."""
    return hosts_components(outs.get("productionVariants"))


def listed(client: Any, endpoint: str) -> list[dict[str, Any]]:
    """Each hosted component's name and copy counts, by name."""
    found = [find_inference_component(client, entry["InferenceComponentName"]) for entry in hosted_on(client, endpoint)]
    return [{"name": d["InferenceComponentName"], "desiredCopyCount": (d.get("RuntimeConfig") or {}).get(
        "DesiredCopyCount"), "currentCopyCount": (d.get("RuntimeConfig") or {}).get("CurrentCopyCount")}
        for d in sorted((d for d in found if d), key=lambda d: d["InferenceComponentName"])]


def with_hosted(client: Any, outs: dict[str, Any]) -> dict[str, Any]:
    """outs with `hostedInferenceComponents` when the endpoint can host components (no call otherwise)."""
    if hosts(outs):
        outs["hostedInferenceComponents"] = listed(client, outs["name"])
    return outs


def same_stack(tag: str | None, owner: str | None) -> bool:
    if not tag or not owner:
        return False
    theirs, ours = parse(tag), parse(owner)
    organizations = {theirs.organization, ours.organization} - {None}
    return len(organizations) <= 1 and (theirs.project, theirs.stack) == (ours.project, ours.stack)


def clear(client: Any, target: Target, endpoint: str, owner: str | None, deadline: float) -> None:
    """Delete the components this stack owns from `endpoint`, adapters first, each waited out; refuse (before any
    delete) when others are there."""
    components = [d for d in (find_inference_component(client, e["InferenceComponentName"])
                              for e in hosted_on(client, endpoint)) if d]
    foreign = sorted(d["InferenceComponentName"] for d in components
                     if not same_stack(live_tags(client, d["InferenceComponentArn"]).get(OWNER_TAG), owner))
    if foreign:
        raise EndpointError(
            f"Endpoint {endpoint!r} cannot be deleted: it hosts inference component(s) {', '.join(foreign)} that no "
            f"resource of this stack owns, and SageMaker refuses to delete an endpoint that hosts any; delete or "
            f"move them (or manage them in this stack), then run `pulumi destroy` again. Nothing was deleted.")
    adapters = [d for d in components if (d.get("Specification") or {}).get("BaseInferenceComponentName")]
    for component in adapters + [d for d in components if d not in adapters]:
        name = component["InferenceComponentName"]
        events.emit(name, f"deleting it (this stack's) before its endpoint {endpoint}", events.INFERENCE_COMPONENT)
        delete_inference_component(client, target, name, deadline)

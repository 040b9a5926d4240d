"""Weights and desired instance counts in place: UpdateEndpointWeightsAndCapacities for what differs from the live
fleet (no new EndpointConfig, no new fleet), each request followed until InService. A request carries the weights
of any variants but the capacity of one variant only (the API reference: "variant weight of one or more variants
..., or capacity of one variant"), so several counts take several requests.
"""
from __future__ import annotations

from typing import Any, Collection, Mapping

from ..aws import waiting
from ..aws.clients import Target
from ..aws.errors import EndpointError, is_in_progress
from ..aws.find import find_endpoint
from ..check import capacity
from ..core import events
from ..core.words import words
from .outputs import outputs


def converge(client: Any, target: Target, name: str, inputs: Mapping[str, Any], config: Mapping[str, Any] | None,
             described: Mapping[str, Any], deadline: float, olds: Mapping[str, Any] | None = None,
             autoscaled: Collection[str] = ()) -> dict[str, Any] | None:
    """The outputs after bringing the live endpoint to the program's weights and counts; None when nothing had to
    change. With `olds` (an update without a rollout) only when the program changed them; `autoscaled` names
    variants whose count Application Auto Scaling owns, which are never sent."""
    if not capacity.asked(inputs) or (olds is not None and not capacity.changed(olds, inputs)):
        return None
    found = capacity.failures(inputs, config) if config else []
    if found:
        raise EndpointError(" ".join(failure.reason for failure in found))
    if "ProductionVariants" not in described:  # a ListEndpoints entry: no fleet in it
        described = _described(client, name)
    sent: list[dict[str, Any]] | None = None
    while True:
        fleet = capacity.from_summary(described.get("ProductionVariants", []))
        request = first_request(capacity.pending(inputs, fleet, autoscaled))
        if not request:
            return None if sent is None else outputs(inputs, described, config)
        if request == sent:
            raise EndpointError(
                f"SageMaker did not apply the {capacity.plan_text(request, fleet)} to endpoint {name!r} "
                f"({described.get('FailureReason') or 'no reason given'}); {words().see_live}, then "
                f"{words().again}.")
        if described["EndpointStatus"] != "InService":
            described = _in_service(client, target, name, described, deadline)
            continue
        if _send(client, name, request):
            events.emit(name, f"changing {capacity.plan_text(request, fleet)}")
            waiting.wait_for(target, name, waiting.UPDATE, deadline, "changing the weights and capacities of")
            sent = request
        else:
            waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting to change the weights and capacities of")
        described = _described(client, name)


# The API's types (numbers cross the engine's wire as floats: 4 arrives as 4.0).
TYPES = {capacity.WEIGHT: float, capacity.COUNT: int}


def first_request(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every weight, with the instance count of the first variant whose count differs."""
    request, resized = [], False
    for entry in entries:
        keep = {key: TYPES[key](value) if key in TYPES else value for key, value in entry.items()}
        if capacity.COUNT in keep and resized:
            del keep[capacity.COUNT]
        resized = resized or capacity.COUNT in keep
        if set(keep) != {"VariantName"}:
            request.append(keep)
    return request


def _send(client: Any, name: str, request: list[dict[str, Any]]) -> bool:
    """False when SageMaker was busy (the autoscaler, a deployment, or our own request retried by botocore after
    a dropped connection): the caller waits that out and looks again."""
    try:
        client.update_endpoint_weights_and_capacities(EndpointName=name, DesiredWeightsAndCapacities=request)
        return True
    except Exception as error:
        if not is_in_progress(error):
            raise
        return False


def _in_service(client: Any, target: Target, name: str, described: Mapping[str, Any],
                deadline: float) -> dict[str, Any]:
    if waiting.SETTLED.action(described["EndpointStatus"]) == waiting.WAIT:
        waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting to change the weights and capacities of")
        described = _described(client, name)
    if described["EndpointStatus"] != "InService":
        raise EndpointError(f"Endpoint {name!r} is {described['EndpointStatus']}, so its weights and capacities "
                            f"cannot be changed; {words().see_live}, then {words().again}.")
    return dict(described)


def _described(client: Any, name: str) -> dict[str, Any]:
    described = find_endpoint(client, name)
    if described is None:
        raise EndpointError(f"Endpoint {name!r} was deleted while its weights and capacities were being changed; "
                            f"{words().recreate}.")
    return described

"""Create: verify the EndpointConfig exists (retrying SageMaker's eventual consistency) and that the inputs fit it,
CreateEndpoint, wait until InService, then set the program's weights and counts in place. A failed create is
deleted before the error is raised. An endpoint that an interrupted create of this very resource made (it carries
our owner and the creating tag) is adopted; one that this resource finished creating is never taken over, so a
replacement (`--replace`, taint, a replacement trigger) cannot adopt the endpoint it replaces and then see the
engine delete it."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ..aws import waiting
from ..aws.clients import Target, sagemaker
from ..aws.errors import EndpointError, InvalidInputs, explain, is_already_exists
from ..aws.find import find_endpoint, require_config, retry_consistency
from ..check.deployment_review import create_failures
from ..core import events, timeouts
from ..core.words import words
from .weights import converge
from .delete import delete_endpoint
from .hosted_components import with_hosted
from .name_taken import Refusals, adopt_or_refuse
from .outputs import live_olds, outputs
from .requests import create_request
from ..core.owner import CREATING_TAG
from .tags import tags_with_owner
from .update import update


def create(inputs: Mapping[str, Any], target: Target, wait: bool = True) -> dict[str, Any]:
    """wait=False returns right after CreateEndpoint (outputs as DescribeEndpoint then has them)."""
    name, config_name = inputs["name"], inputs["endpointConfigName"]
    deadline = time.monotonic() + timeouts.seconds(inputs, "create")
    client = sagemaker(target)
    try:
        config = require_config(client, config_name, name, deadline)
        failures = create_failures(inputs, config)
        if failures:
            raise InvalidInputs(failures)
        adopted = not _start_create(client, inputs, deadline)
        if not wait:
            return outputs(inputs, retry_consistency(lambda: find_endpoint(client, name), deadline), config)
        seen = waiting.wait_for(target, name, waiting.CREATE, deadline, "creating")
        if seen.status != "InService":
            _clean_up_failed(client, target, name, deadline)
        if adopted:
            outs = _converge(client, target, inputs, config, deadline)
        else:
            outs = converge(client, target, name, inputs, config, seen.summary, deadline) or outputs(
                inputs, seen.summary, config)
        if inputs.get("owner"):
            client.delete_tags(ResourceArn=outs["arn"], TagKeys=[CREATING_TAG])
        return with_hosted(client, outs)
    except Exception as error:
        raise explain(error, name, "creating") from None


def _start_create(client: Any, inputs: Mapping[str, Any], deadline: float) -> bool:
    """CreateEndpoint; False when an endpoint of that name exists that an interrupted create of ours made."""
    request = create_request(inputs)
    if inputs.get("owner"):
        request["Tags"].append({"Key": CREATING_TAG, "Value": "true"})
    try:
        retry_consistency(lambda: client.create_endpoint(**request), deadline)
        return True
    except Exception as error:
        if not is_already_exists(error):
            raise
    name = inputs["name"]
    existing = find_endpoint(client, name)
    adopt_or_refuse(client, waiting.ENDPOINT, name, existing, inputs.get("owner"), _refusals(name, existing))
    return False


def _refusals(name: str, existing: Mapping[str, Any] | None) -> Refusals:
    live = existing["EndpointName"] if existing else name  # names are unique regardless of case
    return Refusals(
        deleting=f"Endpoint {name!r} is being deleted; wait for it to go, then {words().again}.",
        ours=f"Endpoint {live!r} is the live endpoint of this very resource, so its replacement cannot take the "
             f"name: with an explicit name set opts=pulumi.ResourceOptions(delete_before_replace=True) on this "
             f"Endpoint; without one, run `pulumi up` again and the replacement gets a free name.",
        theirs=f"Endpoint {live!r} already exists (names are unique regardless of case)"
               f"{words().taken.format(name=live)}.")


def _converge(client: Any, target: Target, inputs: Mapping[str, Any], config: Any, deadline: float) -> dict[str, Any]:
    """An adopted endpoint of ours made by an earlier run may carry that run's config or tags: update it to these."""
    name = inputs["name"]
    live = find_endpoint(client, name)
    if live is None:
        raise EndpointError(f"Endpoint {name!r} was deleted while it was being adopted; "
                            f"{words().again} to create it.")
    olds = live_olds(client, live)
    if olds["endpointConfigName"] == inputs["endpointConfigName"] and tags_with_owner(olds) == tags_with_owner(inputs):
        return converge(client, target, name, inputs, config, live, deadline) or outputs(inputs, live, config)
    return update(name, olds, inputs, target)


def _clean_up_failed(client: Any, target: Target, name: str, deadline: float) -> None:
    """A failed create leaves nothing behind: delete it, then report SageMaker's reason."""
    described = find_endpoint(client, name) or {}
    reason = described.get("FailureReason") or f"status {described.get('EndpointStatus', 'unknown')}"
    events.emit(name, f"failed to create ({reason}); deleting it")
    delete_endpoint(client, target, name, max(deadline, time.monotonic() + timeouts.DEFAULTS["delete"]))
    raise EndpointError(f"Endpoint {name!r} failed to create: {reason.rstrip('.')}. The failed endpoint was "
                        f"deleted; fix the cause (model, image, instance quota) and {words().again}.")

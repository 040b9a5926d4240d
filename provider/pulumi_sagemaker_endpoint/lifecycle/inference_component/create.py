"""Create an inference component: CreateInferenceComponent, wait until InService. A failed create is deleted
before the error is raised with SageMaker's FailureReason. One that an interrupted create of this very resource made
(our owner and the creating tag on it, core/owner.py) is adopted; one this resource finished creating, or another's,
is never taken over."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ...aws import waiting
from ...aws.clients import Target, autoscaling, sagemaker
from ...aws.errors import EndpointError, explain, is_already_exists
from ...aws.inference_component.find import copy_count_target, find_inference_component, scaling_range
from ...core import events, timeouts
from ...core.owner import CREATING_TAG
from ..name_taken import Refusals, adopt_or_refuse
from .delete import KIND, NOUN, delete_inference_component
from .shapes import create_request, outputs


def create(inputs: Mapping[str, Any], target: Target) -> dict[str, Any]:
    name = inputs["name"]
    deadline = time.monotonic() + timeouts.seconds(inputs, "create")
    client = sagemaker(target)
    try:
        _start_create(client, inputs)
        seen = waiting.wait_for(target, name, waiting.CREATE, deadline, "creating", KIND)
        if seen.status != "InService":
            _clean_up_failed(client, target, name, deadline)
        described = find_inference_component(client, name) or seen.summary
        if inputs.get("owner"):
            client.delete_tags(ResourceArn=described["InferenceComponentArn"], TagKeys=[CREATING_TAG])
        return outputs(inputs, described, scaling_range(copy_count_target(autoscaling(target), name)))
    except Exception as error:
        raise explain(error, name, "creating", NOUN) from None


def _start_create(client: Any, inputs: Mapping[str, Any]) -> None:
    """CreateInferenceComponent; when the name is taken, adopt the one an interrupted create of ours made."""
    try:
        client.create_inference_component(**create_request(inputs))
        return
    except Exception as error:
        if not is_already_exists(error):
            raise
    name = inputs["name"]
    adopt_or_refuse(client, KIND, name, find_inference_component(client, name), inputs.get("owner"), _refusals(name))


def _refusals(name: str) -> Refusals:
    return Refusals(
        deleting=f"Inference component {name!r} is being deleted; wait for it to go, then run `pulumi up` again.",
        ours=f"Inference component {name!r} is the live component of this very resource, so its replacement cannot "
             f"take the name: set opts=pulumi.ResourceOptions(delete_before_replace=True) on this "
             f"InferenceComponent, or remove inference_component_name to let the replacement be auto-named.",
        theirs=f"Inference component {name!r} already exists and this stack did not create it; to manage it here, "
               f"import it with opts=pulumi.ResourceOptions(import_={name!r}) on this InferenceComponent, or choose "
               f"another name.")


def _clean_up_failed(client: Any, target: Target, name: str, deadline: float) -> None:
    """A failed create leaves nothing behind: delete it, then report SageMaker's reason."""
    described = find_inference_component(client, name) or {}
    reason = described.get("FailureReason") or f"status {described.get('InferenceComponentStatus', 'unknown')}"
    events.emit(name, f"failed to create ({reason}); deleting it", NOUN)
    delete_inference_component(client, target, name, max(deadline, time.monotonic() + timeouts.DEFAULTS["delete"]))
    raise EndpointError(f"Inference component {name!r} failed to create: {reason.rstrip('.')}. The failed component "
                        f"was deleted; fix the cause (model, image, memory or accelerator requirements, instance "
                        f"capacity) and run `pulumi up` again.")

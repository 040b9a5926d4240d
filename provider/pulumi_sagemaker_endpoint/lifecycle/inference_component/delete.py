"""Delete an inference component: wait out Creating/Updating, DeleteInferenceComponent, wait until it is gone; one
already gone is success."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ...aws import waiting
from ...aws.clients import Target, sagemaker
from ...aws.errors import explain, is_in_progress, is_not_found
from ...aws.inference_component.find import find_inference_component
from ...core import events, timeouts

KIND = waiting.INFERENCE_COMPONENT
NOUN = KIND.noun


def delete(name: str, props: Mapping[str, Any], target: Target) -> None:
    deadline = time.monotonic() + timeouts.seconds(props, "delete")
    try:
        delete_inference_component(sagemaker(target), target, name, deadline)
    except Exception as error:
        raise explain(error, name, "deleting", NOUN) from None


def delete_inference_component(client: Any, target: Target, name: str, deadline: float) -> None:
    described = find_inference_component(client, name)
    status = described["InferenceComponentStatus"] if described else waiting.GONE
    while status != waiting.GONE:
        if waiting.SETTLED.action(status) == waiting.WAIT:
            status = waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete", KIND).status
            continue
        if status != "Deleting":
            try:
                client.delete_inference_component(InferenceComponentName=name)
            except Exception as error:
                if is_not_found(error):
                    return
                if not (is_in_progress(error) and time.monotonic() < deadline):
                    raise
                status = waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete", KIND).status
                continue
        waiting.wait_for(target, name, waiting.DELETE, deadline, "deleting", KIND)
        events.emit(name, "deleted", NOUN)
        return

"""Adopting a live inference component when the program says `opts=ResourceOptions(import_="name")`: as for the
Endpoint (lifecycle/adopt.py), `InferenceComponent` turns `import_` into the `importId` input and the engine runs a
create, which adopts the component: it must exist and sit where the program places it, it gets this stack's
ownership tag and the program's tags, and a different specification or copy count is rolled out as any update
would be. What the program leaves out (the specification, the copy count) is taken from the live component."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ...aws import waiting
from ...aws.clients import Target, sagemaker
from ...aws.errors import EndpointError, explain
from ...aws.inference_component.find import find_inference_component
from ...core import events, timeouts
from .delete import KIND, NOUN
from .shapes import live_olds
from .update import update


def adopt(inputs: Mapping[str, Any], target: Target) -> dict[str, Any]:
    name = inputs["importId"]
    client = sagemaker(target)
    try:
        if find_inference_component(client, name) is None:
            raise EndpointError(f"Inference component {name!r} named by import_ does not exist in this account and "
                                f"region; fix the name or remove import_ to create it.")
        deadline = time.monotonic() + timeouts.seconds(inputs, "create")
        seen = waiting.wait_for(target, name, waiting.ADOPT, deadline, "adopting", KIND)
        olds = live_olds(client, find_inference_component(client, name) or seen.summary)
    except Exception as error:
        raise explain(error, name, "adopting", NOUN) from None
    for key in ("endpointName", "variantName"):
        if inputs.get(key) not in (None, olds[key]):
            raise EndpointError(f"Inference component {name!r} named by import_ is placed on {key} {olds[key]!r}, "
                                f"not {inputs[key]!r}; set {key} to {olds[key]!r} (a different placement is a new "
                                f"component).")
    news = {**{key: olds[key] for key in ("endpointName", "variantName", "specification", "runtimeConfig")
               if key in olds}, **inputs, "name": name}
    events.emit(name, "adopted", NOUN)
    return update(name, olds, news, target)

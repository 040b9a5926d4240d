"""Adopting a live endpoint when the program says `opts=ResourceOptions(import_="name")`.

The engine's import sends `Read` without the serialized provider, which the SDK's dynamic provider server cannot
serve (pulumi/pulumi#16175). So `Endpoint` turns `import_` into the `importId` input and the engine runs an
ordinary create, which adopts the endpoint instead of creating one: it must exist, it gets this stack's
ownership tag and the program's tags, and a different EndpointConfig is rolled out as any update would be.
"""
from __future__ import annotations

import time
from typing import Any, Mapping

from ..aws import waiting
from ..aws.clients import Target, sagemaker
from ..aws.errors import EndpointError, explain
from ..aws.find import find_endpoint
from ..core import events, timeouts
from .outputs import live_olds
from .update import update


def adopt(inputs: Mapping[str, Any], target: Target) -> dict[str, Any]:
    name = inputs["importId"]
    client = sagemaker(target)
    try:
        live = find_endpoint(client, name)
        if live is None:
            raise EndpointError(f"Endpoint {name!r} named by import_ does not exist in this account and region; fix "
                                f"the name or remove import_ to create it.")
        deadline = time.monotonic() + timeouts.seconds(inputs, "create")
        waiting.wait_for(target, name, waiting.ADOPT, deadline, "adopting")
        olds = live_olds(client, find_endpoint(client, name) or live)
    except Exception as error:
        raise explain(error, name, "adopting") from None
    events.emit(name, f"adopted (live config {olds['endpointConfigName']})")
    return update(name, olds, inputs, target)

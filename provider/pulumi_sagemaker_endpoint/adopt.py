"""Adopting a live endpoint when the program says `opts=ResourceOptions(import_="name")`.

The engine's import sends `Read` without the serialized provider, which the SDK's dynamic provider server cannot
serve (pulumi/pulumi#16175). So `Endpoint` turns `import_` into the `importId` input and the engine runs an
ordinary create, which adopts the endpoint instead of creating one: it must exist, it gets this stack's
ownership tag and the program's tags, and a different EndpointConfig is rolled out as any update would be.
"""
from __future__ import annotations

import time
from typing import Any, Mapping

from . import aws, deploy, endpoint, events, timeouts
from .errors import EndpointError, explain
from .shapes import tags_from_api


def adopt(inputs: Mapping[str, Any], target: aws.Target) -> dict[str, Any]:
    name = inputs["importId"]
    client = endpoint.sagemaker(target)
    try:
        live = endpoint.find_endpoint(client, name)
        if live is None:
            raise EndpointError(f"Endpoint {name!r} named by import_ does not exist in this account and region; fix "
                                f"the name or remove import_ to create it.")
        deadline = time.monotonic() + timeouts.seconds(inputs, "create")
        endpoint.wait_for(target, name, {"InService": "done", "Failed": "failed"}, deadline, "adopting")
        live = endpoint.find_endpoint(client, name) or live
        live_tags = tags_from_api(client.list_tags(ResourceArn=live["EndpointArn"]).get("Tags", []))
    except Exception as error:
        raise explain(error, name, "adopting") from None
    events.emit(name, f"adopted (live config {live['EndpointConfigName']})")
    olds = {"name": name, "arn": live["EndpointArn"], "endpointConfigName": live["EndpointConfigName"],
            "tags": {k: v for k, v in live_tags.items() if k != endpoint.OWNER_TAG},
            "owner": live_tags.get(endpoint.OWNER_TAG)}
    return deploy.update(name, olds, inputs, target)

"""Read (refresh, `Endpoint.get`): the endpoint as SageMaker has it now, drift included (live config, tags,
status); a missing endpoint leaves the state. An operation under way (a rollout a killed run left behind, someone
else's update) is waited out first, within the update timeout: what it ends on is what the state must name."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ..aws import waiting
from ..aws.clients import Target, sagemaker
from ..aws.errors import explain, missing_kind
from ..aws.find import find_config, live_tags
from ..aws.scaling import is_record_key
from ..core import events, timeouts
from ..core.words import words
from ..core.properties import STATE_INPUTS
from .hosted_components import with_hosted
from .outputs import outputs
from ..core.owner import OWNER_TAG
from .tags import program_tags


def read(name: str, props: Mapping[str, Any], target: Target) -> tuple[dict, dict] | None:
    """(outputs, inputs) as SageMaker has them now, or None when the endpoint is gone."""
    client = sagemaker(target)
    deadline = time.monotonic() + timeouts.seconds(props, "update")
    try:
        described = waiting.settled(target, name, deadline, "waiting for the operation under way on")
        if described is None:
            return None
        config = find_config(client, described["EndpointConfigName"])
        if config is None:
            events.emit(name, f"warning: its live endpoint config {described['EndpointConfigName']!r} no longer "
                              f"exists; keep EndpointConfigs that endpoints serve"
                              f"{words().keep_configs}.")
        tags = live_tags(client, described["EndpointArn"])
    except Exception as error:
        if missing_kind(error) == "endpoint":
            return None  # deleted between our calls
        raise explain(error, name, "reading") from None
    owner_tag = tags.get(OWNER_TAG)
    if any(is_record_key(key) for key in tags):
        events.emit(name, "warning: an interrupted autoscaling reapply left the scaling setup of some variants "
                          "recorded on the endpoint (tags pulumi_sagemaker_endpoint:autoscaling:*); the next update "
                          "puts it back.")
    tags = program_tags(tags)
    inputs = {key: props[key] for key in STATE_INPUTS if key in props}
    inputs.update({"name": described["EndpointName"], "endpointConfigName": described["EndpointConfigName"]})
    if tags or "tags" in inputs:
        inputs["tags"] = tags
    if "owner" not in inputs and owner_tag:
        inputs["owner"] = owner_tag
    outs = outputs(inputs, described, config)
    if described.get("FailureReason"):
        outs["failureReason"] = described["FailureReason"]
    try:
        return with_hosted(client, outs), inputs
    except Exception as error:
        raise explain(error, name, "reading") from None

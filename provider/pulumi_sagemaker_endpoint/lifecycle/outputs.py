"""State outputs from what SageMaker reports (the flatten side; `requests.py` is the expand side), and the old
state as the live endpoint shows it, for an endpoint adopted or updated without a state of ours."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from ..aws.find import live_tags
from ..core.properties import BY_STATE, STATE_INPUTS
from .tags import OWNER_TAG, without_owner

# Outputs read from DescribeEndpoint (or a ListEndpoints entry) under their API names.
DESCRIBED = tuple(p for p in (BY_STATE[key] for key in ("arn", "endpointStatus", "creationTime")))


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def variants(config: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"variantName": v.get("VariantName"), "modelName": v.get("ModelName"),
             "instanceType": v.get("InstanceType"), "instanceCount": v.get("InitialInstanceCount")}
            for v in config.get("ProductionVariants", [])]


def outputs(inputs: Mapping[str, Any], summary: Mapping[str, Any], config: Mapping[str, Any] | None) -> dict:
    """State outputs: the inputs as given plus what SageMaker reports (summary: DescribeEndpoint or List entry)."""
    outs = {key: inputs[key] for key in STATE_INPUTS if key in inputs and key != "scalingRestore"}  # a request only
    outs.update({prop.state: iso(summary.get(prop.api)) for prop in DESCRIBED})
    outs["name"] = summary["EndpointName"]
    outs["endpointConfigName"] = summary.get("EndpointConfigName", inputs.get("endpointConfigName"))
    if config is not None:
        outs["productionVariants"] = variants(config)
        outs["endpointConfigCreationTime"] = iso(config.get("CreationTime"))
    return outs


def live_olds(client: Any, described: Mapping[str, Any]) -> dict[str, Any]:
    """The old state of an endpoint known only from SageMaker: its name, ARN, live config, tags and owner."""
    tags = live_tags(client, described["EndpointArn"])
    return {"name": described["EndpointName"], "arn": described["EndpointArn"],
            "endpointConfigName": described["EndpointConfigName"], "tags": without_owner(tags),
            "owner": tags.get(OWNER_TAG)}

"""State outputs from what SageMaker reports (the flatten side; `requests.py` is the expand side), and the old
state as the live endpoint shows it, for an endpoint adopted or updated without a state of ours."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from ..aws.find import live_tags
from ..core.properties import BY_STATE, STATE_INPUTS
from ..core.shapes import camel
from ..core.owner import OWNER_TAG
from .tags import program_tags

# Outputs read from DescribeEndpoint (or a ListEndpoints entry) under their API names.
DESCRIBED = tuple(p for p in (BY_STATE[key] for key in ("arn", "endpointStatus", "creationTime")))
# What `productionVariants` reports of each variant from DescribeEndpoint (ProductionVariantSummary).
LIVE_MEMBERS = ("CurrentInstanceCount", "DesiredInstanceCount", "CurrentWeight", "DesiredWeight")
# What it reports of a variant's ManagedInstanceScaling, under which SageMaker sets the instance count itself.
MANAGED_MEMBERS = ("Status", "MinInstanceCount", "MaxInstanceCount")


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def variants(config: Mapping[str, Any], summary: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each variant of the live config: its model and instance type (the config's), its current and desired weight
    and instance count as DescribeEndpoint reports them, and its managed instance scaling if any. Where the summary
    has no such variant (a ListEndpoints entry, an endpoint still being created) the config's initial values stand
    in, as current ones only once the endpoint is InService."""
    live = {v.get("VariantName"): v for v in (summary or {}).get("ProductionVariants", [])}
    in_service = (summary or {}).get("EndpointStatus") == "InService"
    result = []
    for variant in config.get("ProductionVariants", []):
        weight, count = variant.get("InitialVariantWeight", 1.0), variant.get("InitialInstanceCount")
        reported = live.get(variant.get("VariantName")) or {
            "DesiredWeight": weight, "DesiredInstanceCount": count,
            **({"CurrentWeight": weight, "CurrentInstanceCount": count} if in_service else {})}
        result.append({"variantName": variant.get("VariantName"), "modelName": variant.get("ModelName"),
                       "instanceType": variant.get("InstanceType"),
                       **{camel(member): reported.get(member) for member in LIVE_MEMBERS},
                       **managed(reported.get("ManagedInstanceScaling") or variant.get("ManagedInstanceScaling"))})
    return result


def managed(scaling: Mapping[str, Any] | None) -> dict[str, Any]:
    """`{"managedInstanceScaling": {status, minInstanceCount, maxInstanceCount}}` for a variant that has it, so the
    counts beside it read as SageMaker's; nothing for one that has none."""
    if not scaling:
        return {}
    return {"managedInstanceScaling": {camel(member): scaling[member] for member in MANAGED_MEMBERS
                                       if member in scaling}}


def outputs(inputs: Mapping[str, Any], summary: Mapping[str, Any], config: Mapping[str, Any] | None) -> dict:
    """State outputs: the inputs as given plus what SageMaker reports (summary: DescribeEndpoint or List entry)."""
    outs = {key: inputs[key] for key in STATE_INPUTS if key in inputs and key != "scalingRestore"}  # a request only
    outs.update({prop.state: iso(summary.get(prop.api)) for prop in DESCRIBED})
    outs["name"] = summary["EndpointName"]
    outs["endpointConfigName"] = summary.get("EndpointConfigName", inputs.get("endpointConfigName"))
    if config is not None:
        outs["productionVariants"] = variants(config, summary)
        outs["endpointConfigCreationTime"] = iso(config.get("CreationTime"))
    return outs


def live_olds(client: Any, described: Mapping[str, Any]) -> dict[str, Any]:
    """The old state of an endpoint known only from SageMaker: its name, ARN, live config, tags and owner."""
    tags = live_tags(client, described["EndpointArn"])
    return {"name": described["EndpointName"], "arn": described["EndpointArn"],
            "endpointConfigName": described["EndpointConfigName"], "tags": program_tags(tags),
            "owner": tags.get(OWNER_TAG)}

"""Variants under SageMaker's managed instance scaling: an EndpointConfig variant whose ManagedInstanceScaling has
Status ENABLED. SageMaker sets such a variant's instance count itself, within MinInstanceCount-MaxInstanceCount, as
its inference components' copies need instances, down to zero ("Scale an endpoint to zero instances"). So a desired
count for one is refused, and a rollout plan says whose count it is rather than what it is reset to. Pure: the
EndpointConfig and DescribeEndpoint come from the caller."""
from __future__ import annotations

from typing import Any, Mapping

from .failures import Failure


def managed(variant: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The variant's ManagedInstanceScaling (API form) when it is ENABLED, else None."""
    scaling = (variant or {}).get("ManagedInstanceScaling") or {}
    return scaling if scaling.get("Status") == "ENABLED" else None


def span(scaling: Mapping[str, Any]) -> str:
    return f"{scaling.get('MinInstanceCount', '?')}-{scaling.get('MaxInstanceCount', '?')}"


def count_failure(where: str, variant: Mapping[str, Any], config_name: Any) -> Failure:
    """A desiredInstanceCounts entry for a variant (API form) whose count SageMaker sets itself."""
    name, scaling = variant.get("VariantName"), managed(variant) or {}
    return Failure(where, f"{where} sets the instance count of variant {name!r}, which SageMaker's managed "
                          f"instance scaling sets itself ({span(scaling)} instances in endpoint config "
                          f"{config_name}); remove the entry and change its inference components' copies or the "
                          f"config's MinInstanceCount/MaxInstanceCount instead.")


def plan_text(config: Mapping[str, Any], live: Mapping[str, Any] | None) -> str:
    """'; a: instance count is SageMaker's managed instance scaling (0-4, 0 now)' for each variant of the new config
    under it ('' when none is); `live` (DescribeEndpoint) gives the count now."""
    counts = {v.get("VariantName"): v.get("CurrentInstanceCount") for v in (live or {}).get("ProductionVariants", [])}
    text = ""
    for variant in config.get("ProductionVariants", []):
        scaling = managed(variant)
        if scaling is None:
            continue
        now = counts.get(variant.get("VariantName"))
        text += (f"; {variant.get('VariantName')}: instance count is SageMaker's managed instance scaling "
                 f"({span(scaling)}{'' if now is None else f', {now} now'})")
    return text

"""Production variants as DescribeEndpoint reports them (ProductionVariantSummary), plain data.

A fleet is a list of variant dicts: the ProductionVariantSummary members plus
the ``InstanceType`` and ``ModelName`` the fleet was provisioned with, which the
rules need and :func:`view` leaves out of the live view (that shape has neither).
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Iterable

from moto.core.utils import get_service_model
from moto.sagemaker.models import FakeEndpointConfig


@functools.lru_cache(maxsize=None)
def members(shape: str) -> frozenset[str]:
    """The member names of a SageMaker shape in botocore's model."""
    return frozenset(get_service_model("sagemaker").shape_for(shape).members)


def view(fleet: Iterable[dict[str, Any]], shape: str = "ProductionVariantSummary") -> list[dict[str, Any]]:
    """``fleet`` as the members of ``shape`` (``PendingProductionVariantSummary`` keeps the instance type)."""
    wanted = members(shape)
    return [{k: copy.deepcopy(v) for k, v in variant.items() if k in wanted} for variant in fleet]


def fleet(config: FakeEndpointConfig) -> list[dict[str, Any]]:
    """The fleet that runs ``config`` as configured."""
    result = []
    for variant in config.production_variants:
        entry: dict[str, Any] = {"VariantName": variant["VariantName"], "ModelName": variant.get("ModelName")}
        for kept in ("ManagedInstanceScaling", "RoutingConfig"):  # both are ProductionVariantSummary members
            if variant.get(kept):
                entry[kept] = copy.deepcopy(variant[kept])
        weight = float(variant.get("InitialVariantWeight", 1.0))
        entry["CurrentWeight"] = entry["DesiredWeight"] = weight
        if variant.get("ServerlessConfig"):
            entry["CurrentServerlessConfig"] = entry["DesiredServerlessConfig"] = variant["ServerlessConfig"]
        else:
            entry["InstanceType"] = variant.get("InstanceType")
            count = int(variant.get("InitialInstanceCount", 1))
            entry["CurrentInstanceCount"] = entry["DesiredInstanceCount"] = count
        result.append(entry)
    return result


def unprovisioned(fleet: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``fleet`` before any of its instances is up (serverless variants have no instance count)."""
    return [{**v, "CurrentInstanceCount": 0} if "DesiredInstanceCount" in v else dict(v) for v in fleet]


def instance_counts(variants: Iterable[dict[str, Any]]) -> dict[str, int]:
    return {v["VariantName"]: int(v.get("DesiredInstanceCount", 1)) for v in variants}


def retained(
    live: Iterable[dict[str, Any]], config: FakeEndpointConfig, retain_all: bool, exclude: Iterable[dict[str, str]]
) -> list[dict[str, Any]]:
    """The fleet an UpdateEndpoint to ``config`` asks for.

    Without ``RetainAllVariantProperties`` it is the config's initial values;
    with it, each variant of the same name keeps the live ``DesiredInstanceCount``
    and ``DesiredWeight`` unless ``ExcludeRetainedVariantProperties`` names them.
    """
    variants = fleet(config)
    if not retain_all:
        return variants
    excluded = {p.get("VariantPropertyType") for p in exclude}
    by_name = {v["VariantName"]: v for v in live}
    for variant in variants:
        current = by_name.get(variant["VariantName"])
        if current is None:
            continue
        if "DesiredInstanceCount" not in excluded and "DesiredInstanceCount" in current and "DesiredInstanceCount" in variant:
            variant["DesiredInstanceCount"] = current["DesiredInstanceCount"]
        if "DesiredWeight" not in excluded and "DesiredWeight" in current:
            variant["DesiredWeight"] = variant["CurrentWeight"] = current["DesiredWeight"]
    return variants

"""Traffic weights and desired instance counts, changed in place with UpdateEndpointWeightsAndCapacities: the rules
against the EndpointConfig that will be live, what differs from a fleet, and the plan's words for it.

A fleet here is `{variant: {"DesiredWeight": w, "DesiredInstanceCount": n}}` (the API's member names), read from
DescribeEndpoint or from an EndpointConfig's initial values.
"""
from __future__ import annotations

from typing import Any, Collection, Iterable, Mapping

from ..core.unknowns import known
from .failures import Failure
from .managed_scaling import count_failure, managed

# input -> the DesiredWeightAndCapacity member it sets, and the plan's word for it
MEMBERS = {"variantWeights": ("DesiredWeight", "weights"), "desiredInstanceCounts": ("DesiredInstanceCount",
                                                                                    "instances")}
WEIGHT, COUNT = (member for member, _ in MEMBERS.values())
Fleet = Mapping[str, Mapping[str, Any]]


def wanted(inputs: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{variant: {member: value}} the program asks for (known values only), by variant name (the engine's wire does
    not keep a mapping's order)."""
    result: dict[str, dict[str, Any]] = {}
    for key, (member, _) in MEMBERS.items():
        values = inputs.get(key)
        if not isinstance(values, Mapping):
            continue
        for variant, value in values.items():
            if known(value):
                result.setdefault(variant, {})[member] = value
    return dict(sorted(result.items()))


def asked(inputs: Mapping[str, Any]) -> bool:
    return any(inputs.get(key) for key in MEMBERS)


def changed(olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
    """The program's weights or counts differ from the state's: an in-place update."""
    return any((olds.get(key) or {}) != (inputs.get(key) or {}) for key in MEMBERS)


def failures(inputs: Mapping[str, Any], config: Mapping[str, Any]) -> list[Failure]:
    """Each variant named must be one of the config's; a desired count needs an instance-based variant whose count
    SageMaker's managed instance scaling does not set."""
    variants = {v.get("VariantName"): v for v in config.get("ProductionVariants", [])}
    config_name = inputs.get("endpointConfigName")
    found = []
    for key, (member, _) in MEMBERS.items():
        values = inputs.get(key)
        for variant in values if isinstance(values, Mapping) else ():
            where = f"{key}.{variant}"
            if variant not in variants:
                found.append(Failure(where, f"{where} names variant {variant!r}, which endpoint config {config_name} "
                                            f"does not have (it has {', '.join(map(str, variants))}); use one of "
                                            f"its variant names or remove the entry."))
            elif member == COUNT and variants[variant].get("ServerlessConfig"):
                found.append(Failure(where, f"{where} sets an instance count for variant {variant!r}, which is "
                                            f"serverless in endpoint config {config_name} and has no instances; "
                                            f"remove the entry (serverless capacity is its ServerlessConfig)."))
            elif member == COUNT and managed(variants[variant]):
                found.append(count_failure(where, variants[variant], config_name))
    return found


def pending(inputs: Mapping[str, Any], fleet: Fleet, autoscaled: Collection[str] = ()) -> list[dict[str, Any]]:
    """The DesiredWeightAndCapacity entries that bring `fleet` to the program's values. `autoscaled` names variants
    whose instance count belongs to Application Auto Scaling: their counts are never sent."""
    entries = []
    for variant, values in wanted(inputs).items():
        live = fleet.get(variant, {})
        entry = {member: value for member, value in values.items()
                 if live.get(member) != value and not (member == COUNT and variant in autoscaled)}
        if entry:
            entries.append({"VariantName": variant, **entry})
    return entries


def from_summary(variants: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """A fleet from DescribeEndpoint's ProductionVariants (ProductionVariantSummary)."""
    return {v["VariantName"]: {m: v.get(m) for m in (WEIGHT, COUNT)} for v in variants}


def from_config(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fleet an EndpointConfig starts with."""
    return {v["VariantName"]: {WEIGHT: v.get("InitialVariantWeight", 1.0), COUNT: v.get("InitialInstanceCount")}
            for v in config.get("ProductionVariants", [])}


def excluded_properties(inputs: Mapping[str, Any]) -> set[str]:
    """The variant property types ExcludeRetainedVariantProperties names (DesiredWeight, DesiredInstanceCount, ...)."""
    return {item.get("variantPropertyType") for item in inputs.get("excludeRetainedVariantProperties") or []
            if isinstance(item, Mapping)}


def after_rollout(inputs: Mapping[str, Any], config: Mapping[str, Any], live: Fleet) -> dict[str, dict[str, Any]]:
    """The fleet an UpdateEndpoint to `config` leaves: its initial values, except what RetainAllVariantProperties
    keeps from the live fleet (unless ExcludeRetainedVariantProperties names it)."""
    fleet = from_config(config)
    if not inputs.get("retainAllVariantProperties"):
        return fleet
    excluded = excluded_properties(inputs)
    for variant, values in fleet.items():
        for member in (WEIGHT, COUNT):
            if member not in excluded and live.get(variant, {}).get(member) is not None:
                values[member] = live[variant][member]
    return fleet


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def plan_text(entries: list[dict[str, Any]], fleet: Fleet) -> str:
    """'weights a 1 -> 3, b 1 -> 0.5; instances a 2 -> 4' ('' when nothing changes)."""
    parts = []
    for member, word in MEMBERS.values():
        changes = []
        for entry in entries:
            if member in entry:
                before = fleet.get(entry["VariantName"], {}).get(member)
                shown = _number(entry[member]) if before is None else f"{_number(before)} -> {_number(entry[member])}"
                changes.append(f"{entry['VariantName']} {shown}")
        if changes:
            parts.append(f"{word} {', '.join(changes)}")
    return "; ".join(parts)

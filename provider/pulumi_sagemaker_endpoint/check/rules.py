"""The rules JSON Schema cannot state: arithmetic between fields, and limits that depend on the EndpointConfig."""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from ..core.unknowns import known
from .failures import Failure

BLUE_GREEN = "deploymentConfig.blueGreenUpdatePolicy"
ROUTING = f"{BLUE_GREEN}.trafficRoutingConfiguration"
ROLLING = "deploymentConfig.rollingUpdatePolicy"
ALARMS = "deploymentConfig.autoRollbackConfiguration.alarms"


def static_failures(inputs: Mapping[str, Any]) -> list[Failure]:
    config = inputs.get("deploymentConfig") or {}
    if not isinstance(config, Mapping):
        return []
    failures = []
    blue_green = config.get("blueGreenUpdatePolicy")
    if isinstance(blue_green, Mapping):
        routing = blue_green.get("trafficRoutingConfiguration") or {}
        waits = {"terminationWaitInSeconds": blue_green.get("terminationWaitInSeconds", 0),
                 "trafficRoutingConfiguration.waitIntervalInSeconds": routing.get("waitIntervalInSeconds", 0)}
        failures += _timeout_covers(BLUE_GREEN, blue_green.get("maximumExecutionTimeoutInSeconds"), waits)
    rolling = config.get("rollingUpdatePolicy")
    if isinstance(rolling, Mapping):
        failures += _timeout_covers(ROLLING, rolling.get("maximumExecutionTimeoutInSeconds"),
                                    {"waitIntervalInSeconds": rolling.get("waitIntervalInSeconds", 0)})
    return failures


def _timeout_covers(where: str, timeout: Any, waits: Mapping[str, Any]) -> list[Failure]:
    if not known(timeout, *waits.values()):
        return []
    total = sum(waits.values())
    if timeout > total:
        return []
    names = " + ".join(waits)
    return [Failure(f"{where}.maximumExecutionTimeoutInSeconds",
                    f"{where}.maximumExecutionTimeoutInSeconds ({timeout} s) must be larger than {names} "
                    f"({total} s), or the deployment times out while waiting; raise it or shorten the waits.")]


def smallest_variant(config_description: Mapping[str, Any]) -> tuple[str, int] | None:
    """(name, instance count) of the smallest instance-backed variant: the one every per-variant batch rule must
    fit."""
    variants = [(v.get("VariantName", ""), v["InitialInstanceCount"])
                for v in config_description.get("ProductionVariants", [])
                if isinstance(v.get("InitialInstanceCount"), int)]
    return min(variants, key=lambda variant: variant[1]) if variants else None


def instance_count(config_description: Mapping[str, Any]) -> int | None:
    smallest = smallest_variant(config_description)
    return smallest[1] if smallest else None


ABSOLUTE_SIZES = ("INSTANCE_COUNT", "COPY_COUNT")  # a CapacitySize type that counts, not a percentage


def instances(size: Mapping[str, Any], count: int) -> int:
    """A CapacitySize in instances (or an inference component's copies), as SageMaker rounds a percentage (down,
    but at least one)."""
    if size.get("type") in ABSOLUTE_SIZES:
        return int(size["value"])
    return max(1, math.floor(count * int(size["value"]) / 100))


def variant_failures(inputs: Mapping[str, Any], config_description: Mapping[str, Any]) -> list[Failure]:
    """Batch sizes against the new EndpointConfig's instance count (CanarySize, LinearStepSize, MaximumBatchSize)."""
    config = inputs.get("deploymentConfig") or {}
    smallest = smallest_variant(config_description)
    if not isinstance(config, Mapping) or smallest is None:
        return []
    variant, count = smallest
    name = inputs.get("endpointConfigName")
    routing = (config.get("blueGreenUpdatePolicy") or {}).get("trafficRoutingConfiguration") or {}
    rolling = config.get("rollingUpdatePolicy") or {}
    checks = [
        (f"{ROUTING}.canarySize", routing.get("canarySize"), 0, 50),
        (f"{ROUTING}.linearStepSize", routing.get("linearStepSize"), 10, 50),
        (f"{ROLLING}.maximumBatchSize", rolling.get("maximumBatchSize"), 5, 50),
    ]
    failures = []
    for where, size, low, high in checks:
        if not isinstance(size, Mapping) or not known(size.get("type"), size.get("value")):
            continue
        wanted = instances(size, count)
        most = math.floor(count * high / 100)
        least = max(1, math.ceil(count * low / 100))
        if not least <= wanted <= most:
            failures.append(Failure(where, f"{where} is {wanted} of the {_instances(count)} of variant "
                                           f"{variant} in endpoint config {name}; {_allowed(low, high, least, most)}"))
    return failures


def _instances(count: int) -> str:
    return f"{count} instance{'s' if count != 1 else ''}"


def _allowed(low: int, high: int, least: int, most: int) -> str:
    """What SageMaker's percentage bounds allow, in instances, and what to do."""
    share = f"at most {high} %" if low == 0 else f"{low} to {high} %"
    if most < least:
        return f"it must be {share} of them, and no whole number of instances is; add instances to the config."
    fits = _instances(least) if least == most else f"{least} to {most} instances"
    return f"it must be {share} of them, which is {fits} here; change the size or the instance count."


def _alarms(inputs: Mapping[str, Any]) -> list[tuple[int, str]]:
    config = inputs.get("deploymentConfig") or {}
    alarms = (config.get("autoRollbackConfiguration") or {}).get("alarms") if isinstance(config, Mapping) else None
    if not isinstance(alarms, Sequence) or isinstance(alarms, str):
        return []
    return [(index, alarm["alarmName"]) for index, alarm in enumerate(alarms)
            if isinstance(alarm, Mapping) and known(alarm.get("alarmName"))]


def alarm_names(inputs: Mapping[str, Any]) -> list[str]:
    return [name for _, name in _alarms(inputs)]


def alarm_failures(inputs: Mapping[str, Any], existing: set[str]) -> list[Failure]:
    failures = []
    for index, name in _alarms(inputs):
        if name not in existing:
            where = f"{ALARMS}[{index}].alarmName"
            failures.append(Failure(where, f"{where} names the CloudWatch alarm {name!r}, which does not exist in "
                                           f"this account and region; create it or fix the name."))
    return failures

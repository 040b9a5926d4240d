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


def instance_count(config_description: Mapping[str, Any]) -> int | None:
    """The smallest instance-backed variant's count: the one every per-variant batch rule must fit."""
    counts = [v["InitialInstanceCount"] for v in config_description.get("ProductionVariants", [])
              if isinstance(v.get("InitialInstanceCount"), int)]
    return min(counts) if counts else None


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
    count = instance_count(config_description)
    if not isinstance(config, Mapping) or count is None:
        return []
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
            allowed = f"{least} to {most}" if most >= least else "no size at all"
            failures.append(Failure(where, f"{where} is {wanted} of the {count} instances of endpoint config "
                                           f"{name}; {low}-{high} % allows {allowed}; change the size or the "
                                           f"instance count."))
    return failures


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

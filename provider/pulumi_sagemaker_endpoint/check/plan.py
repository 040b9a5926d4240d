"""The human-readable rollout plan `check()` puts in the inputs, so a reviewer reads it in the PR preview diff."""
from __future__ import annotations

from typing import Any, Mapping

from ..core.unknowns import is_unknown
from .rules import ABSOLUTE_SIZES, alarm_names, instances


def rollout_plan(olds: Mapping[str, Any], inputs: Mapping[str, Any], count: int | None) -> str:
    new = inputs.get("endpointConfigName")
    old = olds.get("endpointConfigName")
    shown_new = "(known after apply)" if is_unknown(new) else new
    if not old:
        return f"create with {shown_new}"
    if new == old:
        return f"no rollout: {old} stays live"
    return f"{old} -> {shown_new}: {strategy(inputs.get('deploymentConfig') or {}, count)}"


def strategy(config: Mapping[str, Any], count: int | None, unit: str = "instances") -> str:
    """unit: what the count counts (an inference component's rolling batches are copies)."""
    if is_unknown(config) or not isinstance(config, Mapping):
        return "deployment config known after apply"
    parts = [_policy(config, count, unit)]
    alarms = alarm_names(config and {"deploymentConfig": config})
    parts.append(f"roll back on alarms {', '.join(alarms)}" if alarms else "no rollback alarms")
    policy = config.get("blueGreenUpdatePolicy") or config.get("rollingUpdatePolicy") or {}
    if policy.get("maximumExecutionTimeoutInSeconds"):
        parts.append(f"give up after {policy['maximumExecutionTimeoutInSeconds']} s")
    return "; ".join(parts)


def _size(size: Mapping[str, Any], count: int | None, unit: str = "instances") -> str:
    if count is not None and isinstance(size.get("value"), int):
        return f"{instances(size, count)} of {count} {unit}"
    return f"{size.get('value')}{' ' + unit if size.get('type') in ABSOLUTE_SIZES else ' %'}"


def _policy(config: Mapping[str, Any], count: int | None, unit: str = "instances") -> str:
    rolling = config.get("rollingUpdatePolicy")
    if isinstance(rolling, Mapping):
        text = (f"ROLLING batches of {_size(rolling.get('maximumBatchSize') or {}, count, unit)}, "
                f"wait {rolling.get('waitIntervalInSeconds', 0)} s between batches")
        if rolling.get("rollbackMaximumBatchSize"):
            text += f", roll back in batches of {_size(rolling['rollbackMaximumBatchSize'], count, unit)}"
        return text
    blue_green = config.get("blueGreenUpdatePolicy")
    if not isinstance(blue_green, Mapping):
        return "blue/green ALL_AT_ONCE (SageMaker's default)"
    routing = blue_green.get("trafficRoutingConfiguration") or {}
    bake = routing.get("waitIntervalInSeconds", 0)
    kind = routing.get("type")
    if kind == "CANARY":
        text = f"CANARY {_size(routing.get('canarySize') or {}, count)}, bake {bake} s, then the rest"
    elif kind == "LINEAR":
        text = f"LINEAR steps of {_size(routing.get('linearStepSize') or {}, count)}, bake {bake} s after each"
    else:
        text = f"ALL_AT_ONCE, bake {bake} s"
    termination = blue_green.get("terminationWaitInSeconds")
    if termination:
        text += f", keep the old fleet {termination} s more"
    return text

"""How long to wait: the resource's customTimeouts, else a default sized to the deployment it must contain."""
from __future__ import annotations

import re
from typing import Any, Mapping

DEFAULTS = {"create": 90 * 60.0, "update": 90 * 60.0, "delete": 45 * 60.0}
PROVISIONING_ALLOWANCE = 45 * 60.0
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def parse_duration(text: str) -> float:
    """Go-style durations as Pulumi's customTimeouts take them: "30m", "1h30m", "90s", "2.5h"."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", text.strip())
    if not parts or "".join(n + u for n, u in parts) != text.strip():
        raise ValueError(f"{text!r} is not a duration such as 30m or 1h30m")
    return sum(float(number) * _UNITS[unit] for number, unit in parts)


def seconds(inputs: Mapping[str, Any], operation: str) -> float:
    given = (inputs.get("timeouts") or {}).get(operation)
    if isinstance(given, (int, float)) and given > 0:
        return float(given)
    if operation == "update":
        return max(DEFAULTS["update"], deployment_seconds(inputs) + PROVISIONING_ALLOWANCE)
    return DEFAULTS[operation]


def deployment_seconds(inputs: Mapping[str, Any]) -> float:
    """The longest a deployment may run by its own config: its execution timeout plus the termination wait."""
    config = inputs.get("deploymentConfig") or {}
    policy = config.get("blueGreenUpdatePolicy") or config.get("rollingUpdatePolicy") or {}
    timeout = policy.get("maximumExecutionTimeoutInSeconds") or 0
    return float(timeout) + float(policy.get("terminationWaitInSeconds") or 0)

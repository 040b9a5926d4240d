"""Per-process emulator settings: timings and faults, changeable at run time.

One :class:`EmulatorSettings` instance lives in each emulator process
(:data:`SETTINGS`); the CLI fills it at start-up and the ``/_emulator/config``
control route updates it.  Every field is described in the package docstring.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any, Mapping

#: Realistic defaults (seconds).  Real endpoints take several minutes to create
#: and a blue/green update provisions a whole new fleet, so it takes about as
#: long; deleting and rolling back are quicker; a capacity change (scale-out)
#: provisions instances too.
REALISTIC: dict[str, float] = {
    "create_seconds": 300.0,
    "update_seconds": 300.0,
    "delete_seconds": 60.0,
    "rollback_seconds": 120.0,
    "capacity_seconds": 180.0,
    "consistency_seconds": 0.0,
    "time_scale": 1.0,
}

#: Fast timings for tests: a create takes 0.3 s and a 300 s bake 0.3 s.
FAST: dict[str, float] = {
    "create_seconds": 0.3,
    "update_seconds": 0.3,
    "delete_seconds": 0.1,
    "rollback_seconds": 0.1,
    "capacity_seconds": 0.2,
    "consistency_seconds": 0.0,
    "time_scale": 0.001,
}

DEFAULT_FAILURE_REASON = (
    "The primary container for production variant AllTraffic did not pass the "
    "ping health check. Please check CloudWatch logs for this endpoint."
)


@dataclasses.dataclass
class EmulatorSettings:
    """Timings (seconds) and faults of one emulator process."""

    create_seconds: float = REALISTIC["create_seconds"]
    update_seconds: float = REALISTIC["update_seconds"]
    delete_seconds: float = REALISTIC["delete_seconds"]
    rollback_seconds: float = REALISTIC["rollback_seconds"]
    capacity_seconds: float = REALISTIC["capacity_seconds"]
    consistency_seconds: float = REALISTIC["consistency_seconds"]
    consistency_uses: int = 0
    time_scale: float = REALISTIC["time_scale"]
    throttle_rate: float = 0.0
    throttle_rps: float | None = None
    error_rate: float = 0.0
    reset_rate: float = 0.0
    seed: int | None = None
    fail_create: dict[str, str] = dataclasses.field(default_factory=dict)
    fail_update: dict[str, str] = dataclasses.field(default_factory=dict)
    fail_rollback: list[str] = dataclasses.field(default_factory=list)
    deny_actions: list[str] = dataclasses.field(default_factory=list)
    expired_credentials: bool = False
    endpoint_limit: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def failure_for(self, table: str, endpoint_name: str) -> str | None:
        """The FailureReason configured for ``endpoint_name`` (or an inference component's name) in
        ``fail_create``/``fail_update``."""
        mapping: dict[str, str] = getattr(self, table)
        for name, reason in mapping.items():
            if name.lower() == endpoint_name.lower():
                return reason or DEFAULT_FAILURE_REASON
        return None

    def denies(self, action: str) -> bool:
        """Whether ``deny_actions`` names ``action`` (``service:Operation``) or ``service:*``."""
        denied = {a.lower() for a in self.deny_actions}
        service = action.split(":", 1)[0].lower()
        return action.lower() in denied or f"{service}:*" in denied

    def rollback_fails(self, endpoint_name: str) -> bool:
        return endpoint_name.lower() in {n.lower() for n in self.fail_rollback}


_FIELDS = {f.name: f for f in dataclasses.fields(EmulatorSettings)}


def _rate(name: str, value: Any) -> float:
    rate = float(value)
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
    return rate


def _seconds(name: str, value: Any) -> float:
    seconds = float(value)
    if seconds < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return seconds


def _count(name: str, value: Any) -> int:
    count = int(value)
    if count < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return count


def _failures(name: str, value: Any) -> dict[str, str]:
    if isinstance(value, Mapping):
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return {str(k): "" for k in value}
    raise ValueError(f"{name} must be a mapping of endpoint name to FailureReason")


def _names(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    raise ValueError(f"{name} must be a list of names")


def coerce(name: str, value: Any) -> Any:
    """Check and convert one setting; raises ``ValueError`` naming the setting."""
    if name not in _FIELDS:
        known = ", ".join(sorted(_FIELDS))
        raise ValueError(f"unknown emulator setting {name!r}; known settings: {known}")
    if name in ("throttle_rate", "error_rate", "reset_rate"):
        return _rate(name, value)
    if name.endswith("_seconds") or name == "time_scale":
        return _seconds(name, value)
    if name == "throttle_rps":
        return None if value is None else _seconds(name, value) or None
    if name in ("seed", "endpoint_limit"):
        return None if value is None else int(value)
    if name == "consistency_uses":
        return _count(name, value)
    if name in ("fail_create", "fail_update"):
        return _failures(name, value)
    if name in ("fail_rollback", "deny_actions"):
        return _names(name, value)
    if name == "expired_credentials":
        return bool(value)
    return value


class SettingsHolder:
    """Thread-safe holder of the process's current and start-up settings."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = EmulatorSettings()
        self.startup = EmulatorSettings()
        self.listeners: list[Any] = []

    def start(self, values: Mapping[str, Any]) -> EmulatorSettings:
        """Set the start-up settings (what ``reset`` returns to)."""
        with self._lock:
            self.startup = build(values)
            self.current = dataclasses.replace(self.startup)
        self._notify()
        return self.current

    def update(self, values: Mapping[str, Any]) -> EmulatorSettings:
        with self._lock:
            changes = {k: coerce(k, v) for k, v in values.items()}
            self.current = dataclasses.replace(self.current, **changes)
        self._notify()
        return self.current

    def restore(self) -> EmulatorSettings:
        with self._lock:
            self.current = dataclasses.replace(self.startup)
        self._notify()
        return self.current

    def _notify(self) -> None:
        for listener in self.listeners:
            listener(self.current)


def build(values: Mapping[str, Any]) -> EmulatorSettings:
    return EmulatorSettings(**{k: coerce(k, v) for k, v in values.items()})


SETTINGS = SettingsHolder()

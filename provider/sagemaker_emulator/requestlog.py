"""Request log, counters and event log of one emulator process (``/_emulator/stats``, ``/_emulator/requests``,
``/_emulator/events``).

The event log has one entry per phase a timed resource (an endpoint or an inference component) completed:
``{"t", "resource", "rollout", "phase", "message"}``, ``t`` the instant the phase ended on the emulator's clock.
"""

from __future__ import annotations

import collections
import threading
import time
from typing import Any

MAX_LOG_ENTRIES = 100_000


class Recorder:
    """Counts API calls per operation and keeps a bounded log of them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: collections.Counter[str] = collections.Counter()
        self._errors: collections.Counter[str] = collections.Counter()
        self._faults: collections.Counter[str] = collections.Counter()
        self._log: collections.deque[dict[str, Any]] = collections.deque(maxlen=MAX_LOG_ENTRIES)
        self._events: collections.deque[dict[str, Any]] = collections.deque(maxlen=MAX_LOG_ENTRIES)
        self._started = time.time()

    def fault(self, kind: str) -> None:
        with self._lock:
            self._faults[kind] += 1

    def record(
        self,
        *,
        service: str,
        operation: str,
        endpoint: str | None,
        status: int,
        error: str | None,
        started: float,
    ) -> None:
        entry = {
            "t": started,
            "service": service,
            "operation": operation,
            "endpoint": endpoint,
            "status": status,
            "error": error,
            "duration": round(time.time() - started, 6),
        }
        with self._lock:
            self._calls[operation] += 1
            if error:
                self._errors[error] += 1
            self._log.append(entry)

    def event(self, *, resource: str, rollout: str, phase: str, message: str, at: float) -> None:
        with self._lock:
            self._events.append({"t": at, "resource": resource, "rollout": rollout, "phase": phase, "message": message})

    def events(self, resource: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            entries = list(self._events)
        return [e for e in entries if resource is None or e["resource"] == resource.lower()]

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "calls": dict(self._calls),
                "total": sum(self._calls.values()),
                "errors": dict(self._errors),
                "throttled": self._faults.get("throttle", 0),
                "faults": dict(self._faults),
                "since": self._started,
            }

    def requests(self, since: float | None = None) -> list[dict[str, Any]]:
        with self._lock:
            entries = list(self._log)
        if since is not None:
            entries = [e for e in entries if e["t"] >= since]
        return entries

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()
            self._errors.clear()
            self._faults.clear()
            self._log.clear()
            self._events.clear()
            self._started = time.time()


RECORDER = Recorder()

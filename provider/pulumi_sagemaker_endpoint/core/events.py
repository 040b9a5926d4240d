"""Progress lines ("endpoint X: Creating -> InService"). Sinks are swappable: the CLI shows its own display."""
from __future__ import annotations

import sys
import threading
from typing import Callable

Sink = Callable[[str, str], None]


def _stderr(endpoint: str, message: str) -> None:
    print(f"info: endpoint {endpoint}: {message}", file=sys.stderr, flush=True)


_sinks: list[Sink] = [_stderr]
_lock = threading.Lock()


def emit(endpoint: str, message: str) -> None:
    with _lock:
        sinks = list(_sinks)
    for sink in sinks:
        sink(endpoint, message)


def set_sink(sink: Sink) -> None:
    replace_sinks([sink])


def sinks() -> list[Sink]:
    with _lock:
        return list(_sinks)


def replace_sinks(new: list[Sink]) -> None:
    with _lock:
        _sinks[:] = new

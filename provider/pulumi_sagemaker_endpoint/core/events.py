"""Progress lines ("endpoint X: Creating", "inference component Y: deleted"): the kind of resource, its name, what
happened. Sinks are swappable: the CLI shows its own display."""
from __future__ import annotations

import sys
import threading
from typing import Protocol

ENDPOINT = "endpoint"
INFERENCE_COMPONENT = "inference component"


class Sink(Protocol):
    def __call__(self, name: str, message: str, noun: str = ENDPOINT) -> None: ...


def line(name: str, message: str, noun: str = ENDPOINT) -> str:
    """The one spelling of a progress line; `noun` is the kind of resource `name` is."""
    return f"{noun} {name}: {message}"


def _stderr(name: str, message: str, noun: str = ENDPOINT) -> None:
    print(f"info: {line(name, message, noun)}", file=sys.stderr, flush=True)


_sinks: list[Sink] = [_stderr]
_lock = threading.Lock()


def emit(name: str, message: str, noun: str = ENDPOINT) -> None:
    with _lock:
        sinks = list(_sinks)
    for sink in sinks:
        sink(name, message, noun)


def set_sink(sink: Sink) -> None:
    replace_sinks([sink])


def sinks() -> list[Sink]:
    with _lock:
        return list(_sinks)


def replace_sinks(new: list[Sink]) -> None:
    with _lock:
        _sinks[:] = new

"""One input problem as `check()` reports it: the property path and one sentence."""
from __future__ import annotations

from typing import Any, Iterable, NamedTuple


class Failure(NamedTuple):
    """The property path (dotted, with [i] for list items) and one sentence naming it and what to do."""

    property: str
    reason: str


def property_path(parts: Iterable[Any]) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path

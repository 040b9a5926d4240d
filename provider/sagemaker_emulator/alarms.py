"""Reading moto's CloudWatch alarms as state timelines.

moto keeps, per alarm, the current state with the time it was entered plus a
history of earlier states.  From that we can tell exactly whether an alarm was
in ``ALARM`` at any moment of a monitoring window, however late we look, which
keeps rollbacks deterministic without a background ticker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from moto.cloudwatch.models import CloudWatchBackend, cloudwatch_backends

from .exceptions import ValidationException

EPOCH = dt.datetime(1970, 1, 1)


def to_epoch(value: dt.datetime) -> float:
    if value.tzinfo is not None:
        return value.timestamp()
    return (value - EPOCH).total_seconds()


def backend(account_id: str, region: str) -> CloudWatchBackend:
    return cloudwatch_backends[account_id][region]


def _segments(alarm: Any) -> list[tuple[float, str]]:
    """``(entered_at, state)`` pairs, oldest first."""
    points = [
        (to_epoch(entry[4]), str(entry[3]))
        for entry in alarm.history
        if isinstance(entry, tuple) and len(entry) >= 5 and entry[0] == "StateUpdate"
    ]
    points.append((to_epoch(alarm.state_updated_timestamp), str(alarm.state_value)))
    return points


def first_alarm(alarm: Any, start: float, end: float) -> float | None:
    """The first moment in ``[start, end]`` at which ``alarm`` was in ``ALARM``."""
    points = _segments(alarm)
    for index, (entered, state) in enumerate(points):
        left = points[index + 1][0] if index + 1 < len(points) else float("inf")
        if state == "ALARM" and entered <= end and left > start:
            return max(entered, start)
    return None


def first_trip(
    account_id: str, region: str, names: Iterable[str], start: float, end: float
) -> tuple[float, list[str]] | None:
    """When the earliest of ``names`` tripped within ``[start, end]``, and which tripped then."""
    alarms = backend(account_id, region).alarms
    hits: list[tuple[float, str]] = []
    for name in names:
        alarm = alarms.get(name)
        if alarm is None:
            continue
        at = first_alarm(alarm, start, end)
        if at is not None:
            hits.append((at, name))
    if not hits:
        return None
    first = min(at for at, _ in hits)
    return first, sorted(name for at, name in hits if at == first)


def check_exist(account_id: str, region: str, names: Iterable[str]) -> None:
    """ValidationException unless every alarm an AutoRollbackConfiguration names exists."""
    alarms = backend(account_id, region).alarms
    missing = [name for name in names if name not in alarms]
    if missing:
        raise ValidationException(
            f"Could not find CloudWatch alarm(s) [{', '.join(missing)}] named in the AutoRollbackConfiguration."
        )

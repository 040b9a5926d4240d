"""The provider's record of a rollout that rolled back or failed: a tag on the endpoint, written when it happens
(the engine keeps the old state when Update fails, so the state cannot carry it) and read by the next preview, whose
plan then says so. DescribeEndpoint has FailureReason and LastModifiedTime but no longer names the attempted config.

The tag's value is `<kind> <config> <time> <detail>`: kind and config name have no spaces, time is ISO 8601 UTC,
the rest is free text, all in the characters a tag value allows.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, NamedTuple

from ..core.owner import TAG_VALUE_LIMIT

# kind -> how the plan says what happened to the deployment
SAID = {
    "rolled-back": "was rolled back by {detail} at {at}",
    "not-live": "did not go live at {at} ({detail})",
    "failed": "failed at {at} ({detail})",
}


class Record(NamedTuple):
    kind: str
    config: str
    at: str
    detail: str


def when(value: Any) -> str:
    """LastModifiedTime (a datetime, naive meaning UTC) as 2026-05-01T10:00:00Z."""
    if not isinstance(value, datetime):
        value = datetime.now(timezone.utc)
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def alarms_detail(alarms: list[str]) -> str:
    return f"alarm{'s' if len(alarms) > 1 else ''} {' and '.join(alarms)}"


def record_value(record: Record) -> str:
    text = " ".join(record)
    text = re.sub(r"[^\w\s.:/=+\-@]", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:TAG_VALUE_LIMIT]


def parse(value: Any) -> Record | None:
    parts = value.split(" ", 3) if isinstance(value, str) else []
    if len(parts) < 3 or parts[0] not in SAID:
        return None
    return Record(*parts, *([""] if len(parts) == 3 else []))


def sentence(record: Record, new_config: Any) -> str:
    """'the last deployment of cfg-v2 was rolled back by alarm p99-latency at ...; this run deploys cfg-v2 again'"""
    said = SAID[record.kind].format(detail=record.detail or "no reason given", at=record.at)
    then = "again" if new_config == record.config else "instead"
    return f"the last deployment of {record.config} {said}; this run deploys {new_config} {then}"

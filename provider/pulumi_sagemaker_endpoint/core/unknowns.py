"""Values not known during a preview: the SDK hands them over as `pulumi.output.Unknown` objects; the wire and the
checked inputs carry the engine's marker string instead."""
from __future__ import annotations

from typing import Any

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the engine's wire marker for a value not known during preview


def is_unknown(value: Any) -> bool:
    from pulumi.output import Unknown

    return isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN)


def as_marker(value: Any) -> Any:
    """Unknown objects (anywhere in the value) to the wire marker string, which serializes back as unknown."""
    if is_unknown(value):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: as_marker(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_marker(v) for v in value]
    return value


def known(*values: Any) -> bool:
    """Every value is given and known."""
    return all(value is not None and not is_unknown(value) for value in values)

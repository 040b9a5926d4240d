"""The endpoint's physical name when the program gives none: `<logical>-<7 hex>`."""
from __future__ import annotations

import hashlib
import re
from typing import Any, Mapping

from ..core.unknowns import is_unknown
from .failures import Failure

NAME_LIMIT = 63
SUFFIX_LENGTH = 7


def logical_name(inputs: Mapping[str, Any]) -> str | None:
    owner = inputs.get("owner")
    if not isinstance(owner, str) or is_unknown(owner):
        return None
    return owner.split("/", 2)[-1]


def auto_name(inputs: dict[str, Any], olds: Mapping[str, Any]) -> list[Failure]:
    """`<logical>-<7 hex>`: reused from the old inputs, else derived from the owner so previews agree with up."""
    if "name" in inputs:
        return []
    if isinstance(inputs.get("importId"), str):
        inputs["name"] = inputs["importId"]
        return []
    logical = logical_name(inputs)
    if logical is None:
        return [Failure("name", "name is required when the endpoint has no Pulumi resource name; set name.")]
    prefix = _name_prefix(logical)
    old = olds.get("name")
    if isinstance(old, str) and re.fullmatch(rf"{re.escape(prefix)}-[0-9a-f]{{{SUFFIX_LENGTH}}}", old):
        inputs["name"] = old
    else:
        digest = hashlib.sha256(inputs["owner"].encode()).hexdigest()[:SUFFIX_LENGTH]
        inputs["name"] = f"{prefix}-{digest}"
    return []


def _name_prefix(logical: str) -> str:
    cleaned = re.sub(r"[^a-zA-Z0-9]+", "-", logical).strip("-") or "endpoint"
    return cleaned[: NAME_LIMIT - SUFFIX_LENGTH - 1].rstrip("-")



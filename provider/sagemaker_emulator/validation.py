"""Request validation the way SageMaker answers it.

* :func:`validate_input` checks a request against the constraints of the
  botocore service model (lengths, ranges, enums, patterns, required members)
  and answers the service's ``"N validation error(s) detected: Value 'x' at
  'path' failed to satisfy constraint: Member must ..."`` message.  boto3
  checks only some of these on the client side (not maxima), so the server
  must.
* :func:`validate_tags` adds the tag rules the model cannot express.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Iterable

from botocore.model import ServiceModel, Shape
from moto.core.utils import get_service_model

from .exceptions import ValidationException

MAX_TAGS = 50
RESERVED_TAG_PREFIX = "aws:"


@functools.lru_cache(maxsize=None)
def _service_model(service: str) -> ServiceModel:
    return get_service_model(service)


@functools.lru_cache(maxsize=256)
def _pattern(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:  # e.g. \p{L}: not supported by ``re``, left to the SDK
        return None


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _check_scalar(shape: Shape, value: Any, path: str, errors: list[str]) -> None:
    meta = shape.metadata
    kind = shape.type_name

    def fail(rule: str) -> None:
        errors.append(f"Value '{_fmt(value)}' at '{path}' failed to satisfy constraint: Member must {rule}")

    if kind == "string" and isinstance(value, str):
        if "min" in meta and len(value) < meta["min"]:
            fail(f"have length greater than or equal to {meta['min']}")
        if "max" in meta and len(value) > meta["max"]:
            fail(f"have length less than or equal to {meta['max']}")
        enum = getattr(shape, "enum", None) or []
        if enum and value not in enum:
            fail(f"satisfy enum value set: [{', '.join(enum)}]")
        regex = _pattern(meta["pattern"]) if "pattern" in meta else None
        if regex is not None and not regex.fullmatch(value):
            fail(f"satisfy regular expression pattern: {meta['pattern']}")
    elif kind in ("integer", "long", "float", "double") and isinstance(value, (int, float)):
        if "min" in meta and value < meta["min"]:
            fail(f"have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            fail(f"have value less than or equal to {meta['max']}")


def _walk(shape: Shape, value: Any, path: str, errors: list[str]) -> None:
    if shape.type_name == "structure":
        if not isinstance(value, dict):
            return
        for name in shape.required_members:  # type: ignore[attr-defined]
            if value.get(name) is None:
                member_path = f"{path}.{name[0].lower()}{name[1:]}" if path else f"{name[0].lower()}{name[1:]}"
                errors.append(f"Value null at '{member_path}' failed to satisfy constraint: Member must not be null")
        for name, member in shape.members.items():  # type: ignore[attr-defined]
            if name not in value or value[name] is None:
                continue
            key = f"{name[0].lower()}{name[1:]}"
            _walk(member, value[name], f"{path}.{key}" if path else key, errors)
    elif shape.type_name == "list":
        if not isinstance(value, list):
            return
        meta = shape.metadata
        if "min" in meta and len(value) < meta["min"]:
            errors.append(
                f"Value '{_fmt(value)}' at '{path}' failed to satisfy constraint: "
                f"Member must have length greater than or equal to {meta['min']}"
            )
        if "max" in meta and len(value) > meta["max"]:
            errors.append(
                f"Value '{_fmt(value)}' at '{path}' failed to satisfy constraint: "
                f"Member must have length less than or equal to {meta['max']}"
            )
        member = shape.member  # type: ignore[attr-defined]
        for index, item in enumerate(value, start=1):
            _walk(member, item, f"{path}.{index}.member", errors)
    else:
        _check_scalar(shape, value, path, errors)


def raise_errors(errors: list[str]) -> None:
    if errors:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        raise ValidationException(f"{count} validation {noun} detected: " + "; ".join(errors))


def validate_input(operation: str, params: dict[str, Any], service: str = "sagemaker") -> None:
    """Check ``params`` against the input shape of ``operation``."""
    shape = _service_model(service).operation_model(operation).input_shape
    errors: list[str] = []
    if shape is not None:
        _walk(shape, params, "", errors)
    raise_errors(errors)


def validate_tags(new: Iterable[dict[str, str]], existing: Iterable[dict[str, str]] = ()) -> None:
    """Reserved ``aws:`` prefix, duplicate keys, at most 50 tags per resource."""
    new = list(new)
    keys = [str(t.get("Key", "")) for t in new]
    reserved = [k for k in keys if k.lower().startswith(RESERVED_TAG_PREFIX)]
    if reserved:
        raise ValidationException(
            f'Tag keys beginning with "{RESERVED_TAG_PREFIX}" are reserved for AWS use: {", ".join(reserved)}.'
        )
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValidationException(f"Duplicate tag keys in the request: {', '.join(duplicates)}.")
    total = {str(t["Key"]) for t in existing} | set(keys)
    if len(total) > MAX_TAGS:
        raise ValidationException(
            f"Tag limit exceeded: a resource can have at most {MAX_TAGS} tags; "
            f"this request would leave it with {len(total)}."
        )

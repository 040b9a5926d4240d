"""A CLI-input document's keys against botocore's input shapes, at every level: unknown keys (with a suggestion)
and missing required ones. Values are schema.json's business."""
from __future__ import annotations

import difflib
from typing import Any, Mapping, Sequence

from ..aws.model import members, option, required
from .failures import Failure

ENDPOINT_OPERATIONS = ("CreateEndpoint", "UpdateEndpoint")



def shape_failures(document: Mapping[str, Any], operations: Sequence[str] = ENDPOINT_OPERATIONS,
                   require: bool = True) -> list[Failure]:
    """Unknown keys (with a suggestion) and missing required keys, against the operations' input shapes."""
    top = members(operations)
    failures = _unknown(document, top, "", "/".join(operations) + "'s input")
    if require:
        failures += [Failure(name, f"{name} is required; set it in the document (or pass "
                                   f"{option(name)}).") for name in required(operations) if name not in document]
    for name, value in document.items():
        if name in top:
            failures += _walk(value, top[name], name)
    return failures


def _walk(value: Any, shape: Any, path: str) -> list[Failure]:
    if shape.type_name == "structure" and isinstance(value, Mapping):
        failures = _unknown(value, shape.members, path, f"a {shape.name}")
        failures += [Failure(f"{path}.{name}", f"{path}.{name} is required; set it.")
                     for name in shape.required_members if name not in value]
        for name, item in value.items():
            if name in shape.members:
                failures += _walk(item, shape.members[name], f"{path}.{name}")
        return failures
    if shape.type_name == "list" and isinstance(value, list):
        return [failure for index, item in enumerate(value) for failure in _walk(item, shape.member,
                                                                                   f"{path}[{index}]")]
    return []  # scalars and wrong types: schema.json reports those


def _unknown(value: Mapping[str, Any], known: Mapping[str, Any], path: str, owner: str) -> list[Failure]:
    failures = []
    for name in value:
        if name in known:
            continue
        where = f"{path}.{name}" if path else str(name)
        by_case = {key.lower(): key for key in known}
        close = [by_case[str(name).lower()]] if str(name).lower() in by_case else difflib.get_close_matches(
            str(name), list(known), n=1)
        hint = f"did you mean {close[0]}?" if close else f"remove it (the keys are {', '.join(known)})."
        failures.append(Failure(where, f"{where} is not a key of {owner}; {hint}"))
    return failures

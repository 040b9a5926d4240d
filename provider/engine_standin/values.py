"""Property values as the engine handles them: secrets, unknowns, Struct encoding, durations,
and property paths (for ignoreChanges).

Secrets and unknowns use the SDK's wire forms (`rpc.wrap_rpc_secret`, `rpc.UNKNOWN`), so a
property bag here is exactly what `rpc.serialize_properties` / `deserialize_properties` produce.
"""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import Callable, Mapping
from typing import Any, Union

from google.protobuf import struct_pb2
from pulumi.output import Unknown
from pulumi.runtime import rpc

Props = dict[str, Any]
Timeout = Union[str, float, int, None]

UNKNOWN: str = rpc.UNKNOWN
"""The unknown-value sentinel ("04da6b54-..."): pass it as an input value in a preview."""


# --------------------------------------------------------------------------------------------
# Secrets and unknowns


def secret(value: Any) -> dict[str, Any]:
    """Mark a value secret (the wire form the SDK uses)."""
    return rpc.wrap_rpc_secret(value)


def is_secret(value: Any) -> bool:
    return rpc.is_rpc_secret(value)


def unwrap_secrets(value: Any) -> Any:
    """The value with every secret marker removed (the engine's removeSecrets)."""
    if is_secret(value):
        return unwrap_secrets(value["value"])
    if isinstance(value, dict):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap_secrets(v) for v in value]
    return value


def _contains(value: Any, predicate: Callable[[Any], bool]) -> bool:
    """Whether `predicate` holds for the value or anything in its dicts' values and lists (a
    value it holds for is not walked into; a secret wrapper is a dict like any other)."""
    if predicate(value):
        return True
    if isinstance(value, dict):
        return any(_contains(v, predicate) for v in value.values())
    if isinstance(value, list):
        return any(_contains(v, predicate) for v in value)
    return False


def contains_secrets(value: Any) -> bool:
    return _contains(value, is_secret)


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN)


def contains_unknowns(value: Any) -> bool:
    return _contains(value, is_unknown)


def as_marker(value: Any) -> Any:
    """`Unknown` objects anywhere in the value replaced by the wire marker string."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: as_marker(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_marker(v) for v in value]
    return value


# --------------------------------------------------------------------------------------------
# Struct encoding with the SDK's own serializer


def _run(coro: Any) -> Any:
    loop = asyncio.new_event_loop()  # a private loop: callers may be on any thread
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    """Encode a property bag with the SDK's serializer (None values are dropped, as the SDK does)."""
    return _run(rpc.serialize_properties(dict(props), {}))


def from_struct(struct: struct_pb2.Struct) -> Props:
    """Decode a property bag with the SDK's deserializer; unknowns come back as `UNKNOWN`,
    secrets as `secret(...)` markers."""
    return as_marker(rpc.deserialize_properties(struct, keep_unknowns=True))


def annotate_secrets(outs: Props, ins: Mapping[str, Any]) -> None:
    """provider_plugin.go annotateSecrets: an output keeps the secret bit of the same-named input
    (for providers that do not accept secrets). Mutates `outs`."""
    for key, in_value in ins.items():
        if key not in outs:
            continue
        out_value = outs[key]
        if isinstance(out_value, dict) and isinstance(in_value, dict) and not is_secret(out_value) and not is_secret(in_value):
            annotate_secrets(out_value, in_value)
        elif not is_secret(out_value) and contains_secrets(in_value):
            outs[key] = secret(out_value)


def changed_keys(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """Top-level keys whose values differ, secrets ignored (PropertyMap.Diff().ChangedKeys())."""
    old_plain, new_plain = unwrap_secrets(dict(olds)), unwrap_secrets(dict(news))
    return sorted(k for k in set(old_plain) | set(new_plain) if old_plain.get(k) != new_plain.get(k))


# --------------------------------------------------------------------------------------------
# Durations (source_eval.go generateTimeoutInSeconds: Go's time.ParseDuration)

_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_timeout(value: Timeout) -> float:
    """A customTimeouts value in seconds: Go duration strings ("10m", "1h30m") or numbers (s)."""
    if value is None:
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    text = value.strip()
    if text in ("0", ""):
        return 0.0
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        pos = match.end()
    if pos != len(text) or pos == 0:
        raise ValueError(f"unable to parse customTimeout Value {value}")
    return total


# --------------------------------------------------------------------------------------------
# Property paths (sdk/go/common/resource/properties_path.go parsePropertyPath, PropertyPath.reset)

PathElement = Union[str, int]


def parse_property_path(path: str) -> list[PathElement]:
    """`a.b`, `a[0]`, `a["key.with dots"]`, `a[*]` -> elements (the engine's loose grammar)."""
    if path.startswith("."):
        raise ValueError("expected property path to start with a name or index")
    elements: list[PathElement] = []
    rest = path
    while rest:
        if rest[0] == ".":
            rest = rest[1:]
            if not rest:
                raise ValueError("expected property path to end with a name or index")
        elif rest[0] == "[":
            element, rest = _parse_index(rest)
            elements.append(element)
        else:
            end = min([i for i in (rest.find("."), rest.find("[")) if i >= 0], default=len(rest))
            elements.append(rest[:end])
            rest = rest[end:]
    return elements


def _parse_index(rest: str) -> tuple[PathElement, str]:
    if rest.startswith('["'):
        key, i = [], 2
        while True:
            if i >= len(rest):
                raise ValueError("missing closing quote in property name")
            if rest[i] == '"':
                i += 1
                break
            if rest[i] == "\\" and i + 1 < len(rest) and rest[i + 1] == '"':
                key.append('"')
                i += 2
            else:
                key.append(rest[i])
                i += 1
        if i >= len(rest) or rest[i] != "]":
            raise ValueError("missing closing bracket in property access")
        return "".join(key), rest[i + 1 :]
    close = rest.find("]")
    if close == -1:
        raise ValueError("missing closing bracket in array index")
    segment = rest[1:close]
    return ("*" if segment == "*" else int(segment)), rest[close + 1 :]


class _Box:
    """A mutable slot, so a reset can replace a value wherever it sits."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _plain(value: Any) -> tuple[Any, bool]:
    if is_secret(value):
        inner, _ = _plain(value["value"])
        return inner, True
    return value, False


def reset_path(path: list[PathElement], old: Mapping[str, Any], new: Props) -> bool:
    """PropertyPath.Reset: put the value at `path` in `old` back into `new` (delete it from `new`
    where `old` lacks it). Returns False on a path error (added/removed elements on the way)."""
    return _reset(path, dict(old), new, False, False)


def _reset(path: list[PathElement], old: Any, new: Any, old_secret: bool, new_secret: bool) -> bool:
    if not path:
        return False
    old, s = _plain(old)
    old_secret = old_secret or s
    new, s = _plain(new)
    new_secret = new_secret or s
    key, rest = path[0], path[1:]

    def carried(value: Any) -> Any:
        return secret(value) if old_secret and not new_secret else value

    if isinstance(key, int):
        if key < 0:
            return False
        old_list, new_list = isinstance(old, list), isinstance(new, list)
        if not rest:
            if not old_list and not new_list:
                return True
            if not (old_list and new_list):
                return False
            if key >= len(old) and key >= len(new):
                return True
            if key >= len(old) or key >= len(new):
                return False
            new[key] = carried(copy.deepcopy(old[key]))
            return True
        if not (old_list and new_list):
            return not old_list and not new_list
        if key >= len(old) or key >= len(new):
            return False
        return _reset(rest, old[key], new[key], old_secret, new_secret)

    old_obj, new_obj = isinstance(old, dict), isinstance(new, dict)
    if key == "*":
        return _reset_wildcard(rest, old, new, old_secret, new_secret, carried)
    if not rest:
        if old_obj and key in old:
            if not new_obj:
                return False
            new[key] = carried(copy.deepcopy(old[key]))
        elif new_obj:
            new.pop(key, None)
        return True
    if not (old_obj and new_obj):
        return not old_obj and not new_obj
    has_old, has_new = key in old, key in new
    if has_old and not has_new:
        return False
    if not has_old and not has_new:
        return True
    return _reset(rest, old.get(key), new[key], old_secret, new_secret)


def _reset_wildcard(rest: list[PathElement], old: Any, new: Any, old_secret: bool, new_secret: bool, carried: Any) -> bool:
    if not rest:
        if isinstance(new, dict):
            if isinstance(old, dict):
                for k, v in old.items():
                    new[k] = carried(copy.deepcopy(v))
                for k in [k for k in new if k not in old]:
                    del new[k]
            return True
        if isinstance(new, list):
            if isinstance(old, list):
                for i in range(min(len(old), len(new))):
                    new[i] = carried(copy.deepcopy(old[i]))
                return len(old) == len(new)
            return True
        return False
    if isinstance(old, dict) and isinstance(new, dict):
        return all(k in new and _reset(rest, old[k], new[k], old_secret, new_secret) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        ok = all(_reset(rest, old[i], new[i], old_secret, new_secret) for i in range(min(len(old), len(new))))
        return ok and len(old) == len(new)
    return False


def process_ignore_changes(inputs: Mapping[str, Any], old_inputs: Mapping[str, Any], ignore_changes: list[str]) -> tuple[Props, list[str]]:
    """step_generator.go processIgnoreChanges: a copy of `inputs` with each ignored path reset to
    its old value; also the paths that could not be reset (the engine logs them as info)."""
    ignored = copy.deepcopy(dict(inputs))
    invalid: list[str] = []
    for text in ignore_changes:
        try:
            path = parse_property_path(text)
        except ValueError:
            continue
        if not reset_path(path, old_inputs, ignored):
            invalid.append(text)
    return ignored, invalid

"""The one place that converts between the user's shapes, the state's camelCase and the API's PascalCase."""
from __future__ import annotations

import re
from typing import Any, Mapping


def camel(key: str) -> str:
    """`wait_interval_in_seconds`, `WaitIntervalInSeconds` and `waitIntervalInSeconds` all become the last."""
    parts = [part for part in key.split("_") if part]
    if "_" in key and parts:
        head, *rest = parts
        return head.lower() + "".join(part[:1].upper() + part[1:] for part in rest)
    return key[:1].lower() + key[1:]


def snake(key: str) -> str:
    """`endpointConfigName` -> `endpoint_config_name`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


def pascal(key: str) -> str:
    return key[:1].upper() + key[1:]


DATA_MAPS = frozenset({"environment"})  # members whose keys are data (a container's environment variables)


def camelize(value: Any) -> Any:
    """Structure keys to camelCase, recursively (not for maps whose keys are data, such as tags)."""
    if isinstance(value, Mapping):
        return {camel(str(k)): v if camel(str(k)) in DATA_MAPS else camelize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [camelize(v) for v in value]
    return value


def pascalize(value: Any) -> Any:
    """State form (camelCase) to the API's request shape (PascalCase), recursively, with whole numbers as int."""
    if isinstance(value, Mapping):
        return {pascal(str(k)): whole_numbers(v) if str(k) in DATA_MAPS else pascalize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [pascalize(v) for v in value]
    return whole_numbers(value)


def tags_to_api(tags: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in sorted(tags.items())]


def tags_from_api(tags: list[Mapping[str, str]]) -> dict[str, str]:
    return {tag["Key"]: tag.get("Value", "") for tag in tags}


def whole_numbers(value: Any) -> Any:
    """Numbers cross the engine's wire as floats (300 arrives as 300.0); the API wants integers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_numbers(v) for v in value]
    return value

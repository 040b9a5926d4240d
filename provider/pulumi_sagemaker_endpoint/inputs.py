"""Inputs: every accepted form (snake_case, camelCase, the API's PascalCase, pulumi_aws Args) to the one state form.

`check_inputs` is what `check()` runs without AWS: normalise, auto-name, validate against `schema.json`, then the
rules JSON Schema cannot state. Values unknown during preview are left alone.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Mapping

from . import rules
from .schema import Failure, as_marker, is_unknown, validate
from .shapes import camel, camelize, whole_numbers

PROVIDER_KEY = "__provider"
# What SageMaker reports (endpoint.outputs/read); never inputs, so check() drops them.
OUTPUT_KEYS = ("arn", "endpointStatus", "creationTime", "productionVariants", "endpointConfigCreationTime",
               "failureReason")
ALIASES = {"endpointName": "name"}
NAME_LIMIT = 63
SUFFIX_LENGTH = 7


def check_inputs(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    inputs, failures = normalise(news)
    failures += auto_name(inputs, olds)
    failures += validate(inputs)
    if not failures:
        failures += rules.static_failures(inputs)
    return inputs, sorted(set(failures))


def normalise(news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    inputs: dict[str, Any] = {}
    failures: list[Failure] = []
    for raw_key, value in as_marker(dict(news)).items():
        key = ALIASES.get(camel(raw_key), camel(raw_key))
        if raw_key == PROVIDER_KEY or value is None or key in OUTPUT_KEYS:
            continue
        if key == "tags":
            value, problems = _tags(value)
            failures += problems
        elif key == "excludeRetainedVariantProperties":
            value = _variant_properties(value)
        elif key in ("deploymentConfig", "timeouts"):
            value = camelize(value)
        inputs[key] = whole_numbers(value)
    return inputs, failures


def _tags(value: Any) -> tuple[Any, list[Failure]]:
    """A mapping stays; the API's list of {Key, Value} becomes a mapping, refusing duplicate keys."""
    if not isinstance(value, (list, tuple)):
        return value, []
    tags: dict[str, Any] = {}
    failures = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping) or not ({"Key", "key"} & set(item)):
            failures.append(Failure(f"tags[{index}]", f"tags[{index}] must be a mapping with Key and Value."))
            continue
        key = item.get("Key", item.get("key"))
        if not isinstance(key, str):
            failures.append(Failure(f"tags[{index}].key", f"tags[{index}].key must be a string, not {key!r}."))
            continue
        if key in tags:
            failures.append(Failure(f"tags[{index}].key",
                                    f"tags[{index}].key repeats the tag key {key!r}; tag keys must be unique."))
        tags[key] = item.get("Value", item.get("value", ""))
    return tags, failures


def _variant_properties(value: Any) -> Any:
    """Accept plain names (["DesiredWeight"]) beside the API's [{"VariantPropertyType": ...}]."""
    if not isinstance(value, (list, tuple)):
        return value
    return [{"variantPropertyType": item} if isinstance(item, str) else camelize(item) for item in value]


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



"""Every accepted input form (snake_case, camelCase, the API's PascalCase, pulumi_aws Args) to the one state form.
Values unknown during preview are left alone (as the wire marker)."""
from __future__ import annotations

from typing import Any, Mapping

from ..core.properties import ALIASES, OUTPUTS
from ..core.shapes import camel, camelize, whole_numbers
from ..core.unknowns import as_marker
from .failures import Failure

PROVIDER_KEY = "__provider"


STRUCTURES = ("deploymentConfig", "timeouts")  # the Endpoint's inputs whose keys are structure, not data


def normalise(news: Mapping[str, Any], aliases: Mapping[str, str] = ALIASES, outputs: tuple[str, ...] = OUTPUTS,
              structures: tuple[str, ...] = STRUCTURES) -> tuple[dict[str, Any], list[Failure]]:
    """aliases, outputs, structures: the resource's property table's (the Endpoint's unless given)."""
    inputs: dict[str, Any] = {}
    failures: list[Failure] = []
    for raw_key, value in as_marker(dict(news)).items():
        key = aliases.get(camel(raw_key), camel(raw_key))
        if raw_key == PROVIDER_KEY or value is None or key in outputs:
            continue
        if key == "tags":
            value, problems = _tags(value)
            failures += problems
        elif key == "excludeRetainedVariantProperties":
            value = _variant_properties(value)
        elif key in structures:
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

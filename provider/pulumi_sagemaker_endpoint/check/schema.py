"""The committed `schema.json`, loaded once, and a validator that speaks in CheckFailure sentences."""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..core.properties import HIDDEN
from ..core.unknowns import is_unknown
from .failures import Failure, property_path


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    return cls(schema())


def validate(instance: dict[str, Any], validator: Any = None, hidden: frozenset[str] = HIDDEN) -> list[Failure]:
    """Every schema violation, skipping values that are unknown during preview. validator, hidden: another
    resource's schema and hidden keys (the Endpoint's schema.json unless given)."""
    failures = []
    for error in (validator or _validator()).iter_errors(instance):
        for leaf in _leaves(error):
            if not _involves_unknown(instance, list(leaf.absolute_path)):
                failures.append(_describe(leaf, hidden))
    return sorted(set(failures))


def value_failures(key: str, value: Any) -> list[Failure]:
    """One property's value against its rule in schema.json alone (the other properties are not asked for)."""
    alone = {**schema(), "required": [], "properties": {key: schema()["properties"][key]}}
    errors = validator_for(alone).iter_errors({key: value})
    return sorted({_describe(leaf) for error in errors for leaf in _leaves(error)})


def validator_for(schema_: dict[str, Any]) -> Any:
    import jsonschema

    return jsonschema.validators.validator_for(schema_)(schema_)


def _leaves(error: Any) -> list[Any]:
    """allOf/if-then errors wrap the real ones; report the innermost."""
    if error.validator in ("allOf", "anyOf") and error.context:
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    return [error]


def _involves_unknown(instance: Any, path: list[Any]) -> bool:
    value = instance
    for part in [None, *path]:
        if part is not None:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return False
        if is_unknown(value):
            return True
    return False


_TYPE_NAMES = {"string": "a string", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "object": "a mapping", "array": "a list"}


def _describe(error: Any, hidden: frozenset[str] = HIDDEN) -> Failure:
    path = list(error.absolute_path)
    where = property_path(path)
    schema_here = error.schema if isinstance(error.schema, dict) else {}
    kind, detail, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = next(name for name in detail if not (isinstance(value, dict) and name in value))
        where = property_path([*path, missing])
        reason = schema_here.get("x-message") or f"{where} is required; set it"
        return Failure(where, _sentence(reason, where))
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(schema_here.get("properties", {})))[0]
        where = property_path([*path, extra])
        known = sorted(set(schema_here.get("properties", {})) - hidden)
        close = difflib.get_close_matches(extra, known, n=1)
        hint = f"did you mean {close[0]}?" if close else f"known properties are {', '.join(known)}."
        return Failure(where, f"{where} is not a property SageMaker knows; {hint}")
    if kind == "not" and isinstance(detail, dict) and "x-message" in detail:
        return Failure(where, _sentence(detail["x-message"], where, value))
    if "x-message" in schema_here:
        return Failure(where, _sentence(schema_here["x-message"], where, value))
    if kind == "type":
        return Failure(where, f"{where} must be {_TYPE_NAMES.get(detail, detail)} (got {value!r}).")
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        low, high = schema_here.get("minimum"), schema_here.get("maximum")
        bounds = f"between {low} and {high}" if low is not None and high is not None else (
            f"at least {low}" if low is not None else f"at most {high}" if high is not None else "positive")
        return Failure(where, f"{where} must be {bounds} (got {value}).")
    if kind in ("minLength", "maxLength"):
        return Failure(where, f"{where} must be {schema_here.get('minLength', 0)} to "
                              f"{schema_here.get('maxLength', 'any')} characters long (got {len(value)}).")
    if kind == "enum":
        return Failure(where, f"{where} must be one of {', '.join(map(str, detail))} (got {value!r}).")
    if kind == "maxProperties":
        return Failure(where, f"{where} has {len(value)} entries; at most {detail} are allowed, remove some.")
    if kind in ("maxItems", "minItems"):
        return Failure(where, f"{where} must have {schema_here.get('minItems', 0)} to "
                              f"{schema_here.get('maxItems', 'any')} items (got {len(value)}).")
    if kind == "pattern":
        return Failure(where, f"{where} does not match {detail} (got {value!r}); fix the value.")
    return Failure(where, f"{where}: {error.message}.")


def _sentence(reason: str, where: str, value: Any = None) -> str:
    text = reason if reason.startswith(where) else f"{where} {reason}"
    if value is not None and not isinstance(value, (dict, list)) and "got" not in text:
        shown = repr(value)
        text += f" (got {shown[:40] + '...' if len(shown) > 40 else shown})"
    return text.rstrip(".") + "."

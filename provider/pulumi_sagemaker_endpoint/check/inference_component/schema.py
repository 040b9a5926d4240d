"""The InferenceComponent's inputs as JSON Schema, built from botocore's SageMaker model when first needed (the
specification, runtime and deployment configs are the API's shapes, bounds and enums), with the Endpoint's
schema rules for what both resources take (tags, region, roleArn, timeouts, the hidden keys)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...aws.model import raw_model
from ...core.inference_component.properties import HIDDEN, PROPERTIES, REQUIRED
from ...core.properties import Role
from ..failures import Failure
from ..schema import validate, validator_for
from ..schema_gen import BEYOND_THE_MODEL, model_shape, shape_schema

SHARED = ("tags", "region", "roleArn", "owner", "timeouts", "rolloutPlan")  # as the Endpoint's schema has them
NAME = "must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit"


def property_schema(shapes: dict[str, Any], state: str) -> dict[str, Any]:
    if state in SHARED:
        return BEYOND_THE_MODEL[state](shapes)
    prop = next(p for p in PROPERTIES if p.state == state)
    shape = shapes["CreateInferenceComponentInput"]["members"]["InferenceComponentName"]["shape"] \
        if state == "importId" else model_shape(shapes, prop)
    found = shape_schema(shapes, shape)
    return {**found, "minLength": 1, "x-message": NAME} if found.get("type") == "string" and "pattern" in found \
        else found


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    shapes = raw_model()["shapes"]
    return {
        "type": "object",
        "properties": {p.state: property_schema(shapes, p.state) for p in PROPERTIES if p.role is not Role.OUTPUT},
        "additionalProperties": False,
        # an import names a live component: what it runs is read from it
        "if": {"not": {"required": ["importId"]}}, "then": {"required": list(REQUIRED)},
    }


@lru_cache(maxsize=1)
def _validator() -> Any:
    return validator_for(schema())


def validate_inference_component(inputs: dict[str, Any]) -> list[Failure]:
    return validate(inputs, _validator(), HIDDEN)

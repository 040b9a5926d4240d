"""Generate `schema.json`: the Endpoint inputs in state form, from botocore's SageMaker model plus our rules.

Run `python scripts/generate_schema.py` after upgrading botocore; a test fails while the committed file is stale.
The model's constraints (lengths, patterns, enums, bounds) are translated mechanically; the rules the model only
states in prose (which traffic-routing field goes with which type, one update policy at a time, percentage bounds)
are added below, each with the sentence `check()` reports when it is broken (`x-message`).
"""
from __future__ import annotations

import json
from typing import Any

from ..aws.model import raw_model
from ..core.owner import CREATING_TAG, OUTCOME_TAG, OWNER_TAG
from ..core.properties import BY_STATE, STATE_INPUTS, Property
from ..core.shapes import camel

# Python's `re` has no \p{...} classes; \w\s is the nearest class (letters, digits, underscore, white space).
_UNICODE_CLASSES = {r"\p{L}\p{Z}\p{N}": r"\w\s"}

PROVIDER_TAGS = (OWNER_TAG, CREATING_TAG, OUTCOME_TAG)  # tags the provider may set on an endpoint
NAME_MESSAGE = (
    "must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit"
)


def _pattern(raw: str) -> str:
    for model_class, python_class in _UNICODE_CLASSES.items():
        raw = raw.replace(model_class, python_class)
    # `$` alone would also match before a final newline; (?![\s\S]) pins the true end (ECMA and Python alike).
    return f"^(?:{raw})$(?![\\s\\S])"


def shape_schema(shapes: dict[str, Any], name: str) -> dict[str, Any]:
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        return {
            "type": "object",
            "properties": {camel(m): shape_schema(shapes, s["shape"]) for m, s in shape["members"].items()},
            **({"required": [camel(r) for r in shape["required"]]} if shape.get("required") else {}),
            "additionalProperties": False,
        }
    if kind == "list":
        schema: dict[str, Any] = {"type": "array", "items": shape_schema(shapes, shape["member"]["shape"])}
        _copy(shape, schema, min="minItems", max="maxItems")
        return schema
    if kind == "string":
        schema = {"type": "string"}
        _copy(shape, schema, min="minLength", max="maxLength")
        if "enum" in shape:
            schema["enum"] = shape["enum"]
        if "pattern" in shape:
            schema["pattern"] = _pattern(shape["pattern"])
        return schema
    if kind in ("integer", "long"):
        schema = {"type": "integer"}
        _copy(shape, schema, min="minimum", max="maximum")
        return schema
    if kind == "boolean":
        return {"type": "boolean"}
    if kind in ("float", "double"):
        schema = {"type": "number"}
        _copy(shape, schema, min="minimum", max="maximum")
        return schema
    if kind == "map":
        schema = {"type": "object", "additionalProperties": shape_schema(shapes, shape["value"]["shape"])}
        _copy(shape, schema, max="maxProperties")
        return schema
    raise ValueError(f"shape {name} of type {kind} is not used by the Endpoint inputs")


def _copy(shape: dict[str, Any], schema: dict[str, Any], **names: str) -> None:
    for model_key, schema_key in names.items():
        if model_key in shape:
            schema[schema_key] = shape[model_key]


def _percent_bounds(low: int, high: int, what: str) -> dict[str, Any]:
    """A CapacitySize given as CAPACITY_PERCENT must lie within [low, high]."""
    return {
        "if": {"properties": {"type": {"const": "CAPACITY_PERCENT"}}, "required": ["type"]},
        "then": {
            "properties": {
                "value": {
                    "minimum": low,
                    "maximum": high,
                    "x-message": f"must be between {low} and {high} for a CAPACITY_PERCENT {what}",
                }
            }
        },
    }


def _routing_rules() -> list[dict[str, Any]]:
    def routing(kind: str, required: list[str], forbidden: list[str]) -> dict[str, Any]:
        then: dict[str, Any] = {}
        if required:
            then = {"required": required, "x-message": f"is required for {kind} traffic routing; add it"}
        for field in forbidden:
            then.setdefault("properties", {})[field] = {
                "not": {},
                "x-message": f"applies only to {'CANARY' if field == 'canarySize' else 'LINEAR'} "
                "traffic routing; remove it or change type",
            }
        return {"if": {"properties": {"type": {"const": kind}}, "required": ["type"]}, "then": then}

    return [
        routing("CANARY", ["canarySize"], ["linearStepSize"]),
        routing("LINEAR", ["linearStepSize"], ["canarySize"]),
        routing("ALL_AT_ONCE", [], ["canarySize", "linearStepSize"]),
    ]


def deployment_config_schema(shapes: dict[str, Any]) -> dict[str, Any]:
    schema = shape_schema(shapes, "DeploymentConfig")
    props = schema["properties"]
    routing = props["blueGreenUpdatePolicy"]["properties"]["trafficRoutingConfiguration"]
    routing["allOf"] = _routing_rules()
    routing["properties"]["canarySize"]["allOf"] = [_percent_bounds(1, 50, "canarySize")]
    routing["properties"]["linearStepSize"]["allOf"] = [_percent_bounds(10, 50, "linearStepSize")]
    rolling = props["rollingUpdatePolicy"]["properties"]
    rolling["maximumBatchSize"]["allOf"] = [_percent_bounds(5, 50, "maximumBatchSize")]
    rolling["rollbackMaximumBatchSize"]["allOf"] = [_percent_bounds(1, 100, "rollbackMaximumBatchSize")]
    schema["not"] = {
        "required": ["blueGreenUpdatePolicy", "rollingUpdatePolicy"],
        "x-message": "must set only one of blueGreenUpdatePolicy and rollingUpdatePolicy; remove the other",
    }
    return schema


def tags_schema(shapes: dict[str, Any]) -> dict[str, Any]:
    tag = shapes["Tag"]["members"]
    key = shape_schema(shapes, tag["Key"]["shape"])
    key["not"] = {"pattern": "^aws:", "x-message": "may not use keys starting with aws:, which AWS reserves; rename the key"}
    return {
        "type": "object",
        "maxProperties": shapes["TagList"]["max"] - len(PROVIDER_TAGS),  # the provider's own tags count too
        "propertyNames": key,
        "additionalProperties": shape_schema(shapes, tag["Value"]["shape"]),
    }


def variant_map(shapes: dict[str, Any], member: str) -> dict[str, Any]:
    """{production variant name: one member of DesiredWeightAndCapacity} (DesiredWeight is a float, which
    `shape_schema` leaves alone: the model bounds it below only)."""
    members = shapes["DesiredWeightAndCapacity"]["members"]
    value = shapes[members[member]["shape"]]
    values = ({"type": "number", "minimum": value["min"]} if value["type"] == "float"
              else shape_schema(shapes, members[member]["shape"]))
    names = {**shape_schema(shapes, members["VariantName"]["shape"]), "minLength": 1,
             "x-message": "keys must be production variant names of " + NAME_MESSAGE.removeprefix("must be ")}
    return {"type": "object", "propertyNames": names, "additionalProperties": values}


def model_shape(shapes: dict[str, Any], prop: Property) -> str:
    """The botocore shape of a property that an endpoint call takes, by its member name there."""
    call = next(call for call in prop.calls if f"{call}Input" in shapes)
    return shapes[f"{call}Input"]["members"][prop.api]["shape"]


def property_schema(shapes: dict[str, Any], prop: Property) -> dict[str, Any]:
    """A property's schema: the model's shape, with our rules where the model states them only in prose."""
    if prop.state in ("name", "endpointConfigName", "importId"):
        name = shapes["CreateEndpointInput"]["members"]["EndpointName"]["shape"]
        return {**shape_schema(shapes, name if prop.state == "importId" else model_shape(shapes, prop)),
                "minLength": 1, "x-message": NAME_MESSAGE}
    if prop.state in BEYOND_THE_MODEL:
        return BEYOND_THE_MODEL[prop.state](shapes)
    return shape_schema(shapes, model_shape(shapes, prop))


SECONDS = {"type": "number", "exclusiveMinimum": 0}
BEYOND_THE_MODEL = {  # properties the API does not take as they are, or takes with rules of ours
    "deploymentConfig": deployment_config_schema,
    "tags": tags_schema,
    "variantWeights": lambda shapes: variant_map(shapes, "DesiredWeight"),
    "desiredInstanceCounts": lambda shapes: variant_map(shapes, "DesiredInstanceCount"),
    "region": lambda shapes: {"type": "string", "pattern": "^[a-z]{2,4}(-[a-z]+)+-[0-9]+$(?![\\s\\S])",
                              "x-message": "must be an AWS region code such as us-east-1"},
    "roleArn": lambda shapes: {**shape_schema(shapes, "RoleArn"),
                               "x-message": "must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer"},
    "owner": lambda shapes: {"type": "string", "maxLength": 256},
    "timeouts": lambda shapes: {"type": "object", "properties": {op: SECONDS for op in ("create", "update", "delete")},
                                "additionalProperties": False},
    "rolloutPlan": lambda shapes: {"type": "string"},
    "deleteBeforeReplace": lambda shapes: {"type": "boolean"},
    "autoscaling": lambda shapes: {"type": "string", "enum": ["refuse", "reapply"],
                                   "x-message": 'must be "refuse" (the default) or "reapply"'},
    "scalingRestore": lambda shapes: {"type": "string"},
    "inferenceComponents": lambda shapes: {"type": "string", "enum": ["refuse", "update"],
                                           "x-message": 'must be "refuse" (the default) or "update"'},
}


def endpoint_schema(model: dict[str, Any]) -> dict[str, Any]:
    shapes = model["shapes"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/pulumi-sagemaker-endpoint/schema.json",
        "title": "pulumi-sagemaker-endpoint Endpoint inputs (state form, camelCase)",
        "description": "Generated by scripts/generate_schema.py from botocore's SageMaker model "
        f"(apiVersion {model['metadata']['apiVersion']}) plus the provider's rules. Do not edit.",
        "type": "object",
        "properties": {key: property_schema(shapes, BY_STATE[key]) for key in STATE_INPUTS},
        "required": ["endpointConfigName"],
        "additionalProperties": False,
    }


def render(model: dict[str, Any] | None = None) -> str:
    return json.dumps(endpoint_schema(model or raw_model()), indent=2, sort_keys=False) + "\n"

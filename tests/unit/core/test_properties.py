"""The property table is the one list of names: every other list derives from it, and a property added anywhere
else (a keyword argument, a schema entry, an output, a CLI document key) without its row fails here."""
from __future__ import annotations

import inspect
import json
from pathlib import Path

from pulumi_sagemaker_endpoint import Endpoint
from pulumi_sagemaker_endpoint.check.document_paths import DOCUMENT_KEYS
from pulumi_sagemaker_endpoint.check.review import check_inputs
from pulumi_sagemaker_endpoint.core.properties import (BY_STATE, HIDDEN, INPUTS, OUTPUTS, PROPERTIES, REPLACE_KEYS,
                                                         SNAKE, STATE_INPUTS, UPDATE_KEYS, Change, Role)
from pulumi_sagemaker_endpoint.face.resource import endpoint_props
from pulumi_sagemaker_endpoint.lifecycle.diff import diff
from pulumi_sagemaker_endpoint.lifecycle.outputs import outputs
from pulumi_sagemaker_endpoint.lifecycle.requests import create_request, update_request

ROOT = Path(__file__).resolve().parents[3]
DESCRIBED = {"EndpointName": "ep", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/ep",
             "EndpointConfigName": "cfg", "EndpointStatus": "InService", "CreationTime": "2026-01-01T00:00:00",
             "FailureReason": "x"}
CONFIG = {"ProductionVariants": [{"VariantName": "primary", "ModelName": "m", "InstanceType": "ml.m5.large",
                                  "InitialInstanceCount": 2}], "CreationTime": "2026-01-01T00:00:00"}


def test_keys_are_unique_and_each_role_and_change_is_used():
    assert len(BY_STATE) == len(PROPERTIES)
    assert {p.role for p in PROPERTIES} == set(Role) and {p.change for p in PROPERTIES} == set(Change)


def test_the_resource_takes_exactly_the_user_inputs_and_names_every_attribute():
    parameters = set(inspect.signature(Endpoint.__init__).parameters) - {"self", "resource_name", "opts"}
    assert parameters == {BY_STATE[key].snake for key in INPUTS}
    assert set(SNAKE.values()) == set(BY_STATE)
    assert set(endpoint_props("organization/urn:pulumi:s::p::t::ep")) == set(BY_STATE), "every property is registered, so it is readable"


def test_schema_json_has_exactly_the_state_inputs():
    schema = json.loads((ROOT / "schema.json").read_text())
    assert list(schema["properties"]) == list(STATE_INPUTS)
    assert HIDDEN <= set(schema["properties"])


def test_check_returns_only_state_inputs_and_drops_outputs():
    news = {"endpointConfigName": "cfg", "owner": "p/s/ep", **{key: "x" for key in OUTPUTS}}
    inputs, failures = check_inputs({}, news)
    assert not failures and set(inputs) <= set(STATE_INPUTS)


def test_outputs_are_properties_of_the_table():
    inputs = {"name": "ep", "endpointConfigName": "cfg", "owner": "p/s/ep", "tags": {"a": "b"}}
    assert set(outputs(inputs, DESCRIBED, CONFIG)) <= set(BY_STATE)


def test_the_diff_compares_exactly_the_replace_and_update_keys():
    olds = {key: "old" for key in BY_STATE}
    news = {key: "new" for key in BY_STATE}
    changes = diff(olds, news)
    assert set(changes.changes) == set(REPLACE_KEYS) | set(UPDATE_KEYS)
    assert set(changes.replaces) == set(REPLACE_KEYS)


def test_requests_and_cli_documents_take_the_api_names_of_the_table():
    inputs = {"name": "ep", "endpointConfigName": "cfg", "deploymentConfig": {"rollingUpdatePolicy": {}},
              "tags": {"a": "b"}, "retainAllVariantProperties": True, "retainDeploymentConfig": False,
              "excludeRetainedVariantProperties": [{"variantPropertyType": "DesiredWeight"}]}
    api_names = {p.api for p in PROPERTIES if p.api}
    assert set(create_request(inputs)) <= api_names and set(update_request("ep", inputs)) <= api_names
    assert set(DOCUMENT_KEYS) <= api_names and set(DOCUMENT_KEYS.values()) <= set(INPUTS)

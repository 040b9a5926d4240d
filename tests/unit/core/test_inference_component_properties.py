"""The InferenceComponent's property table is its one list of names, as the Endpoint's is (test_properties.py)."""
from __future__ import annotations

import inspect

from pulumi_sagemaker_endpoint import InferenceComponent
from pulumi_sagemaker_endpoint.check.inference_component.review import check_inputs
from pulumi_sagemaker_endpoint.core.inference_component.properties import (BY_STATE, INPUTS, OUTPUTS, PROPERTIES,
                                                                            REPLACE_KEYS, STATE_INPUTS, UPDATE_KEYS)
from pulumi_sagemaker_endpoint.face.inference_component.resource import inference_component_props
from pulumi_sagemaker_endpoint.lifecycle.inference_component.diff import diff
from pulumi_sagemaker_endpoint.lifecycle.inference_component.shapes import create_request, update_request

OWNER = "organization/urn:pulumi:dev::test::pulumi-python:dynamic/sagemaker:InferenceComponent::llm"
SPEC = {"model_name": "llm", "container": {"environment": {"HF_MODEL_ID": "x"}}}


def test_the_resource_takes_exactly_the_user_inputs_and_registers_every_property():
    parameters = set(inspect.signature(InferenceComponent.__init__).parameters) - {"self", "resource_name", "opts"}
    keyword = {"name": "inference_component_name"}  # aws-native's name for it
    assert parameters == {keyword.get(key, BY_STATE[key].snake) for key in INPUTS}
    assert set(inference_component_props(OWNER)) == set(BY_STATE)


def test_every_input_form_becomes_the_state_form_and_outputs_are_dropped():
    api = {"EndpointName": "host", "Specification": {"ModelName": "llm", "Container": {
        "Environment": {"HF_MODEL_ID": "x"}}}, "RuntimeConfig": {"CopyCount": 2}, "InferenceComponentName": "ic"}
    snake = {"endpoint_name": "host", "specification": SPEC, "runtime_config": {"copy_count": 2},
             "inference_component_name": "ic"}
    outputs = {key: "x" for key in OUTPUTS}
    checked = [check_inputs({}, {**form, **outputs, "owner": OWNER}) for form in (api, snake)]
    assert all(not failures for _, failures in checked)
    assert checked[0][0] == checked[1][0]
    inputs = checked[0][0]
    assert set(inputs) <= set(STATE_INPUTS) and inputs["name"] == "ic"
    assert inputs["specification"] == {"modelName": "llm", "container": {"environment": {"HF_MODEL_ID": "x"}}}
    assert create_request(inputs)["Specification"] == api["Specification"], "data keys keep their case"


def test_an_auto_name_is_the_logical_name_and_a_digest_of_the_owner():
    inputs, failures = check_inputs({}, {"endpointName": "host", "specification": SPEC, "owner": OWNER})
    assert not failures and inputs["name"].startswith("llm-") and len(inputs["name"]) == len("llm-") + 7


def test_the_diff_compares_exactly_the_replace_and_update_keys():
    changes = diff({key: "old" for key in BY_STATE}, {key: "new" for key in BY_STATE})
    assert set(changes.changes) == set(REPLACE_KEYS) | set(UPDATE_KEYS)
    assert set(changes.replaces) == {"name", "endpointName", "variantName", "region"}


def test_no_variant_name_is_the_variant_the_state_records():
    olds = {"variantName": "AllTraffic", "endpointName": "host"}
    assert diff(olds, {"endpointName": "host"}).changes == []


def test_requests_take_the_api_names_of_the_table():
    api_names = {p.api for p in PROPERTIES if p.api}
    inputs = {"name": "ic", "endpointName": "host", "specification": {"modelName": "m"}, "tags": {"a": "b"},
              "runtimeConfig": {"copyCount": 2}, "deploymentConfig": {"rollingUpdatePolicy": {}}, "owner": OWNER}
    assert set(create_request(inputs)) <= api_names
    assert set(update_request("ic", inputs, True, True)) <= api_names

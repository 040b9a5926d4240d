"""Normalisation and validation of the Endpoint inputs, without AWS."""
from __future__ import annotations


import pytest

from pulumi_sagemaker_endpoint.check.review import check_inputs
from pulumi_sagemaker_endpoint.core.unknowns import UNKNOWN

OWNER = "proj/dev/inference"

CANARY_API = {
    "BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 300,
                                        "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}},
        "TerminationWaitInSeconds": 60,
        "MaximumExecutionTimeoutInSeconds": 3600,
    },
    "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "p99-latency"}]},
}
CANARY_SNAKE = {
    "blue_green_update_policy": {
        "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 300,
                                          "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
        "termination_wait_in_seconds": 60,
        "maximum_execution_timeout_in_seconds": 3600,
    },
    "auto_rollback_configuration": {"alarms": [{"alarm_name": "p99-latency"}]},
}


def check(news: dict, olds: dict | None = None) -> tuple[dict, dict[str, str]]:
    inputs, failures = check_inputs(olds or {}, {"owner": OWNER, **news})
    return inputs, {f.property: f.reason for f in failures}


def test_api_snake_and_camel_forms_normalise_to_one_state_form():
    api, _ = check({"EndpointConfigName": "cfg-1", "DeploymentConfig": CANARY_API})
    snake, _ = check({"endpoint_config_name": "cfg-1", "deployment_config": CANARY_SNAKE})
    camel, _ = check({"endpointConfigName": "cfg-1", "deploymentConfig": snake["deploymentConfig"]})
    assert api == snake == camel
    routing = api["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]
    assert routing["canarySize"] == {"type": "INSTANCE_COUNT", "value": 1}


def test_tag_list_becomes_mapping_and_keys_keep_their_case():
    inputs, failures = check({"endpointConfigName": "c", "tags": [{"Key": "CostCenter", "Value": "42"}]})
    assert failures == {}
    assert inputs["tags"] == {"CostCenter": "42"}


def test_duplicate_tag_keys_in_list_form_are_refused():
    _, failures = check({"endpointConfigName": "c", "tags": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]})
    assert "repeats the tag key 'a'" in failures["tags[1].key"]


def test_every_problem_is_reported_at_once_with_its_path():
    _, failures = check({
        "name": "-bad-",
        "endpointConfigName": "x" * 64,
        "tags": {"aws:owner": "me"},
        "deploymentConfig": {"blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {"type": "LINEAR", "waitIntervalInSeconds": 4000},
            "maximumExecutionTimeoutInSeconds": 30000}},
        "colour": "blue",
    })
    routing = "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration"
    assert set(failures) >= {"name", "endpointConfigName", "tags", f"{routing}.linearStepSize",
                             f"{routing}.waitIntervalInSeconds",
                             "deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds", "colour"}
    assert "28800" in failures["deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds"]
    assert "reserves" in failures["tags"]
    assert failures["name"].startswith("name must be 1-63")


def test_misspelt_property_gets_a_suggestion():
    _, failures = check({"endpointConfigName": "c", "deploymentConfig": {"blueGreenUpdatePolicy": {
        "trafficRoutingConfiguration": {"type": "ALL_AT_ONCE", "waitIntervalInSecond": 5}}}})
    path = "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSecond"
    assert "did you mean waitIntervalInSeconds?" in failures[path]


def test_unknown_values_during_preview_are_not_judged():
    inputs, failures = check({"endpointConfigName": UNKNOWN, "tags": {"team": UNKNOWN}, "deploymentConfig": UNKNOWN})
    assert failures == {}
    assert inputs["endpointConfigName"] == UNKNOWN


def test_timeout_must_exceed_the_waits_it_contains():
    _, failures = check({"endpointConfigName": "c", "deploymentConfig": {"blueGreenUpdatePolicy": {
        "trafficRoutingConfiguration": {"type": "ALL_AT_ONCE", "waitIntervalInSeconds": 600},
        "terminationWaitInSeconds": 600, "maximumExecutionTimeoutInSeconds": 1200}}})
    reason = failures["deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds"]
    assert "(1200 s) must be larger than" in reason and "(1200 s)" in reason


def test_missing_config_name_is_required():
    _, failures = check({})
    assert failures == {"endpointConfigName": "endpointConfigName is required; set it."}


@pytest.mark.parametrize("value", [["DesiredWeight"], [{"VariantPropertyType": "DesiredWeight"}]])
def test_exclude_retained_variant_properties_forms(value):
    inputs, failures = check({"endpointConfigName": "c", "exclude_retained_variant_properties": value})
    assert failures == {}
    assert inputs["excludeRetainedVariantProperties"] == [{"variantPropertyType": "DesiredWeight"}]

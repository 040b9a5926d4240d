"""When the review reads the EndpointConfig, how it words weights and counts, and alarms that are warnings."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check import deployment_review as review
from pulumi_sagemaker_endpoint.check.failures import Failure
from pulumi_sagemaker_endpoint.core.unknowns import UNKNOWN

CONFIG = {"ProductionVariants": [{"VariantName": "a", "InitialInstanceCount": 2, "InitialVariantWeight": 1.0}]}
LIVE = {"EndpointName": "ep", "EndpointConfigName": "cfg-1",
        "ProductionVariants": [{"VariantName": "a", "DesiredWeight": 2.0, "DesiredInstanceCount": 3}]}
OLD = {"endpointConfigName": "cfg-1", "variantWeights": {"a": 2}}


def test_the_config_is_read_only_when_it_matters():
    assert not review.config_needed(OLD, {"endpointConfigName": "cfg-1", "variantWeights": {"a": 2}}), "a no-op"
    assert review.config_needed(OLD, {"endpointConfigName": "cfg-1", "variantWeights": {"a": 4}})
    assert review.config_needed(OLD, {"endpointConfigName": "cfg-2", "variantWeights": {"a": 2}})
    assert review.config_needed({}, {"endpointConfigName": "cfg-1", "deploymentConfig": {"x": 1}})
    assert not review.config_needed({}, {"endpointConfigName": "cfg-1"})
    assert not review.config_needed({}, {"endpointConfigName": UNKNOWN, "variantWeights": {"a": 1}})


def test_plans_say_what_changes_in_place():
    created = review.plan({}, {"endpointConfigName": "cfg-1", "variantWeights": {"a": 4}}, CONFIG)
    assert created == "create with cfg-1; then in place: weights a 1 -> 4"
    in_place = review.plan(OLD, {"endpointConfigName": "cfg-1", "variantWeights": {"a": 4}}, CONFIG, live=LIVE)
    assert in_place == "no rollout: cfg-1 stays live; in place: weights a 2 -> 4"
    rollout = review.plan(OLD, {"endpointConfigName": "cfg-2", "variantWeights": {"a": 2}}, CONFIG, live=LIVE)
    assert rollout.endswith("; then in place: weights a 1 -> 2"), "the new config starts at its own weight"
    kept = review.plan(OLD, {"endpointConfigName": "cfg-2", "variantWeights": {"a": 2},
                             "retainAllVariantProperties": True}, CONFIG, live=LIVE)
    assert "in place" not in kept, "RetainAllVariantProperties keeps the live weight"


def test_a_missing_alarm_outside_a_rollout_is_a_warning(capsys):
    found = [Failure("deploymentConfig.autoRollbackConfiguration.alarms[0].alarmName", "Alarm x does not exist.")]
    assert review.alarm_failures({}, {"name": "ep", "endpointConfigName": "cfg-1"}, found) == []
    assert "warning: endpoint ep: alarm x does not exist." in capsys.readouterr().err
    assert review.alarm_failures(OLD, {"name": "ep", "endpointConfigName": "cfg-2"}, found) == found

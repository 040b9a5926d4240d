"""The rules beyond the schema: batch sizes against the new config's instances, rollback alarms."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check.rules import alarm_failures, variant_failures

ROUTING = "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration"


def config_with(count: int) -> dict:
    return {"ProductionVariants": [{"VariantName": "v", "InitialInstanceCount": count}]}


def canary(value: int, kind: str = "INSTANCE_COUNT") -> dict:
    return {"endpointConfigName": "cfg-2", "deploymentConfig": {
        "blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {"type": "CANARY", "waitIntervalInSeconds": 300,
                                            "canarySize": {"type": kind, "value": value}},
            "maximumExecutionTimeoutInSeconds": 3600},
        "autoRollbackConfiguration": {"alarms": [{"alarmName": "p99-latency"}, {"alarmName": "5xx-rate"}]}}}


def test_canary_larger_than_half_the_instances_is_refused():
    failures = variant_failures(canary(3), config_with(4))
    assert [f.property for f in failures] == [f"{ROUTING}.canarySize"]
    assert "3 of the 4 instances of variant v in endpoint config cfg-2" in failures[0].reason


def test_the_allowed_sizes_read_as_instances_not_as_a_percent_range():
    """Issue 18 (3): "0-50 % allows 1 to 1" said in words a reader follows."""
    [two] = variant_failures(canary(2), config_with(2))
    assert two.reason.endswith("canarySize is 2 of the 2 instances of variant v in endpoint config cfg-2; it must be at most 50 % "
                               "of them, which is 1 instance here; change the size or the instance count.")
    linear = {"endpointConfigName": "c", "deploymentConfig": {"blueGreenUpdatePolicy": {
        "trafficRoutingConfiguration": {"type": "LINEAR", "waitIntervalInSeconds": 60,
                                        "linearStepSize": {"type": "INSTANCE_COUNT", "value": 1}}}}}
    [one] = variant_failures(linear, config_with(1))
    assert one.reason.endswith("linearStepSize is 1 of the 1 instance of variant v in endpoint config c; it must be 10 to 50 % of "
                               "them, and no whole number of instances is; add instances to the config.")


def test_canary_within_half_is_accepted():
    assert variant_failures(canary(2), config_with(4)) == []


def test_linear_step_needs_enough_instances():
    inputs = {"endpointConfigName": "c", "deploymentConfig": {"blueGreenUpdatePolicy": {
        "trafficRoutingConfiguration": {"type": "LINEAR", "waitIntervalInSeconds": 60,
                                        "linearStepSize": {"type": "INSTANCE_COUNT", "value": 1}}}}}
    assert [f.property for f in variant_failures(inputs, config_with(1))] == [f"{ROUTING}.linearStepSize"]
    assert variant_failures(inputs, config_with(4)) == []


def test_rolling_batch_between_5_and_50_percent():
    inputs = {"endpointConfigName": "c", "deploymentConfig": {"rollingUpdatePolicy": {
        "maximumBatchSize": {"type": "INSTANCE_COUNT", "value": 6}, "waitIntervalInSeconds": 60}}}
    failures = variant_failures(inputs, config_with(10))
    assert [f.property for f in failures] == ["deploymentConfig.rollingUpdatePolicy.maximumBatchSize"]


def test_missing_alarm_is_named_with_its_index():
    failures = alarm_failures(canary(1), {"p99-latency"})
    assert [f.property for f in failures] == ["deploymentConfig.autoRollbackConfiguration.alarms[1].alarmName"]
    assert "'5xx-rate'" in failures[0].reason

"""The rollout plan text check() puts in the preview."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check.plan import rollout_plan


def canary(value: int, kind: str = "INSTANCE_COUNT") -> dict:
    return {"endpointConfigName": "cfg-2", "deploymentConfig": {
        "blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {"type": "CANARY", "waitIntervalInSeconds": 300,
                                            "canarySize": {"type": kind, "value": value}},
            "maximumExecutionTimeoutInSeconds": 3600},
        "autoRollbackConfiguration": {"alarms": [{"alarmName": "p99-latency"}, {"alarmName": "5xx-rate"}]}}}


def test_plan_reads_like_the_rollout():
    plan = rollout_plan({"endpointConfigName": "cfg-1"}, canary(1), 4)
    assert plan == ("cfg-1 -> cfg-2: CANARY 1 of 4 instances, bake 300 s, then the rest; "
                    "roll back on alarms p99-latency, 5xx-rate; give up after 3600 s")


def test_plan_without_rollout():
    assert rollout_plan({"endpointConfigName": "c"}, {"endpointConfigName": "c"}, None) == "no rollout: c stays live"
    assert rollout_plan({}, {"endpointConfigName": "c"}, None) == "create with c"

"""The rollout plan text check() puts in the preview."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check.plan import rollout_plan

from .test_rules import canary


def test_plan_reads_like_the_rollout():
    plan = rollout_plan({"endpointConfigName": "cfg-1"}, canary(1), 4)
    assert plan == ("cfg-1 -> cfg-2: CANARY 1 of 4 instances, bake 300 s, then the rest; "
                    "roll back on alarms p99-latency, 5xx-rate; give up after 3600 s")


def test_plan_without_rollout():
    assert rollout_plan({"endpointConfigName": "c"}, {"endpointConfigName": "c"}, None) == "no rollout: c stays live"
    assert rollout_plan({}, {"endpointConfigName": "c"}, None) == "create with c"

"""examples/blue-green under mocks: v1 -> v2 gives a new config, a canary and both alarms."""
from __future__ import annotations

from pathlib import Path

from pulumi_sagemaker_endpoint.check.review import check_inputs
from engine_standin.program import capture

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blue-green"
CONFIG = {"executionRoleArn": "arn:aws:iam::123456789012:role/sm", "instanceCount": "4"}


def endpoint_inputs(version: str) -> dict:
    registered = capture(EXAMPLE, "sagemaker-blue-green", "dev", {**CONFIG, "modelVersion": version})
    [endpoint] = [r for r in registered if r.type == "pulumi-python:dynamic/sagemaker:Endpoint"]
    inputs, failures = check_inputs({}, endpoint.inputs)
    assert failures == []
    return inputs


def test_model_versions_get_their_own_configs_and_the_canary_policy():
    v1, v2 = endpoint_inputs("v1"), endpoint_inputs("v2")
    assert v1["endpointConfigName"] != v2["endpointConfigName"]
    routing = v2["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]
    assert routing["type"] == "CANARY" and routing["canarySize"] == {"type": "INSTANCE_COUNT", "value": 1}
    alarms = v2["deploymentConfig"]["autoRollbackConfiguration"]["alarms"]
    assert [a["alarmName"] for a in alarms] == ["ranker-p99-latency", "ranker-5xx-rate"]
    assert v2["tags"]["model-version"] == "v2"
    assert v2["timeouts"] == {"update": 7200.0}

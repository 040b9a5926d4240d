"""The real `pulumi` CLI: up, preview --diff with a rollout plan, an alarm rollback, bad input at preview."""
from __future__ import annotations

import json
import threading

import pytest

from tests.integration.support import GUARD, make_alarm, make_config

from .programs import ONE_ENDPOINT

CANARY = {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 600,
                                      "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
    "termination_wait_in_seconds": 120, "maximum_execution_timeout_in_seconds": 7200},
    "auto_rollback_configuration": {"alarms": [{"alarm_name": "p99-latency"}]}}


@pytest.fixture
def sm(emulator):
    client = emulator.client("sagemaker")
    for version in (1, 2):
        make_config(client, f"cfg-v{version}", instances=4, model=f"model-v{version}")
    make_alarm(emulator.client("cloudwatch"), "p99-latency")
    return client


def test_up_creates_and_nothing_changes_after_it_nor_after_a_refresh(project, sm):
    stack = project(ONE_ENDPOINT).init(config={"configName": "cfg-v1"})
    created = stack.up()
    assert "+ 2 created" in created.stdout, created  # the stack and the endpoint
    [endpoint] = stack.resources()
    name = endpoint["outputs"]["name"]
    assert endpoint["id"] == name and name.startswith("inference-")
    assert sm.describe_endpoint(EndpointName=name)["EndpointStatus"] == "InService"
    assert endpoint["outputs"]["endpointConfigName"] == "cfg-v1"

    stack.preview("--expect-no-changes", "--diff")
    refreshed = stack.pulumi("refresh", "--yes", "--skip-preview")
    assert "__provider" not in refreshed.output
    stack.preview("--expect-no-changes", "--diff")


def test_preview_diff_shows_the_rollout_plan_and_up_rolls_it_out(project, sm):
    stack = project(ONE_ENDPOINT).init(config={"configName": "cfg-v1", "deployment": json.dumps(CANARY)})
    stack.up()
    stack.configure({"configName": "cfg-v2"})
    preview = stack.preview("--diff")
    plan = ("cfg-v1 -> cfg-v2: CANARY 1 of 4 instances, bake 600 s, then the rest, keep the old fleet 120 s more; "
            "roll back on alarms p99-latency; give up after 7200 s")
    assert plan in preview.stdout, preview
    assert '~ endpointConfigName: "cfg-v1" => "cfg-v2"' in preview.stdout, preview
    assert "__provider" not in preview.stdout

    stack.up()
    name = stack.endpoint()["outputs"]["name"]
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v2"
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v2"


def test_an_alarm_rollback_fails_the_up_keeps_the_live_config_and_the_next_up_retries(project, sm, emulator):
    stack = project(ONE_ENDPOINT).init(config={"configName": "cfg-v1", "deployment": json.dumps(CANARY)})
    stack.up()
    name = stack.endpoint()["outputs"]["name"]
    cloudwatch = emulator.client("cloudwatch")
    emulator.hold(name, "bake")
    stack.configure({"configName": "cfg-v2"})
    rollout = stack.start_command("up", "--yes", "--skip-preview")
    assert emulator.wait_held(name, timeout=GUARD) == "bake"
    cloudwatch.set_alarm_state(AlarmName="p99-latency", StateValue="ALARM", StateReason="slow")
    code, printed = rollout.finish()
    assert code != 0, printed
    assert "rolled back because CloudWatch alarm(s) p99-latency went into ALARM" in printed, printed
    assert "Traceback" not in printed
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v1"
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v1"

    cloudwatch.set_alarm_state(AlarmName="p99-latency", StateValue="OK", StateReason="recovered")
    emulator.unhold(name)
    stack.up()
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v2"
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v2"


BAD = {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 99999},
    "maximum_execution_timeout_in_seconds": 10},
    "auto_rollback_configuration": {"alarms": [{"alarm_name": "no-such-alarm"}]}}


def test_bad_input_fails_the_preview_with_every_problem_once_and_no_traceback(project, sm):
    stack = project(ONE_ENDPOINT).init(config={"configName": "cfg-v1"})
    stack.up()
    stack.configure({"configName": "cfg-v2", "deployment": json.dumps(BAD), "tags": '{"aws:team": "ml"}'})
    preview = stack.preview(expect=1)
    assert "Traceback" not in preview.output
    diagnostics = preview.stdout.split("Diagnostics:", 1)[1]
    assert ("property deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds value {<nil>} has a "
            "problem: must be between 600 and 28800 (got 10).") in diagnostics
    for path in ("tags","deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds",
                 "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize",
                 "deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds"):
        assert diagnostics.count(f"property {path} ") == 1, (path, preview)

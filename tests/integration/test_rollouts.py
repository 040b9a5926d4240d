"""Blue/green (ALL_AT_ONCE, CANARY, LINEAR) and rolling updates end to end, with truthful rollback reporting."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.harness import CheckFailed, ProviderError

from .support import GUARD, PROVIDER, TYPE, make_alarm, make_config, props, up, wait_until

ALARMS = ["p99-latency", "5xx-rate"]


def blue_green(kind: str, wait: int = 300, **routing) -> dict:
    return {"blue_green_update_policy": {
        "traffic_routing_configuration": {"type": kind, "wait_interval_in_seconds": wait, **routing},
        "termination_wait_in_seconds": 120, "maximum_execution_timeout_in_seconds": 7200},
        "auto_rollback_configuration": {"alarms": [{"alarm_name": a} for a in ALARMS]}}


ROLLING = {"rolling_update_policy": {"maximum_batch_size": {"type": "INSTANCE_COUNT", "value": 1},
                                     "wait_interval_in_seconds": 60, "maximum_execution_timeout_in_seconds": 3600},
           "auto_rollback_configuration": {"alarms": [{"alarm_name": a} for a in ALARMS]}}


@pytest.fixture
def sm(emulator):
    client = emulator.client("sagemaker")
    for version in (1, 2, 3):
        make_config(client, f"cfg-v{version}", instances=4, model=f"model-v{version}")
    cloudwatch = emulator.client("cloudwatch")
    for alarm in ALARMS:
        make_alarm(cloudwatch, alarm)
    return client


def deployed(emulator) -> list[dict]:
    return [r for r in emulator.requests() if r["operation"] == "UpdateEndpoint"]


@pytest.mark.parametrize("policy", [
    blue_green("ALL_AT_ONCE"),
    blue_green("CANARY", canary_size={"type": "INSTANCE_COUNT", "value": 1}),
    blue_green("LINEAR", linear_step_size={"type": "CAPACITY_PERCENT", "value": 25}),
    ROLLING,
], ids=["all-at-once", "canary", "linear", "rolling"])
def test_each_policy_rolls_out_end_to_end(engine, sm, emulator, policy):
    created = up(engine, endpointConfigName="cfg-v1", deploymentConfig=policy)
    planned = engine.preview("inference", props(endpointConfigName="cfg-v2", deploymentConfig=policy), PROVIDER,
                             type_token=TYPE)
    assert planned.inputs["rolloutPlan"].startswith("cfg-v1 -> cfg-v2: ")
    assert "roll back on alarms p99-latency, 5xx-rate" in planned.inputs["rolloutPlan"]
    updated = up(engine, endpointConfigName="cfg-v2", deploymentConfig=policy)
    live = sm.describe_endpoint(EndpointName=created.id)
    assert (live["EndpointStatus"], live["EndpointConfigName"]) == ("InService", "cfg-v2")
    assert updated.outputs["endpointConfigName"] == "cfg-v2"
    sent = sm.describe_endpoint(EndpointName=created.id)["LastDeploymentConfig"]
    assert ("RollingUpdatePolicy" in sent) == ("rolling_update_policy" in policy)
    assert sent["AutoRollbackConfiguration"]["Alarms"] == [{"AlarmName": a} for a in ALARMS]


def test_plan_for_a_canary_reads_instances(engine, sm):
    policy = blue_green("CANARY", canary_size={"type": "INSTANCE_COUNT", "value": 1})
    up(engine, endpointConfigName="cfg-v1", deploymentConfig=policy)
    planned = engine.preview("inference", props(endpointConfigName="cfg-v2", deploymentConfig=policy), PROVIDER,
                             type_token=TYPE)
    assert planned.inputs["rolloutPlan"] == (
        "cfg-v1 -> cfg-v2: CANARY 1 of 4 instances, bake 300 s, then the rest, keep the old fleet 120 s more; "
        "roll back on alarms p99-latency, 5xx-rate; give up after 7200 s")


def test_alarm_mid_rollout_rolls_back_and_is_reported_truthfully(engine, sm, emulator):
    policy = blue_green("CANARY", wait=3000, canary_size={"type": "INSTANCE_COUNT", "value": 1})
    name = up(engine, endpointConfigName="cfg-v1", deploymentConfig=policy).id
    cloudwatch = emulator.client("cloudwatch")
    emulator.hold(name, "bake")  # the canary bakes until the alarm rolls it back (which ends the hold)
    with ThreadPoolExecutor(1) as pool:
        rollout = pool.submit(up, engine, endpointConfigName="cfg-v2", deploymentConfig=policy)
        assert emulator.wait_held(name, timeout=GUARD) == "bake"
        cloudwatch.set_alarm_state(AlarmName="5xx-rate", StateValue="ALARM", StateReason="errors spiking")
        with pytest.raises(ProviderError) as failed:
            rollout.result(timeout=GUARD)
    message = failed.value.details
    assert "The deployment of 'cfg-v2' to endpoint" in message
    assert "rolled back because CloudWatch alarm(s) 5xx-rate went into ALARM" in message
    assert "'cfg-v1' is still live and stays in the state" in message
    assert engine.state("inference").outputs["endpointConfigName"] == "cfg-v1"

    refreshed = engine.refresh("inference")
    assert refreshed.outputs["endpointConfigName"] == "cfg-v1"
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v1"

    cloudwatch.set_alarm_state(AlarmName="5xx-rate", StateValue="OK", StateReason="recovered")
    retried = up(engine, endpointConfigName="cfg-v2", deploymentConfig=blue_green("CANARY", wait=30, canary_size={
        "type": "INSTANCE_COUNT", "value": 1}))
    assert retried.op == "update" and retried.outputs["endpointConfigName"] == "cfg-v2"
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v2"


def test_failed_update_keeps_the_live_config_and_gives_the_reason(engine, sm, emulator):
    name = up(engine, endpointConfigName="cfg-v1").id
    emulator.configure(fail_update={name: "Image for production variant primary could not be pulled."})
    with pytest.raises(ProviderError) as failed:
        up(engine, endpointConfigName="cfg-v2")
    assert "did not go live: Image for production variant primary could not be pulled" in failed.value.details
    assert engine.state("inference").outputs["endpointConfigName"] == "cfg-v1"
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v1"


def test_failed_rollback_says_what_to_do(engine, sm, emulator):
    policy = blue_green("ALL_AT_ONCE", wait=600)
    name = up(engine, endpointConfigName="cfg-v1", deploymentConfig=policy).id
    emulator.configure(fail_rollback=[name])
    emulator.client("cloudwatch").set_alarm_state(AlarmName="p99-latency", StateValue="ALARM", StateReason="slow")
    with pytest.raises(ProviderError) as failed:
        up(engine, endpointConfigName="cfg-v2", deploymentConfig=policy)
    assert "failed and so did its rollback" in failed.value.details
    assert "pulumi refresh" in failed.value.details
    assert sm.describe_endpoint(EndpointName=name)["EndpointStatus"] == "UpdateRollbackFailed"


def test_update_waits_for_a_rollout_already_running(engine, sm, emulator):
    policy = blue_green("ALL_AT_ONCE", wait=1500)
    name = up(engine, endpointConfigName="cfg-v1", deploymentConfig=policy).id
    emulator.hold(name, "provision")  # the rollout started outside Pulumi runs until the test lets it end
    sm.update_endpoint(EndpointName=name, EndpointConfigName="cfg-v3")
    assert sm.describe_endpoint(EndpointName=name)["EndpointStatus"] == "Updating"
    since = emulator.requests()[-1]["t"]
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(up, engine, endpointConfigName="cfg-v2", deploymentConfig=policy)
        # ours looks at the endpoint (its first DescribeEndpoint) while the other rollout still runs: it waits
        wait_until(lambda: any(e["operation"] == "DescribeEndpoint" and e["endpoint"] == name and e["t"] > since
                               for e in emulator.requests()), "the update to look at the running rollout")
        assert sm.describe_endpoint(EndpointName=name)["EndpointStatus"] == "Updating"
        emulator.release(name, "provision")
        updated = pending.result(timeout=GUARD)
    assert updated.outputs["endpointConfigName"] == "cfg-v2"
    updates = deployed(emulator)
    assert [u["status"] for u in updates] == [200, 200], "ours started only after the running one ended"


def test_an_update_that_already_went_live_is_not_redeployed(engine, sm, emulator):
    name = up(engine, endpointConfigName="cfg-v1").id
    sm.update_endpoint(EndpointName=name, EndpointConfigName="cfg-v2")
    sm.get_waiter("endpoint_in_service").wait(EndpointName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    emulator.reset_stats()
    finished = up(engine, endpointConfigName="cfg-v2")
    assert finished.outputs["endpointConfigName"] == "cfg-v2"
    assert emulator.stats()["calls"].get("UpdateEndpoint", 0) == 0


@pytest.mark.parametrize("policy, path", [
    (blue_green("CANARY", canary_size={"type": "INSTANCE_COUNT", "value": 3}),
     "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize"),
    (blue_green("LINEAR", linear_step_size={"type": "INSTANCE_COUNT", "value": 3}),
     "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.linearStepSize"),
    ({**ROLLING, "rolling_update_policy": {**ROLLING["rolling_update_policy"],
                                           "maximum_batch_size": {"type": "INSTANCE_COUNT", "value": 3}}},
     "deploymentConfig.rollingUpdatePolicy.maximumBatchSize"),
    ({**blue_green("ALL_AT_ONCE"), "auto_rollback_configuration": {"alarms": [{"alarm_name": "p99-latency"},
                                                                              {"alarm_name": "no-such-alarm"}]}},
     "deploymentConfig.autoRollbackConfiguration.alarms[1].alarmName"),
], ids=["canary-over-half", "linear-over-half", "rolling-over-half", "missing-alarm"])
def test_rules_that_need_the_new_config_fail_at_preview(engine, sm, emulator, policy, path):
    up(engine, endpointConfigName="cfg-v1")
    with pytest.raises(CheckFailed) as failed:
        engine.preview("inference", props(endpointConfigName="cfg-v2", deploymentConfig=policy), PROVIDER,
                       type_token=TYPE)
    assert [p for p, _ in failed.value.failures] == [path]
    assert emulator.stats()["calls"].get("UpdateEndpoint", 0) == 0

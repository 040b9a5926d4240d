"""The real `pulumi` CLI interrupted: SIGINT during a rollout, SIGKILL (a cancelled CI job) during a create and during
a rollout, then what Pulumi asks for. No endpoint lost, none orphaned, and the state ends on the live config."""
from __future__ import annotations

import json
import signal
import time

import pytest

from tests.integration.support import GUARD, physical_name, wait_until

from .programs import ONE_ENDPOINT
from .project import Started

CANARY = {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 600,
                                      "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
    "maximum_execution_timeout_in_seconds": 7200}}
LOCKED = "the stack is currently locked by 1 lock(s)"
PENDING = "Attempting to deploy or update resources with 1 pending operations from previous deployment."


@pytest.fixture
def stack(project, sm):
    return project(ONE_ENDPOINT).init(config={"configName": "cfg-v1", "deployment": json.dumps(CANARY)})


def live(sm) -> list[tuple[str, str]]:
    return [(e["EndpointName"], e["EndpointStatus"]) for e in sm.list_endpoints()["Endpoints"]]


def pending(stack) -> list:
    return stack.export()["deployment"].get("pending_operations") or []


def rollout_baking(stack, emulator) -> tuple[str, Started]:
    """cfg-v1 live, then `pulumi up` to cfg-v2 running, its canary held baking: the endpoint's name and the run."""
    stack.up()
    name = stack.endpoint()["id"]
    emulator.hold(name, "bake")
    stack.configure({"configName": "cfg-v2"})
    rollout = stack.start_command("up", "--yes", "--skip-preview")
    assert emulator.wait_held(name, timeout=GUARD) == "bake"
    return name, rollout


def test_sigint_during_a_rollout_lets_it_finish_and_records_what_is_live(stack, sm, emulator):
    name, rollout = rollout_baking(stack, emulator)
    rollout.process.send_signal(signal.SIGINT)
    wait_until(lambda: rollout.printed("^C received; cancelling."), "pulumi to take the interrupt")
    emulator.release(name, "bake")
    code, out = rollout.finish()
    assert code == 1, out
    assert "^C received; cancelling." in out and "error: update canceled" in out, out
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v2"
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v2" and pending(stack) == []
    stack.preview("--expect-no-changes")


def test_sigkill_during_a_create_then_cancel_and_up_adopts_the_endpoint(stack, sm, emulator):
    name = physical_name()  # project "test", stack "dev": the name check() gives it
    emulator.hold(name, "create")
    creating = stack.start_command("up", "--yes", "--skip-preview")
    assert emulator.wait_held(name, timeout=GUARD) == "create"
    creating.kill()
    emulator.release(name, "create")
    blocked = stack.up(expect=None)
    assert blocked.code != 0 and LOCKED in blocked.stderr, blocked
    stack.pulumi("cancel", "--yes", "--stack", stack.stack)
    adopted = stack.up()
    assert PENDING in adopted.stdout and "interrupted while creating" in adopted.stdout, adopted
    assert f"endpoint {name}: already exists and is ours (an interrupted run created it); adopting it" in adopted.stdout
    assert live(sm) == [(name, "InService")], "one endpoint: none orphaned, none created twice"
    assert stack.endpoint()["id"] == name
    assert [r["status"] for r in emulator.requests() if r["operation"] == "CreateEndpoint"][:1] == [200]
    assert sum(r["status"] == 200 for r in emulator.requests() if r["operation"] == "CreateEndpoint") == 1
    assert [op["type"] for op in pending(stack)] == ["creating"], "up keeps a pending create; refresh drops it"
    stack.pulumi("refresh", "--yes", "--skip-preview", "--clear-pending-creates")
    assert pending(stack) == [] and stack.endpoint()["id"] == name and live(sm) == [(name, "InService")]


def killed_mid_rollout(stack, emulator) -> str:
    """cfg-v1 live, then `pulumi up` to cfg-v2 killed while the canary bakes; SageMaker goes on with the rollout
    nobody watches any more. The endpoint's name."""
    name, rollout = rollout_baking(stack, emulator)
    rollout.kill()
    emulator.release(name, "bake")
    return name


def test_sigkill_during_a_rollout_then_the_old_program_converges_after_cancel_and_refresh(stack, sm, emulator):
    name = killed_mid_rollout(stack, emulator)
    wait_until(lambda: live(sm) == [(name, "InService")], "the rollout to end")
    assert [op["type"] for op in pending(stack)] == ["updating"]

    stack.configure({"configName": "cfg-v1"})  # the program reverted, as after a bad deploy
    stack.pulumi("cancel", "--yes", "--stack", stack.stack)
    refreshed = stack.pulumi("refresh", "--yes", "--skip-preview")
    assert "[diff: ~endpointConfigName" in refreshed.stdout, refreshed
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v2" == \
        sm.describe_endpoint(EndpointName=name)["EndpointConfigName"], "the state names the live config"
    assert pending(stack) == []
    stack.up()
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v1"
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v1"
    assert live(sm) == [(name, "InService")]


def test_up_with_refresh_while_sagemaker_still_finishes_a_killed_rollout_converges_in_one_command(
        stack, sm, emulator):
    """The refresh reads the endpoint while the rollout the killed run started still bakes: it waits for the rollout
    to end and records what it ended on (cfg-v2), so the up rolls the reverted program (cfg-v1) out. Recording the
    config live mid-rollout (cfg-v1, what the program says) left cfg-v2 serving with nothing to change."""
    name, rollout = rollout_baking(stack, emulator)
    rollout.kill()
    stack.configure({"configName": "cfg-v1"})
    stack.pulumi("cancel", "--yes", "--stack", stack.stack)
    since = time.time()
    converging = stack.start_command("up", "--yes", "--skip-preview", "--refresh")
    wait_until(lambda: any(r["operation"] == "DescribeEndpoint" and r["endpoint"] == name
                           for r in emulator.requests(since)), "the refresh to read the endpoint mid-rollout")
    emulator.release(name, "bake")
    code, out = converging.finish()
    assert code == 0, out
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v1"
    assert stack.endpoint()["outputs"]["endpointConfigName"] == "cfg-v1" and pending(stack) == []
    assert live(sm) == [(name, "InService")]

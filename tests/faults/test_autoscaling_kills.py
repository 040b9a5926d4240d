"""A reapply killed at each point loses no scaling setup.

The endpoint has two autoscaled variants (scalable target, target-tracking policy, scheduled action each) and the
program changes their instance type with autoscaling="reapply" and a canary. The `python -m pulumi.dynamic` server
is SIGKILLed at one point of the reapply: right before one of its AWS calls (held by the gate, tests/faults/gate.py)
or while the rollout bakes (an emulator hold). What the kill left behind is asserted, so the kill is known to have
landed there. Then a rerun (a fresh server seeded with the state the killed run left, as the next `pulumi up`
starts from) finishes the job: the new config is live, both variants have their setup back exactly as before,
and the record on the endpoint is gone. The same after a rollback, rerun with the same program or with the
program reverted to the old config (then the preview shows an update that only puts the setup back).
"""
from __future__ import annotations

import threading
from typing import Any

import pytest

from tests.harness import ProviderError
from tests.integration.autoscaled import in_service, record_keys, scale, setup_of
from tests.integration.support import make_config

from .gate import Gate
from .scenarios import ALARM, DEPLOYMENT, Stack, expect_death, set_up_alarm, sturdy_client

VARIANTS = ("primary", "shadow")
OLD, NEW = "pair-v1", "pair-large"
PROGRAM = {"endpointConfigName": NEW, "deploymentConfig": DEPLOYMENT, "autoscaling": "reapply",
           "retainAllVariantProperties": True}
BAKE = "bake"

# kill point -> (the call it comes right before, or a hold mid-rollout; whether the record is on the endpoint then;
#                the variants still registered then)
POINTS: dict[str, tuple[Any, bool, tuple[str, ...]]] = {
    "before-recording": (("AddTags", 1), False, VARIANTS),
    "before-deregistering": (("DeregisterScalableTarget", 1), True, VARIANTS),
    "between-deregistrations": (("DeregisterScalableTarget", 2), True, ("shadow",)),
    "before-update-endpoint": (("UpdateEndpoint", 1), True, ()),
    "mid-rollout": (BAKE, True, ()),
    "before-putting-back": (("RegisterScalableTarget", 1), True, ()),
    "between-target-and-policy": (("PutScalingPolicy", 1), True, ("primary",)),
    "between-variants": (("RegisterScalableTarget", 2), True, ("primary",)),
    "before-dropping-the-record": (("DeleteTags", 1), True, VARIANTS),
}


@pytest.fixture
def clients(emulator):
    sm, aas = sturdy_client(emulator), sturdy_client(emulator, "application-autoscaling")
    make_config(sm, OLD, instances=2, variants=VARIANTS)
    make_config(sm, NEW, instances=2, model="model-v2", instance_type="ml.c5.xlarge", variants=VARIANTS)
    set_up_alarm(emulator)
    return sm, aas


def setups(aas: Any, name: str) -> dict[str, Any]:
    return {variant: setup_of(aas, name, variant) for variant in VARIANTS}


def registered(aas: Any, name: str) -> tuple[str, ...]:
    return tuple(variant for variant, found in setups(aas, name).items() if found is not None)


def killed_run(emulator, point: Any, alarm_at_bake: bool = False) -> tuple[str, dict, dict]:
    """Create the endpoint, scale both variants, run PROGRAM and kill the server at `point`; (endpoint name, its
    setups before, the state the killed run left)."""
    aas = sturdy_client(emulator, "application-autoscaling")
    with Gate(emulator.url) as gate:
        first = Stack(emulator, AWS_ENDPOINT_URL=gate.url)
        try:
            name = first.up("inference", endpointConfigName=OLD).id
            for variant in VARIANTS:
                scale(aas, name, variant)
            before = setups(aas, name)
            if point == BAKE or alarm_at_bake:
                emulator.hold(name, BAKE)
            if point != BAKE:
                gate.stop_at(*point)
            died: list[BaseException] = []
            worker = threading.Thread(target=expect_death, args=(reapply, first, died))
            worker.start()
            if point == BAKE or alarm_at_bake:
                assert emulator.wait_held(name) == BAKE
            if alarm_at_bake:
                emulator.client("cloudwatch").set_alarm_state(AlarmName=ALARM, StateValue="ALARM",
                                                              StateReason="errors")
            if point != BAKE:
                gate.wait_stopped()
            first.server.kill()
            gate.drop()
            worker.join(60)
            assert died and isinstance(died[0], ProviderError), "the run ended with its server"
            if point == BAKE:
                emulator.release(name, BAKE)
            return name, before, first.engine.snapshot()
        finally:
            first.close()


def reapply(stack: Stack) -> Any:
    return stack.up("inference", **PROGRAM)


def rerun(emulator, state: dict, **program: Any) -> Any:
    """The next `pulumi up`: a fresh server, seeded with the state the killed run left."""
    stack = Stack(emulator, state=state)
    try:
        return stack.up("inference", **program)
    finally:
        stack.close()


@pytest.mark.parametrize("point", list(POINTS))
def test_a_reapply_killed_at_each_point_is_finished_by_the_next_run(emulator, clients, point):
    sm, aas = clients
    where, recorded, still_registered = POINTS[point]
    name, before, state = killed_run(emulator, where)
    assert bool(record_keys(sm, name)) == recorded and registered(aas, name) == still_registered, \
        "the kill landed where the test says"
    [left] = state.values()
    assert left.outputs["endpointConfigName"] == OLD, "the killed update left the old state"

    result = rerun(emulator, state, **PROGRAM)
    assert result.op == "update" and result.outputs["endpointConfigName"] == NEW
    assert in_service(sm, name)["EndpointConfigName"] == NEW
    assert setups(aas, name) == before, "every variant has its target, policy and scheduled action back"
    assert record_keys(sm, name) == []
    assert emulator.stats()["calls"]["UpdateEndpoint"] == 1, "the rollout ran once"


def test_a_kill_while_putting_the_setup_back_after_a_rollback_is_finished_by_the_next_run(emulator, clients):
    sm, aas = clients
    name, before, state = killed_run(emulator, ("RegisterScalableTarget", 1), alarm_at_bake=True)
    assert in_service(sm, name)["EndpointConfigName"] == OLD, "rolled back"
    assert registered(aas, name) == () and record_keys(sm, name)
    emulator.client("cloudwatch").set_alarm_state(AlarmName=ALARM, StateValue="OK", StateReason="recovered")

    result = rerun(emulator, state, **PROGRAM)  # the same program: put back on the old fleet, then retry
    assert result.outputs["endpointConfigName"] == NEW and in_service(sm, name)["EndpointConfigName"] == NEW
    assert setups(aas, name) == before and record_keys(sm, name) == []


def test_a_rollback_interrupted_then_reverted_in_the_program_still_gets_its_setup_back(emulator, clients):
    sm, aas = clients
    name, before, state = killed_run(emulator, ("RegisterScalableTarget", 1), alarm_at_bake=True)
    reverted = {**PROGRAM, "endpointConfigName": OLD}
    stack = Stack(emulator, state=state)
    try:
        planned = stack.preview("inference", **reverted)
        assert planned.op == "update" and "scalingRestore" in planned.changed_keys
        assert planned.inputs["rolloutPlan"] == (
            f"no rollout: {OLD} stays live; an interrupted autoscaling reapply left the scaling setup of primary, "
            f"shadow recorded on the endpoint: this update puts it back first")
        result = stack.up("inference", **reverted)
        assert result.op == "update" and "scalingRestore" not in result.outputs
        assert setups(aas, name) == before and record_keys(sm, name) == []
        assert stack.preview("inference", **reverted).op == "same", "nothing left to put back"
    finally:
        stack.close()
    assert emulator.stats()["calls"]["UpdateEndpoint"] == 1


def test_refresh_after_a_kill_warns_and_keeps_the_record_out_of_the_tags(emulator, clients):
    sm, _ = clients
    name, _, state = killed_run(emulator, ("UpdateEndpoint", 1))
    assert record_keys(sm, name)
    stack = Stack(emulator, state=state)
    try:
        refreshed = stack.engine.refresh("inference")
        assert not any(key.startswith("pulumi_sagemaker_endpoint:") for key in refreshed.outputs.get("tags") or {})
        assert "an interrupted autoscaling reapply left the scaling setup" in stack.server.stderr_text()
    finally:
        stack.close()

"""Interrupted operations: the `python -m pulumi.dynamic` server is SIGKILLed right after SageMaker accepted a
create, an update or a delete (the emulator holds the endpoint in that operation until the test releases it); a
fresh server seeded with the state as the killed run left it (what a re-run of
`pulumi up` / `pulumi destroy` starts from) finishes the job, while SageMaker is still at it or after it finished:
no second CreateEndpoint/UpdateEndpoint/DeleteEndpoint, no orphan, and the state of an uninterrupted run."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_sagemaker_endpoint.core.owner import OWNER_TAG
from tests.harness import CheckFailed, ProviderError
from tests.integration.support import GUARD, owner_tag, physical_name

from .conftest import one_sentence
from .scenarios import (DEPLOYMENT, IN_PROGRESS, KINDS, OPERATION, RERUNS, RETAGGED, TAGS, Stack, looked_at, orphans,
                        set_up, set_up_alarm, status_of, sturdy_client, wait_until)


@pytest.mark.parametrize("rerun", RERUNS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_next_run_finishes_an_interrupted_operation(fault_outcomes, kind, rerun):
    outcome, reference = fault_outcomes[("interrupted", kind, rerun)], fault_outcomes[("reference", kind)]
    assert reference.ok, reference.error
    assert outcome.ok, outcome.error
    assert outcome.notes["killed run"] == "ProviderError", "the killed run did not end with the server"
    assert outcome.notes["status when killed"] == IN_PROGRESS[kind], "not killed mid-operation"
    assert outcome.notes["status at rerun"] == (IN_PROGRESS[kind] if rerun == "in-progress" else
                                                {"delete": "Gone"}.get(kind, "InService"))
    assert outcome.calls[OPERATION[kind]] == 1, f"{OPERATION[kind]} sent again: {outcome.calls}"
    assert outcome.state == reference.state, "the state differs from an uninterrupted run"
    assert outcome.orphans == [] and outcome.left_over == []


@pytest.fixture
def configs(emulator):
    set_up(emulator, "cfg-v1", "cfg-v2")
    set_up_alarm(emulator)
    return sturdy_client(emulator)


def test_a_killed_create_rerun_with_changed_inputs_adopts_then_converges(emulator, configs):
    """The program changed between the runs: the adopted endpoint gets the new config (an update) and tags."""
    name = physical_name("inference")
    emulator.hold(name, "create")  # creating until the rerun has found it
    first = Stack(emulator)
    try:
        worker = threading.Thread(target=lambda: _ignore(lambda: first.up("inference", endpointConfigName="cfg-v1",
                                                                          tags=TAGS)))
        worker.start()
        assert emulator.wait_held(name, timeout=GUARD) == "create"  # CreateEndpoint was accepted
        first.server.kill()
        worker.join(GUARD)
        second = Stack(emulator, state=first.engine.snapshot())
        try:
            since = time.time()
            with ThreadPoolExecutor(max_workers=1) as runner:
                rerun = runner.submit(second.up, "inference", endpointConfigName="cfg-v2",
                                      deploymentConfig=DEPLOYMENT, tags=RETAGGED)
                wait_until(lambda: looked_at(emulator, name, since) or rerun.done(), "the rerun to find the endpoint")
                emulator.release(name, "create")
                result = rerun.result(timeout=GUARD)
            assert result.op == "create"
            live = configs.describe_endpoint(EndpointName=result.id)
            assert (live["EndpointStatus"], live["EndpointConfigName"]) == ("InService", "cfg-v2")
            tags = {t["Key"]: t["Value"] for t in configs.list_tags(ResourceArn=live["EndpointArn"])["Tags"]}
            assert tags == {**RETAGGED, OWNER_TAG: owner_tag()}
            assert result.outputs["endpointConfigName"] == "cfg-v2" and result.outputs["tags"] == RETAGGED
            calls = emulator.stats()["calls"]
            assert calls["CreateEndpoint"] == 2 and calls["UpdateEndpoint"] == 1  # the 2nd create was refused
            assert orphans(emulator, second.engine) == []
            second.engine.destroy("inference")
        finally:
            second.close()
    finally:
        first.close()


def _ignore(step):
    try:
        step()
    except ProviderError:
        pass


@pytest.mark.parametrize("owner", [None, "test/prod/inference"], ids=["untagged", "another-stack"])
def test_an_endpoint_of_the_same_name_it_does_not_own_is_refused_with_how_to_import(emulator, provider_server, configs,
                                                                                   owner):
    tags = [{"Key": OWNER_TAG, "Value": owner}] if owner else []
    configs.create_endpoint(EndpointName="scoring", EndpointConfigName="cfg-v1", Tags=tags)
    stack = Stack(emulator, server=provider_server)
    try:
        with pytest.raises(CheckFailed) as refused:  # at preview already: check() looks the name up
            stack.up("inference", endpointConfigName="cfg-v1", name="scoring")
        [(path, message)] = refused.value.failures
        assert path == "name" and one_sentence(message)
        assert message.startswith("'scoring' is an endpoint that already exists and that no Pulumi resource of "
                                  "this stack created")
        assert "opts=pulumi.ResourceOptions(import_='scoring')" in message
        assert not stack.engine.has("inference")
        live = configs.describe_endpoint(EndpointName="scoring")
        assert live["EndpointConfigName"] == "cfg-v1", "the foreign endpoint was not touched"
        assert status_of(emulator, "scoring") in ("Creating", "InService")
    finally:
        stack.close()

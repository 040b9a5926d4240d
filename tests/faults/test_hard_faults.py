"""Hard faults reach the user as one sentence with the next step, and leave nothing behind that no state knows:
access denied (naming the IAM action), expired credentials, a region without SageMaker, an account quota, a
missing EndpointConfig, an endpoint deleted outside Pulumi before an update, and timeouts (saying what state the
endpoint was left in; the next `pulumi up` resumes, which is checked too)."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from tests.harness import CheckFailed, ProviderError
from tests.integration.support import physical_name

from .conftest import one_sentence, sentence
from .scenarios import (DEPLOYMENT, RETAGGED, TAGS, Stack, live_endpoints, orphans, set_up, set_up_alarm, status_of,
                        wait_until)

NAME = physical_name("inference")


@pytest.fixture
def stack(emulator, provider_server):
    set_up(emulator, "cfg-v1", "cfg-v2")
    set_up_alarm(emulator)
    stack = Stack(emulator, server=provider_server)
    yield stack
    stack.close()


def create(stack: Stack) -> Any:
    return stack.up("inference", endpointConfigName="cfg-v1", tags=TAGS)


def update(stack: Stack) -> Any:
    return stack.up("inference", endpointConfigName="cfg-v2", deploymentConfig=DEPLOYMENT, tags=TAGS)


def retag(stack: Stack) -> Any:
    return stack.up("inference", endpointConfigName="cfg-v1", tags=RETAGGED)


def destroy(stack: Stack) -> Any:
    return stack.engine.destroy("inference")


def refresh(stack: Stack) -> Any:
    return stack.engine.refresh("inference")


def fails(step: Callable[[Stack], Any], stack: Stack) -> str:
    with pytest.raises(ProviderError) as failed:
        step(stack)
    message = sentence(failed.value.details)
    assert one_sentence(message), message
    return message


STEPS = {"create": create, "update": update, "retag": retag, "destroy": destroy, "refresh": refresh}
DOING = {"create": "creating", "update": "updating", "retag": "updating", "destroy": "deleting",
         "refresh": "reading"}


@pytest.mark.parametrize("step, action", [
    ("create", "sagemaker:CreateEndpoint"),
    ("create", "sagemaker:DescribeEndpointConfig"),
    ("update", "sagemaker:UpdateEndpoint"),
    ("retag", "sagemaker:AddTags"),
    ("destroy", "sagemaker:DeleteEndpoint"),
    ("refresh", "sagemaker:ListTags"),
])
def test_access_denied_names_the_missing_action(emulator, stack, step, action):
    if step != "create":
        assert create(stack).id == NAME
    emulator.configure(deny_actions=[action])
    message = fails(STEPS[step], stack)
    assert message == (f"Access denied while {DOING[step]} endpoint {NAME!r}: the credentials in use may not call "
                       f"{action}; grant {action} to them (`sagemaker-endpoint iam-policy` prints the full policy).")
    emulator.configure(deny_actions=[])
    assert orphans(emulator, stack.engine) == []
    if step == "update":
        assert stack.engine.state("inference").outputs["endpointConfigName"] == "cfg-v1"


@pytest.mark.parametrize("step", ["create", "update", "destroy", "refresh"])
def test_expired_credentials_say_to_log_in_again(emulator, stack, step):
    if step != "create":
        create(stack)
    emulator.configure(expired_credentials=True)
    message = fails(STEPS[step], stack)
    assert message.startswith(f"The AWS credentials were rejected while {DOING[step]} endpoint {NAME!r} ")
    assert "(ExpiredTokenException): they are expired or invalid; refresh them (for example `aws sso login`) and " \
           "run `pulumi up` again." in message
    emulator.configure(expired_credentials=False)
    assert orphans(emulator, stack.engine) == []


def test_a_region_without_sagemaker_is_refused_before_any_call(emulator, stack):
    with pytest.raises(CheckFailed) as refused:
        stack.up("inference", endpointConfigName="cfg-v1", region="zz-north-1")
    assert [path for path, _ in refused.value.failures] == ["region"]
    assert "'zz-north-1' has no SageMaker endpoint" in refused.value.failures[0][1]
    assert emulator.stats()["calls"].get("CreateEndpoint", 0) == 0


def test_the_endpoint_quota_names_the_limit_and_what_to_do(emulator, stack):
    emulator.configure(endpoint_limit=0)
    message = fails(create, stack)
    assert message == (f"SageMaker refused creating endpoint {NAME!r} because an account quota is reached "
                       "(The account-level service limit 'Number of endpoints' is 0 Endpoints, with current "
                       "utilization of 0 Endpoints and a request delta of 1 Endpoints); request a quota increase in "
                       "Service Quotas or delete unused endpoints, then run `pulumi up` again.")
    assert live_endpoints(emulator) == []


def test_a_missing_config_at_update_is_one_sentence_and_changes_nothing(emulator, stack):
    create(stack)
    with pytest.raises(ProviderError) as failed:
        stack.up("inference", endpointConfigName="cfg-gone", tags=TAGS, timeouts={"update": 2})
    message = sentence(failed.value.details)
    assert message == (f"endpointConfigName 'cfg-gone' of endpoint {NAME!r} does not exist in this "
                       "account and region; create the EndpointConfig first or fix the name.")
    assert stack.engine.state("inference").outputs["endpointConfigName"] == "cfg-v1"
    assert emulator.stats()["calls"].get("UpdateEndpoint", 0) == 0


@pytest.mark.parametrize("step", ["update", "retag"])
def test_an_endpoint_deleted_outside_pulumi_before_an_update_says_refresh_then_up(emulator, stack, step):
    name = create(stack).id
    sm = emulator.client("sagemaker")
    sm.delete_endpoint(EndpointName=name)
    sm.get_waiter("endpoint_deleted").wait(EndpointName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 300})
    message = fails(STEPS[step], stack)
    assert name in message and "deleted outside Pulumi" in message
    assert "run `pulumi refresh`" in message and "`pulumi up` creates it again" in message
    refresh(stack)  # the advice works: refresh drops it, up creates it again
    assert not stack.engine.has("inference")
    assert STEPS[step](stack).op == "create"
    assert live_endpoints(emulator) == [name]


def test_a_create_timeout_says_creating_and_the_next_up_adopts_it(emulator, stack):
    emulator.hold(NAME, "create")  # it cannot finish before the create's deadline
    message = fails(lambda s: s.up("inference", endpointConfigName="cfg-v1", tags=TAGS, timeouts={"create": 0.5}),
                    stack)
    assert message.startswith(f"Timed out creating endpoint {NAME!r}: endpoint {NAME!r} is still Creating; ")
    assert "the next `pulumi up` resumes" in message
    emulator.release(NAME, "create")
    assert create(stack).op == "create"
    assert emulator.stats()["calls"]["CreateEndpoint"] == 2  # the second was refused: the endpoint was adopted
    assert orphans(emulator, stack.engine) == []


def test_an_update_timeout_says_what_is_live_and_the_next_up_finishes_it(emulator, stack):
    create(stack)
    slow = {**DEPLOYMENT["blue_green_update_policy"], "traffic_routing_configuration": {
        **DEPLOYMENT["blue_green_update_policy"]["traffic_routing_configuration"], "wait_interval_in_seconds": 1500}}
    deployment = {**DEPLOYMENT, "blue_green_update_policy": slow}
    emulator.hold(NAME, "bake")  # the canary bakes until released: the deployment cannot end before the deadline
    with pytest.raises(ProviderError) as failed:
        stack.up("inference", endpointConfigName="cfg-v2", deploymentConfig=deployment, tags=TAGS,
                 timeouts={"update": 1.0})
    message = sentence(failed.value.details)
    assert message.startswith(f"Timed out updating endpoint {NAME!r}: the deployment is still running")
    assert "the state keeps the previous config" in message and "the next `pulumi up`" in message
    assert stack.engine.state("inference").outputs["endpointConfigName"] == "cfg-v1"
    emulator.release(NAME, "bake")
    finished = stack.up("inference", endpointConfigName="cfg-v2", deploymentConfig=deployment, tags=TAGS)
    assert finished.outputs["endpointConfigName"] == "cfg-v2"
    assert emulator.stats()["calls"]["UpdateEndpoint"] == 1


def test_a_delete_timeout_says_deleting_and_the_next_destroy_finishes_it(emulator, stack):
    stack.up("inference", endpointConfigName="cfg-v1", tags=TAGS, timeouts={"delete": 0.5})
    emulator.hold(NAME, "delete")  # it cannot be gone before the delete's deadline
    message = fails(destroy, stack)
    assert message.startswith(f"Timed out deleting endpoint {NAME!r}: endpoint {NAME!r} is still Deleting; ")
    assert "the next `pulumi up` resumes" in message
    assert stack.engine.has("inference"), "the state keeps what is not gone yet"
    emulator.release(NAME, "delete")
    wait_until(lambda: status_of(emulator, NAME) == "Gone", "the deletion SageMaker carried on with")
    destroy(stack)
    assert not stack.engine.has("inference")
    assert emulator.stats()["calls"]["DeleteEndpoint"] == 1


def test_a_status_look_that_is_denied_is_named_not_reported_as_a_timeout(emulator, stack):
    """The status sweeper retries what it cannot read until the wait's deadline (waiting.py); the sentence then
    names the denied action rather than an endpoint 'still unknown'."""
    emulator.configure(deny_actions=["sagemaker:DescribeEndpoint"])
    message = fails(lambda s: s.up("inference", endpointConfigName="cfg-v1", timeouts={"create": 1.0}), stack)
    assert message.startswith(f"Access denied while creating endpoint {NAME!r}: the credentials in use may not call "
                              f"sagemaker:DescribeEndpoint; grant sagemaker:DescribeEndpoint")
    emulator.configure(deny_actions=[])
    assert create(stack).op == "create", "the next run adopts what the denied one created"
    assert orphans(emulator, stack.engine) == []

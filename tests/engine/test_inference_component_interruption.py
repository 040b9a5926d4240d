"""Inference components under the real `pulumi` CLI killed mid-operation (a cancelled CI job): a component's delete,
an Endpoint's destroy while it deletes the components it hosts, and a rolling update. Each operation is held in the
emulator while `pulumi` and its plugins are SIGKILLed, so nothing depends on load; after `pulumi cancel` the next
command ends the job, nothing is left that no state knows, and nothing the state needs is gone."""
from __future__ import annotations

import json
import time

import pytest

from tests.integration.ic_support import ROLE, SPEC, SPEC_V2, hosting_endpoint, key, rolling
from tests.integration.support import GUARD, wait_until

from .programs import ENDPOINT_HOSTING_COMPONENT, ONE_INFERENCE_COMPONENT
from .project import IC_TYPE


def components(sm) -> list[tuple[str, str]]:
    return [(c["InferenceComponentName"], c["InferenceComponentStatus"])
            for c in sm.list_inference_components()["InferenceComponents"]]


def killed_while_held(stack, emulator, held: str, phase: str, *command: str) -> None:
    """Run `pulumi <command>` until the emulator holds `held` in `phase`, SIGKILL it, let SageMaker go on, and
    cancel the lock the killed run left."""
    emulator.hold(held, phase)
    running = stack.start_command(*command)
    assert emulator.wait_held(held, timeout=GUARD) == phase
    running.kill()
    emulator.release(held, phase)
    stack.pulumi("cancel", "--yes", "--stack", stack.stack)


def test_sigkill_during_a_components_delete_then_destroy_ends_it(project, emulator):
    sm = emulator.client("sagemaker")
    hosting_endpoint(sm)
    stack = project(ONE_INFERENCE_COMPONENT).init(config={
        "endpoint": "host", "specification": json.dumps(SPEC), "copies": "1"})
    stack.up()
    [component] = stack.resources(IC_TYPE)
    name = component["id"]
    killed_while_held(stack, emulator, key(name), "delete", "destroy", "--yes", "--skip-preview")
    assert stack.resources(IC_TYPE), "the killed destroy did not record the delete"

    stack.pulumi("destroy", "--yes", "--skip-preview")
    assert components(sm) == [] and stack.resources(IC_TYPE) == []
    assert sm.describe_endpoint(EndpointName="host")["EndpointStatus"] == "InService", "not ours: untouched"


@pytest.fixture
def hosting(emulator):
    sm = emulator.client("sagemaker")
    sm.create_model(ModelName="llm", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "llm:1"})
    sm.create_endpoint_config(EndpointConfigName="ic-cfg", ExecutionRoleArn=ROLE, ProductionVariants=[
        {"VariantName": "AllTraffic", "InitialInstanceCount": 1, "InstanceType": "ml.g5.2xlarge"}])
    return sm


def test_sigkill_while_an_endpoint_deletes_the_components_it_hosts_then_destroy_ends_it(project, emulator, hosting):
    """The component belongs to the stack but is not a resource of the program any more (removed from it while the
    endpoint stays): the endpoint's delete finds it on the endpoint and deletes it first. Killed in that delete,
    the next destroy waits the component out and deletes the endpoint."""
    stack = project(ENDPOINT_HOSTING_COMPONENT).init(config={"configName": "ic-cfg"})
    stack.up()
    endpoint = stack.endpoint()["id"]
    [component] = stack.resources(IC_TYPE)
    stack.pulumi("state", "delete", component["urn"], "--yes")  # the component now known only by its owner tag
    killed_while_held(stack, emulator, key(component["id"]), "delete", "destroy", "--yes", "--skip-preview")
    assert components(hosting) == [] or components(hosting) == [(component["id"], "Deleting")]
    assert stack.endpoint()["id"] == endpoint, "the endpoint is still in the state"

    stack.pulumi("destroy", "--yes", "--skip-preview")
    assert components(hosting) == [] and hosting.list_endpoints()["Endpoints"] == []


def test_up_with_refresh_while_sagemaker_still_finishes_a_killed_rolling_update_converges(project, emulator):
    """SIGKILL while a new specification bakes, the program reverted: `pulumi up --refresh` started while the update
    still runs records the specification SageMaker is rolling out (llm-v2, as drift from the state's llm), waits
    the update out and puts the program's (llm) back."""
    sm = emulator.client("sagemaker")
    hosting_endpoint(sm)
    settings = {"endpoint": "host", "copies": "2", "deployment": json.dumps(rolling(1))}
    stack = project(ONE_INFERENCE_COMPONENT).init(config={**settings, "specification": json.dumps(SPEC)})
    stack.up()
    [component] = stack.resources(IC_TYPE)
    name = component["id"]
    stack.configure({"specification": json.dumps(SPEC_V2)})
    emulator.hold(key(name), "bake")
    rollout = stack.start_command("up", "--yes", "--skip-preview")
    assert emulator.wait_held(key(name), timeout=GUARD) == "bake"
    rollout.kill()
    stack.configure({"specification": json.dumps(SPEC)})  # reverted, as after a bad deploy
    stack.pulumi("cancel", "--yes", "--stack", stack.stack)

    since = time.time()
    converging = stack.start_command("up", "--yes", "--skip-preview", "--refresh")
    wait_until(lambda: any(r["operation"] == "DescribeInferenceComponent" for r in emulator.requests(since)),
               "the refresh to read the component mid-update")
    emulator.release(key(name), "bake")
    code, out = converging.finish()
    assert code == 0, out
    described = sm.describe_inference_component(InferenceComponentName=name)
    assert (described["InferenceComponentStatus"], described["Specification"]["ModelName"]) == ("InService", "llm")
    [component] = stack.resources(IC_TYPE)
    assert component["outputs"]["specification"]["modelName"] == "llm"

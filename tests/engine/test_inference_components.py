"""The InferenceComponent through the real `pulumi` CLI against the emulator: up, preview --diff with its rollout
plan, refresh, destroy; a specification changed by hand, refreshed and put back; a rolling update and an alarm
rollback (held in the emulator, so nothing depends on load); bad input at preview; a failed create; import_."""
from __future__ import annotations

import json
import re

import pytest

from tests.integration.ic_support import SPEC, SPEC_V2, hosting_endpoint, key, physical_name, update_by_hand
from tests.integration.support import GUARD, make_alarm

from .programs import ONE_INFERENCE_COMPONENT
from .project import IC_TYPE

ROLLING = {"rolling_update_policy": {"maximum_batch_size": {"type": "COPY_COUNT", "value": 1},
                                     "wait_interval_in_seconds": 60},
           "auto_rollback_configuration": {"alarms": [{"alarm_name": "llm-errors"}]}}


@pytest.fixture
def sm(emulator):
    client = emulator.client("sagemaker")
    hosting_endpoint(client)
    make_alarm(emulator.client("cloudwatch"), "llm-errors")
    return client


def config(copies: int = 2, spec: dict = SPEC, **more: str) -> dict[str, str]:
    return {"endpoint": "host", "specification": json.dumps(spec), "copies": str(copies), **more}


def component(stack) -> dict:
    [found] = stack.resources(IC_TYPE)
    return found


def test_up_preview_refresh_update_and_destroy(project, sm, emulator):
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config())
    created = stack.up()
    assert "+ 2 created" in created.stdout, created
    outs = component(stack)["outputs"]
    name = outs["name"]
    assert name.startswith("llm-") and (outs["status"], outs["desiredCopyCount"]) == ("InService", 2)
    assert f"inference component {name}: InService" in created.stdout, created
    assert f"endpoint {name}" not in created.stdout, "a component's progress never calls it an endpoint"
    stack.preview("--expect-no-changes", "--diff")
    stack.pulumi("refresh", "--yes", "--skip-preview")
    stack.preview("--expect-no-changes", "--diff")

    stack.configure(config(copies=4, spec=SPEC_V2, deployment=json.dumps(ROLLING)))
    preview = stack.preview("--diff")
    plan = ("new specification and copy count 2 -> 4: ROLLING batches of 1 of 4 copies, wait 60 s between "
            "batches; roll back on alarms llm-errors")
    assert plan in preview.stdout, preview
    stack.up()
    live = sm.describe_inference_component(InferenceComponentName=name)
    assert live["Specification"]["ModelName"] == "llm-v2" and live["RuntimeConfig"]["DesiredCopyCount"] == 4
    baked = [e["message"] for e in emulator.events(key(name)) if e["message"].startswith("Baking")]
    assert baked == [f"Baking batch {i} of 4 (1 copy(ies))." for i in range(1, 5)]

    stack.pulumi("destroy", "--yes", "--skip-preview")
    assert sm.list_inference_components()["InferenceComponents"] == []


def test_refresh_records_a_specification_changed_by_hand_and_up_puts_the_programs_back(project, sm, emulator):
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config())
    stack.up()
    name = component(stack)["outputs"]["name"]
    stack.pulumi("refresh", "--yes", "--skip-preview")
    stack.preview("--expect-no-changes", "--diff")

    update_by_hand(sm, name)
    refreshed = stack.pulumi("refresh", "--yes", "--skip-preview")
    assert "~ 1 updated" in refreshed.stdout, refreshed
    assert component(stack)["outputs"]["specification"]["modelName"] == "llm-v2"
    preview = stack.preview("--diff")
    assert re.search(r'modelName\s*: "llm-v2" => "llm"', preview.stdout), preview
    emulator.reset_stats()
    stack.up()
    assert emulator.stats()["calls"].get("UpdateInferenceComponent") == 1
    assert sm.describe_inference_component(InferenceComponentName=name)["Specification"]["ModelName"] == "llm"
    stack.preview("--expect-no-changes", "--diff")


def test_an_alarm_rollback_fails_the_update_and_the_state_keeps_the_live_specification(project, sm, emulator):
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config(copies=4, deployment=json.dumps(ROLLING)))
    stack.up()
    name = component(stack)["outputs"]["name"]
    stack.configure(config(copies=4, spec=SPEC_V2, deployment=json.dumps(ROLLING)))
    emulator.hold(key(name), "bake")
    rollout = stack.start_command("up", "--yes", "--skip-preview")
    assert emulator.wait_held(key(name), timeout=GUARD) == "bake"
    emulator.client("cloudwatch").set_alarm_state(AlarmName="llm-errors", StateValue="ALARM", StateReason="5xx")
    code, printed = rollout.finish()
    assert code != 0
    assert (f"The update of inference component '{name}' was rolled back because CloudWatch alarm(s) llm-errors "
            f"went into ALARM; its previous specification is still live and stays in the state.") in printed
    assert component(stack)["outputs"]["specification"]["modelName"] == "llm"
    assert sm.describe_inference_component(InferenceComponentName=name)["Specification"]["ModelName"] == "llm"


def test_bad_input_fails_at_preview_with_each_property_path(project, sm):
    bad = {"ModelName": "llm", "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}, "Colour": "red"}
    deployment = {"rolling_update_policy": {"maximum_batch_size": {"type": "COPY_COUNT", "value": 3},
                                            "wait_interval_in_seconds": 60},
                  "auto_rollback_configuration": {"alarms": [{"alarm_name": "ghost"}]}}
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config(copies=4, spec=bad, deployment=json.dumps(deployment)))
    preview = stack.preview(expect=None)
    assert preview.code != 0
    assert "property specification.colour value" in preview.output and "not a property SageMaker knows" in \
        preview.output, preview
    stack.configure(config(copies=4, deployment=json.dumps(deployment), endpoint="nowhere"))
    preview = stack.preview(expect=None)
    for path in ("endpointName", "deploymentConfig.rollingUpdatePolicy.maximumBatchSize",
                 "deploymentConfig.autoRollbackConfiguration.alarms[0].alarmName"):
        assert f"property {path} value" in preview.output, preview
    assert sm.list_inference_components()["InferenceComponents"] == []


def test_a_failed_create_leaves_nothing_behind(project, sm, emulator):
    emulator.configure(fail_create={"doomed": "The model container failed its ping health check."})
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config(name="doomed"))
    run = stack.up(expect=None)
    assert run.code != 0
    assert "Inference component 'doomed' failed to create: The model container failed its ping health check. " \
           "The failed component was deleted" in run.output, run
    assert sm.list_inference_components()["InferenceComponents"] == []
    assert stack.resources(IC_TYPE) == []


def test_import_adopts_a_live_component(project, sm, emulator):
    sm.create_inference_component(InferenceComponentName="live-ic", EndpointName="host", Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 2})
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config(**{"import": "live-ic"}))
    stack.up()
    assert component(stack)["id"] == "live-ic"
    assert emulator.stats()["calls"].get("CreateInferenceComponent", 0) == 1, "only the test's own create"
    tags = sm.list_tags(ResourceArn=component(stack)["outputs"]["arn"])["Tags"]
    assert any(t["Key"] == "pulumi_sagemaker_endpoint:owner" for t in tags)
    stack.preview("--expect-no-changes", "--diff")


def test_sigkill_during_a_create_then_cancel_and_up_adopts_the_component(project, sm, emulator):
    name = physical_name()
    emulator.hold(key(name), "create")
    stack = project(ONE_INFERENCE_COMPONENT).init(config=config())
    creating = stack.start_command("up", "--yes", "--skip-preview")
    assert emulator.wait_held(key(name), timeout=GUARD) == "create"
    creating.kill()
    emulator.release(key(name), "create")
    stack.pulumi("cancel", "--yes", "--stack", stack.stack)
    adopted = stack.up()
    assert f"{name}: already exists and is ours (an interrupted run created it); adopting it" in adopted.stdout, \
        adopted
    [entry] = sm.list_inference_components()["InferenceComponents"]
    assert (entry["InferenceComponentName"], entry["InferenceComponentStatus"]) == (name, "InService")
    assert component(stack)["id"] == name
    tags = {t["Key"] for t in sm.list_tags(ResourceArn=entry["InferenceComponentArn"])["Tags"]}
    assert "pulumi_sagemaker_endpoint:creating" not in tags

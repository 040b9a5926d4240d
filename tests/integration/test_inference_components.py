"""The InferenceComponent through the SDK's dynamic provider server, driven with the engine's RPCs (the stand-in),
against the emulator, checked with boto3. In-between states are held in the emulator and rollouts read back from
its event log, so nothing depends on the machine's load."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.core.owner import CREATING_TAG, OWNER_TAG, tag_value
from tests.harness import CheckFailed, ProviderError

from .ic_support import (PROVIDER, SPEC, SPEC_V2, TYPE_TOKEN, Background, hosting_endpoint, ic_props, key, owner_of,
                         physical_name, preview, rolling, up, update_by_hand)
from .support import calls, make_alarm, provider_output


@pytest.fixture
def host(sm) -> str:
    return hosting_endpoint(sm)


def ic_tags(sm, name: str) -> dict[str, str]:
    arn = sm.describe_inference_component(InferenceComponentName=name)["InferenceComponentArn"]
    return {t["Key"]: t["Value"] for t in sm.list_tags(ResourceArn=arn)["Tags"]}


def phases(emulator, name: str) -> list[str]:
    return [e["message"] for e in emulator.events(key(name)) if e["rollout"] == "update"]


def test_lifecycle_create_update_refresh_replace_delete(engine, sm, emulator, host):
    planned = preview(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2})
    assert planned.op == "create"
    assert planned.inputs["rolloutPlan"] == "create on host/its only variant with 2 copies, waiting for InService"

    created = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2},
                 tags={"team": "ml"})
    name = created.id
    assert name == physical_name() and name.startswith("llm-")
    live = sm.describe_inference_component(InferenceComponentName=name)
    assert live["InferenceComponentStatus"] == "InService" and live["VariantName"] == "AllTraffic"
    outs = created.outputs
    assert (outs["status"], outs["desiredCopyCount"], outs["currentCopyCount"]) == ("InService", 2, 2)
    assert outs["arn"] == live["InferenceComponentArn"] and outs["endpointName"] == host
    assert ic_tags(sm, name) == {"team": "ml", OWNER_TAG: tag_value(owner_of())}, "the creating tag is gone"
    assert f"info: inference component {name}: InService" in provider_output(engine).splitlines()
    assert f"endpoint {name}" not in provider_output(engine), "a component's progress never calls it an endpoint"

    emulator.reset_stats()
    same = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2}, tags={"team": "ml"})
    assert same.op == "same" and sum(emulator.stats()["calls"].values()) == 0, "a no-op run makes no AWS call"

    more = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 4}, tags={"team": "ml"})
    assert more.op == "update" and more.outputs["desiredCopyCount"] == 4 == more.outputs["currentCopyCount"]
    assert calls(emulator, "UpdateInferenceComponent") == 1

    sm.update_inference_component_runtime_config(InferenceComponentName=name, DesiredRuntimeConfig={"CopyCount": 3})
    refreshed = engine.refresh("llm")
    assert refreshed.inputs["runtimeConfig"] == {"copyCount": 3}, "a copy count the program owns drifts"

    hosting_endpoint(sm, "host2")
    moved = preview(engine, endpoint_name="host2", specification=SPEC, runtime_config={"copy_count": 4},
                    tags={"team": "ml"})
    assert moved.op == "replace" and "endpointName" in moved.changed_keys
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpoint_name=host, variant_name="Other", specification=SPEC, runtime_config={"copy_count": 4})
    assert failed.value.failures == [("variantName", "'Other' is not a production variant of endpoint 'host' (it "
                                                     "has AllTraffic); fix the name.")]

    engine.destroy("llm")
    assert sm.list_inference_components(EndpointNameEquals=host)["InferenceComponents"] == []


def test_a_specification_rolls_out_in_batches_with_the_deployment_config(engine, sm, emulator, host):
    up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 4})
    planned = preview(engine, endpoint_name=host, specification=SPEC_V2, runtime_config={"copy_count": 4},
                      deployment_config=rolling(2, wait=30))
    assert planned.inputs["rolloutPlan"] == ("new specification: ROLLING batches of 2 of 4 copies, wait 30 s between "
                                             "batches; no rollback alarms")
    updated = up(engine, endpoint_name=host, specification=SPEC_V2, runtime_config={"copy_count": 4},
                 deployment_config=rolling(2, wait=30))
    name = updated.id
    assert [m for m in phases(emulator, name) if m.startswith("Baking")] == [
        "Baking batch 1 of 2 (2 copy(ies)).", "Baking batch 2 of 2 (2 copy(ies))."]
    live = sm.describe_inference_component(InferenceComponentName=name)
    assert live["Specification"]["ModelName"] == "llm-v2"
    assert live["LastDeploymentConfig"]["RollingUpdatePolicy"]["MaximumBatchSize"] == {"Type": "COPY_COUNT",
                                                                                      "Value": 2}
    assert updated.outputs["specification"] == {"modelName": "llm-v2",
                                                "computeResourceRequirements": {"minMemoryRequiredInMb": 2048}}


def test_an_alarm_rollback_is_an_error_naming_the_alarm_and_the_state_keeps_the_live_specification(
        engine, sm, emulator, host):
    cloudwatch = emulator.client("cloudwatch")
    make_alarm(cloudwatch, "llm-errors")
    created = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 4})
    name = created.id
    emulator.hold(key(name), "bake")
    running = Background(lambda: up(engine, endpoint_name=host, specification=SPEC_V2,
                                    runtime_config={"copy_count": 4},
                                    deployment_config=rolling(1, wait=60, alarm="llm-errors")))
    assert emulator.wait_held(key(name)) == "bake"
    cloudwatch.set_alarm_state(AlarmName="llm-errors", StateValue="ALARM", StateReason="errors")
    running.join()
    assert isinstance(running.error, ProviderError)
    assert running.error.details == (
        f"The update of inference component {name!r} was rolled back because CloudWatch alarm(s) llm-errors went "
        f"into ALARM; its previous specification is still live and stays in the state. Fix the cause (or wait for "
        f"the alarm to return to OK), then run `pulumi up` again to retry the update.")
    assert sm.describe_inference_component(InferenceComponentName=name)["Specification"]["ModelName"] == "llm"
    assert engine.state("llm").outputs["specification"] == {"modelName": "llm", "computeResourceRequirements": {
        "minMemoryRequiredInMb": 1024}}


def test_bad_input_fails_at_preview_with_every_problem_and_its_path(engine, sm, emulator, host):
    make_alarm(emulator.client("cloudwatch"), "exists")
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpoint_name="nowhere", specification={**SPEC, "ModelNmae": "x"},
                runtime_config={"copy_count": 4},
                deployment_config={"rolling_update_policy": {
                    "maximum_batch_size": {"type": "COPY_COUNT", "value": 3}, "wait_interval_in_seconds": 4000,
                    "maximum_execution_timeout_in_seconds": 60}})
    assert {path for path, _ in failed.value.failures} == {
        "specification.modelNmae", "deploymentConfig.rollingUpdatePolicy.waitIntervalInSeconds",
        "deploymentConfig.rollingUpdatePolicy.maximumExecutionTimeoutInSeconds"}
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpoint_name="nowhere", specification=SPEC, runtime_config={"copy_count": 4},
                deployment_config={**rolling(3, alarm="ghost")})
    reasons = dict(failed.value.failures)
    assert set(reasons) == {"endpointName", "deploymentConfig.rollingUpdatePolicy.maximumBatchSize",
                            "deploymentConfig.autoRollbackConfiguration.alarms[0].alarmName"}
    assert "is 3 of the 4 copies; SageMaker allows between 5% and 50%" in reasons[
        "deploymentConfig.rollingUpdatePolicy.maximumBatchSize"]
    assert "'ghost', which does not exist" in reasons["deploymentConfig.autoRollbackConfiguration.alarms[0].alarmName"]
    assert sm.list_inference_components()["InferenceComponents"] == []


def test_a_failed_create_leaves_nothing_behind(engine, sm, emulator, host):
    emulator.configure(fail_create={"doomed": "The model container failed its ping health check."})
    with pytest.raises(ProviderError) as failed:
        up(engine, inference_component_name="doomed", endpoint_name=host, specification=SPEC,
           runtime_config={"copy_count": 1})
    assert failed.value.details == (
        "Inference component 'doomed' failed to create: The model container failed its ping health check. The "
        "failed component was deleted; fix the cause (model, image, memory or accelerator requirements, instance "
        "capacity) and run `pulumi up` again.")
    assert sm.list_inference_components()["InferenceComponents"] == []
    assert not engine.has("llm")


def test_an_interrupted_create_is_adopted(engine, sm, emulator, host):
    name = physical_name()
    tags = [{"Key": OWNER_TAG, "Value": tag_value(owner_of())}, {"Key": CREATING_TAG, "Value": "true"}]
    sm.create_inference_component(InferenceComponentName=name, EndpointName=host, VariantName="AllTraffic",
                                  Specification=SPEC, RuntimeConfig={"CopyCount": 2}, Tags=tags)
    created = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2})
    assert created.op == "create" and created.id == name
    assert calls(emulator, "CreateInferenceComponent") == 2, "ours, refused as existing, then adopted"
    assert CREATING_TAG not in ic_tags(sm, name)
    assert len(sm.list_inference_components()["InferenceComponents"]) == 1


def test_a_component_another_stack_made_is_never_taken_over(engine, sm, emulator, host):
    sm.create_inference_component(InferenceComponentName="taken", EndpointName=host, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 1})
    with pytest.raises(ProviderError) as failed:
        up(engine, inference_component_name="taken", endpoint_name=host, specification=SPEC,
           runtime_config={"copy_count": 1})
    assert "Inference component 'taken' already exists and this stack did not create it; to manage it here, " \
           "import it with opts=pulumi.ResourceOptions(import_='taken')" in failed.value.details


def test_import_adopts_a_live_component_and_takes_what_the_program_leaves_out(engine, sm, emulator, host):
    sm.create_inference_component(InferenceComponentName="live-ic", EndpointName=host, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 2}, Tags=[{"Key": "team", "Value": "ml"}])
    imported = engine.up("llm", ic_props(endpointName=host, importId="live-ic", tags={"team": "ml"}), PROVIDER,
                         type_token=TYPE_TOKEN)
    assert imported.id == "live-ic" and imported.outputs["desiredCopyCount"] == 2
    assert imported.outputs["specification"]["modelName"] == "llm"
    assert ic_tags(sm, "live-ic") == {"team": "ml", OWNER_TAG: tag_value(owner_of())}
    assert calls(emulator, "UpdateInferenceComponent") == 0, "nothing to roll out"


def test_refresh_records_a_specification_changed_by_hand_and_up_puts_the_programs_back(engine, sm, emulator, host):
    name = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2}).id
    unchanged = engine.refresh("llm")
    assert unchanged.changes == "none", "what SageMaker adds to the specification is no drift"
    assert preview(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2}).op == "same"

    update_by_hand(sm, name)
    refreshed = engine.refresh("llm")
    assert refreshed.changes == "some" and "specification" in refreshed.changed_keys
    assert refreshed.outputs["specification"] == {"modelName": "llm-v2",
                                                  "computeResourceRequirements": {"minMemoryRequiredInMb": 1024}}
    planned = preview(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2})
    assert planned.op == "update" and "specification" in planned.changed_keys
    assert planned.inputs["rolloutPlan"].startswith("new specification"), planned.inputs["rolloutPlan"]
    emulator.reset_stats()
    restored = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2})
    assert restored.op == "update" and calls(emulator, "UpdateInferenceComponent") == 1
    assert sm.describe_inference_component(InferenceComponentName=name)["Specification"]["ModelName"] == "llm"
    assert restored.outputs["specification"]["modelName"] == "llm"


def test_a_copy_count_under_autoscaling_is_the_autoscalers(engine, sm, emulator, host):
    created = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 2})
    name = created.id
    aas = emulator.client("application-autoscaling")
    aas.register_scalable_target(ServiceNamespace="sagemaker", ResourceId=f"inference-component/{name}",
                                 ScalableDimension="sagemaker:inference-component:DesiredCopyCount",
                                 MinCapacity=1, MaxCapacity=3)
    planned = preview(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 5})
    assert "the copy count is Application Auto Scaling's (scalable target 1-3 copies)" in \
        planned.inputs["rolloutPlan"]
    updated = up(engine, endpoint_name=host, specification=SPEC, runtime_config={"copy_count": 5})
    assert calls(emulator, "UpdateInferenceComponent") == 0, "the program's count is not sent"
    assert updated.outputs["autoscaled"] == "1-3"
    emulator.autoscale_copies(name, 3)
    refreshed = engine.refresh("llm")
    assert refreshed.inputs["runtimeConfig"] == {"copyCount": 5}, "refresh never reports the autoscaler's count"


def test_get_reads_a_live_component_without_managing_it(engine, sm, emulator, host):
    sm.create_inference_component(InferenceComponentName="shared-ic", EndpointName=host, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 2})
    got = engine.get("shared", "shared-ic", ic_props("shared"), PROVIDER, type_token=TYPE_TOKEN)
    assert got.id == "shared-ic" and got.outputs["endpointName"] == host
    assert got.outputs["specification"] == {"modelName": "llm",
                                            "computeResourceRequirements": {"minMemoryRequiredInMb": 1024}}
    assert got.outputs["desiredCopyCount"] == 2

"""An Endpoint that hosts inference components (issue 19, part B), through the engine stand-in and the emulator:
its outputs list them, its delete removes this stack's first (adapters before their base) and refuses before
deleting anything when others are there, and a new EndpointConfig under them needs inference_components="update"."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.core.owner import OWNER_TAG, tag_value
from tests.harness import CheckFailed, ProviderError

from . import ic_support
from .ic_support import ROLE, SPEC, key
from .support import PROVIDER, TYPE, calls, owner_of, preview, props, provider_output, up

MANAGED = {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}


def ic_config(sm, name: str) -> str:
    sm.create_endpoint_config(EndpointConfigName=name, ExecutionRoleArn=ROLE, ProductionVariants=[
        {"VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1}])
    return name


def managed_config(sm, name: str) -> str:
    """An IC-hosting config whose variant SageMaker scales itself, between 0 and 4 instances (1 at first)."""
    sm.create_endpoint_config(EndpointConfigName=name, ExecutionRoleArn=ROLE, ProductionVariants=[
        {"VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1,
         "ManagedInstanceScaling": MANAGED}])
    return name


@pytest.fixture
def hosting(engine, sm) -> str:
    """An Endpoint of this stack on an IC-hosting config, and the models llm and llm-v2."""
    for model in ("llm", "llm-v2"):
        sm.create_model(ModelName=model, ExecutionRoleArn=ROLE, PrimaryContainer={"Image": f"{model}:1"})
    ic_config(sm, "ic-cfg-v1")
    return up(engine, endpointConfigName="ic-cfg-v1").id


def ours(name: str) -> list[dict[str, str]]:
    """The ownership tag of a resource `name` of this stack (project test, stack dev)."""
    return [{"Key": OWNER_TAG, "Value": tag_value(owner_of(name))}]


def names_on(sm, endpoint: str) -> list[str]:
    return sorted(c["InferenceComponentName"]
                  for c in sm.list_inference_components(EndpointNameEquals=endpoint)["InferenceComponents"])


def test_outputs_list_the_hosted_components_with_their_copies(engine, sm, hosting):
    assert engine.state("inference").outputs["hostedInferenceComponents"] == []
    ic_support.up(engine, endpoint_name=hosting, specification=SPEC, runtime_config={"copy_count": 2})
    refreshed = engine.refresh("inference")
    [hosted] = refreshed.outputs["hostedInferenceComponents"]
    assert (hosted["desiredCopyCount"], hosted["currentCopyCount"]) == (2, 2)
    assert hosted["name"] == ic_support.physical_name()


def test_delete_removes_this_stacks_components_first_adapters_before_their_base(engine, sm, emulator, hosting):
    sm.create_inference_component(InferenceComponentName="base", EndpointName=hosting, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 1}, Tags=ours("base"))
    wait_in_service(sm, "base")
    sm.create_inference_component(InferenceComponentName="adapter", EndpointName=hosting, Tags=ours("adapter"),
                                  Specification={"BaseInferenceComponentName": "base"})
    wait_in_service(sm, "adapter")
    engine.refresh("inference")
    engine.destroy("inference")
    assert sm.list_endpoints()["Endpoints"] == [] and names_on(sm, hosting) == []
    [adapter_gone] = [e["t"] for e in emulator.events(key("adapter")) if e["rollout"] == "delete"]
    base_deletes = [r["t"] for r in emulator.requests() if r["operation"] == "DeleteInferenceComponent"
                    and r["status"] == 200]
    assert len(base_deletes) == 2 and adapter_gone <= base_deletes[1], "the adapter was gone before the base went"
    lines = provider_output(engine).splitlines()
    assert [line for line in lines if "before its endpoint" in line] == [
        f"info: inference component {name}: deleting it (this stack's) before its endpoint {hosting}"
        for name in ("adapter", "base")]
    assert "info: inference component adapter: deleted" in lines


def test_delete_refuses_before_deleting_anything_when_components_of_no_resource_of_ours_are_there(
        engine, sm, hosting):
    sm.create_inference_component(InferenceComponentName="mine", EndpointName=hosting, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 1}, Tags=ours("mine"))
    sm.create_inference_component(InferenceComponentName="stranger", EndpointName=hosting, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 1})
    wait_in_service(sm, "mine")
    wait_in_service(sm, "stranger")
    engine.refresh("inference")
    with pytest.raises(ProviderError) as failed:
        engine.destroy("inference")
    assert failed.value.details == (
        f"Endpoint {hosting!r} cannot be deleted: it hosts inference component(s) stranger that no resource of this "
        f"stack owns, and SageMaker refuses to delete an endpoint that hosts any; delete or move them (or manage "
        f"them in this stack), then run `pulumi destroy` again. Nothing was deleted.")
    assert names_on(sm, hosting) == ["mine", "stranger"]
    assert sm.describe_endpoint(EndpointName=hosting)["EndpointStatus"] == "InService"


def test_a_new_config_under_hosted_components_needs_the_opt_in(engine, sm, hosting):
    ic_support.up(engine, endpoint_name=hosting, specification=SPEC, runtime_config={"copy_count": 1})
    component = ic_support.physical_name()
    engine.refresh("inference")
    ic_config(sm, "ic-cfg-v2")
    with pytest.raises(CheckFailed) as failed:
        engine.preview("inference", props(endpointConfigName="ic-cfg-v2"), PROVIDER, type_token=TYPE)
    [(path, reason)] = failed.value.failures
    assert path == "inferenceComponents" and reason == (
        f"must be \"update\" to deploy 'ic-cfg-v2' to endpoint {hosting!r}: it hosts inference components "
        f"{component}, and AWS documents no guarantee for them through UpdateEndpoint; set "
        f"inference_components=\"update\" to accept that, or delete or move the components first.")
    planned = engine.preview("inference", props(endpointConfigName="ic-cfg-v2", inferenceComponents="update"),
                             PROVIDER, type_token=TYPE)
    assert planned.inputs["rolloutPlan"].endswith(
        f"; hosted inference components {component} stay placed on the endpoint's variants through the update "
        f"(inference_components=\"update\": AWS documents no guarantee for them)")
    updated = up(engine, endpointConfigName="ic-cfg-v2", inferenceComponents="update")
    assert updated.outputs["endpointConfigName"] == "ic-cfg-v2"
    assert [c["name"] for c in updated.outputs["hostedInferenceComponents"]] == [component]


def wait_in_service(sm, name: str) -> None:
    from .support import GUARD
    import time

    deadline = time.monotonic() + GUARD
    while sm.describe_inference_component(InferenceComponentName=name)["InferenceComponentStatus"] != "InService":
        assert time.monotonic() < deadline, f"{name} never came InService"
        time.sleep(0.02)


def test_counts_set_by_managed_instance_scaling_are_recorded_by_refresh_and_are_no_drift(engine, sm, emulator):
    name = up(engine, endpointConfigName=managed_config(sm, "managed-v1")).id
    for count in (0, 3):
        emulator.managed_scale(name, "AllTraffic", count)
        refreshed = engine.refresh("inference")
        [variant] = refreshed.outputs["productionVariants"]
        assert (variant["currentInstanceCount"], variant["desiredInstanceCount"]) == (count, count)
        assert variant["managedInstanceScaling"] == {"status": "ENABLED", "minInstanceCount": 0,
                                                     "maxInstanceCount": 4}
        assert refreshed.changes == "none"
        assert preview(engine, endpointConfigName="managed-v1").op == "same"
        assert up(engine, endpointConfigName="managed-v1").op == "same"
    assert calls(emulator, "UpdateEndpoint") == calls(emulator, "UpdateEndpointWeightsAndCapacities") == 0


def test_a_rollout_plan_names_the_managed_count_and_warns_of_no_reset(engine, sm, emulator):
    """Even with an Application Auto Scaling target on the variant, whose reset to the new config's
    InitialInstanceCount (1, below the 3 it has) is otherwise a warning."""
    name = up(engine, endpointConfigName=managed_config(sm, "managed-v1")).id
    emulator.managed_scale(name, "AllTraffic", 3)
    emulator.client("application-autoscaling").register_scalable_target(
        ServiceNamespace="sagemaker", ResourceId=f"endpoint/{name}/variant/AllTraffic",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount", MinCapacity=1, MaxCapacity=4)
    planned = preview(engine, endpointConfigName=managed_config(sm, "managed-v2"))
    assert planned.inputs["rolloutPlan"] == (
        "managed-v1 -> managed-v2: blue/green ALL_AT_ONCE (SageMaker's default); no rollback alarms; AllTraffic: "
        "instance count is SageMaker's managed instance scaling (0-4, 3 now); autoscaled AllTraffic (1-4): its "
        "instance count is SageMaker's managed instance scaling")
    assert "resets" not in provider_output(engine)


def test_a_desired_count_for_a_managed_variant_is_refused_at_preview(engine, sm):
    up(engine, endpointConfigName=managed_config(sm, "managed-v1"))
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpointConfigName="managed-v1", desiredInstanceCounts={"AllTraffic": 2})
    [(path, reason)] = failed.value.failures
    assert path == "desiredInstanceCounts.AllTraffic" and reason.startswith(
        "sets the instance count of variant 'AllTraffic', which SageMaker's managed instance scaling sets itself "
        "(0-4 instances in endpoint config managed-v1)")

"""Inference components in the emulator (issue 19, part A), through boto3 over HTTP.

Every in-between state is looked at while the component is held in that phase
(``emulator.hold("inference-component/<name>", ...)``), and rollouts are read
back from the event log, so nothing depends on the machine's load.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from sagemaker_emulator import EmulatorError

from .components import ARN, SPEC, SPEC_V2, Components, key, rolling
from .conftest import ROLE, Hosting, error_of, wait_for

IC_DIMENSION = "sagemaker:inference-component:DesiredCopyCount"


@pytest.fixture
def ics(hosting: Hosting) -> Components:
    return Components(hosting)


def phases(emulator: Any, name: str, rollout: str = "update") -> list[str]:
    """The messages of the phases ``name`` completed in its ``rollout`` rollouts, in order."""
    return [e["message"] for e in emulator.events(key(name)) if e["rollout"] == rollout]


# -- EndpointConfigs for inference components ---------------------------------------------------
def test_an_ic_endpoint_config_keeps_its_role_managed_scaling_and_routing(ics: Components) -> None:
    scaling = {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}
    routing = {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"}
    ics.config("ic-cfg", ManagedInstanceScaling=scaling, RoutingConfig=routing)
    described = ics.sm.describe_endpoint_config(EndpointConfigName="ic-cfg")
    assert described["ExecutionRoleArn"] == ROLE
    [variant] = described["ProductionVariants"]
    assert "ModelName" not in variant
    assert (variant["ManagedInstanceScaling"], variant["RoutingConfig"]) == (scaling, routing)

    ics.hosting.endpoint("hosting", config="ic-cfg")
    [live] = ics.hosting.describe("hosting")["ProductionVariants"]
    assert (live["ManagedInstanceScaling"], live["RoutingConfig"]) == (scaling, routing)


def test_ic_endpoint_config_rules(ics: Components) -> None:
    ics.model()

    def config(role: str | None = ROLE, **variant: Any) -> str:
        params: dict[str, Any] = {
            "EndpointConfigName": "bad",
            "ProductionVariants": [{"VariantName": "A", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1, **variant}],
        }
        if role:
            params["ExecutionRoleArn"] = role
        return error_of(lambda: ics.sm.create_endpoint_config(**params))["Message"]

    assert "ExecutionRoleArn is required" in config(role=None)
    assert "MinInstanceCount (3) cannot be greater than MaxInstanceCount (2)" in config(
        ManagedInstanceScaling={"Status": "ENABLED", "MinInstanceCount": 3, "MaxInstanceCount": 2}
    )
    assert "MinInstanceCount 0 (scaling to zero instances) is only supported" in config(
        ModelName="llm", ManagedInstanceScaling={"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 2}
    )
    mixed = error_of(
        lambda: ics.sm.create_endpoint_config(
            EndpointConfigName="mixed",
            ExecutionRoleArn=ROLE,
            ProductionVariants=[
                {"VariantName": "A", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1},
                {"VariantName": "B", "ModelName": "llm", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1},
            ],
        )
    )
    assert mixed["Code"] == "ValidationException" and "Production variant(s) [A] name no model" in mixed["Message"]
    # A model-hosting config keeps its role too.
    ics.sm.create_endpoint_config(
        EndpointConfigName="classic",
        ExecutionRoleArn=ROLE,
        ProductionVariants=[{"VariantName": "A", "ModelName": "llm", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}],
    )
    assert ics.sm.describe_endpoint_config(EndpointConfigName="classic")["ExecutionRoleArn"] == ROLE


# -- lifecycle -------------------------------------------------------------------------
def test_create_goes_creating_then_in_service_with_all_copies(ics: Components) -> None:
    ics.endpoint("host")
    ics.emulator.hold(key("llm-ic"), "create")
    arn = ics.create("llm-ic", "host", copies=3, Tags=[{"Key": "team", "Value": "ml"}])
    assert arn == f"{ARN}:inference-component/llm-ic"
    [creating] = ics.through("llm-ic", ["create"])
    assert creating["InferenceComponentStatus"] == "Creating"
    assert ics.copies(creating) == (3, 0)
    done = ics.wait("llm-ic", "InService")
    assert ics.copies(done) == (3, 3)
    assert (done["EndpointName"], done["EndpointArn"], done["VariantName"]) == ("host", f"{ARN}:endpoint/host", "AllTraffic")
    assert done["Specification"] == SPEC
    assert "FailureReason" not in done and "LastDeploymentConfig" not in done
    assert done["LastModifiedTime"] >= done["CreationTime"]
    assert phases(ics.emulator, "llm-ic", "create") == ["Creating the inference component."]


def test_a_container_specification_is_described_with_its_deployed_image(ics: Components) -> None:
    ics.endpoint("host")
    described = ics.in_service("image-ic", "host", spec=SPEC_V2)
    container = described["Specification"]["Container"]
    image = SPEC_V2["Container"]["Image"]
    assert (container["DeployedImage"]["SpecifiedImage"], container["DeployedImage"]["ResolvedImage"]) == (image, image)
    assert "Image" not in container
    assert described["Specification"]["ComputeResourceRequirements"] == SPEC_V2["ComputeResourceRequirements"]


def test_placement_rules(ics: Components) -> None:
    missing = error_of(lambda: ics.create("orphan", "nowhere"))
    assert (missing["Code"], missing["Message"]) == ("ValidationException", f'Could not find endpoint "{ARN}:endpoint/nowhere".')

    ics.hosting.endpoint("classic", count=1)  # its config names a model
    assert "cannot host inference components" in error_of(lambda: ics.create("on-classic", "classic"))["Message"]

    ics.emulator.hold("young", "create")
    ics.sm.create_endpoint(EndpointName="young", EndpointConfigName=ics.config("young-cfg"))
    assert ics.emulator.wait_held("young") == "create"
    early = error_of(lambda: ics.create("too-early", "young"))["Message"]
    assert "while the endpoint is Creating; it must be InService" in early
    ics.emulator.release("young", "create")

    ics.endpoint("two", variants=("A", "B"))
    assert 'The variant name(s) "C" is/are not present' in error_of(lambda: ics.create("nope", "two", VariantName="C"))["Message"]
    params = {"InferenceComponentName": "unnamed", "EndpointName": "two", "Specification": SPEC, "RuntimeConfig": {"CopyCount": 1}}
    assert "VariantName must be specified" in error_of(lambda: ics.sm.create_inference_component(**params))["Message"]
    ics.create("on-b", "two", VariantName="B")

    assert "Cannot create already existing inference component" in error_of(lambda: ics.create("ON-B", "two"))["Message"]
    both = error_of(lambda: ics.sm.create_inference_component(**{**params, "VariantName": "A", "Specifications": [SPEC]}))
    assert both["Message"] == "Exactly one of Specification and Specifications must be specified."
    assert "RuntimeConfig is required" in error_of(lambda: ics.create("no-copies", "two", copies=None, VariantName="A"))["Message"]
    unknown = error_of(lambda: ics.create("no-model", "two", VariantName="A", spec={**SPEC, "ModelName": "ghost"}))
    assert unknown["Message"] == f'Could not find model "{ARN}:model/ghost".'

    # One variant: VariantName may be left out.
    ics.endpoint("one")
    ics.sm.create_inference_component(
        InferenceComponentName="implicit", EndpointName="one", Specification=SPEC, RuntimeConfig={"CopyCount": 1}
    )
    assert ics.describe("implicit")["VariantName"] == "AllTraffic"


def test_list_filters_sorting_and_pagination(ics: Components) -> None:
    ics.endpoint("east", variants=("A", "B"))
    ics.endpoint("west")
    for name, endpoint, variant in (("alpha", "east", "A"), ("beta", "east", "B"), ("gamma", "west", "AllTraffic")):
        ics.in_service(name, endpoint, VariantName=variant)
    ics.emulator.hold(key("delta"), "create")
    ics.create("delta", "west")
    assert ics.emulator.wait_held(key("delta")) == "create"

    def names(**filters: Any) -> list[str]:
        return [c["InferenceComponentName"] for c in ics.sm.list_inference_components(**filters)["InferenceComponents"]]

    # Creations may share a millisecond on a fast run: orders and time filters are checked against the times read.
    created = {c: ics.describe(c)["CreationTime"] for c in ("alpha", "beta", "gamma", "delta")}
    by_default = names()  # CreationTime, Descending by default
    assert sorted(by_default) == sorted(created)
    assert [created[c] for c in by_default] == sorted(created.values(), reverse=True)
    assert names(SortBy="Name", SortOrder="Ascending") == ["alpha", "beta", "delta", "gamma"]
    assert names(EndpointNameEquals="east", SortBy="Name", SortOrder="Ascending") == ["alpha", "beta"]
    assert names(VariantNameEquals="B") == ["beta"]
    assert names(StatusEquals="Creating") == ["delta"]
    assert names(StatusEquals="InService", EndpointNameEquals="west") == ["gamma"]
    assert names(NameContains="ELT") == ["delta"]
    # Bounds on whole seconds: botocore may send a timestamp with whole-second precision.
    since, until = created["gamma"].replace(microsecond=0), created["alpha"].replace(microsecond=0)
    after_gamma = {c for c, t in created.items() if t >= since}
    assert set(names(CreationTimeAfter=since)) == after_gamma and {"gamma", "delta"} <= after_gamma
    assert set(names(CreationTimeBefore=until)) == {c for c, t in created.items() if t < until}

    first = ics.sm.list_inference_components(MaxResults=3, SortBy="Name", SortOrder="Ascending")
    assert [c["InferenceComponentName"] for c in first["InferenceComponents"]] == ["alpha", "beta", "delta"]
    second = ics.sm.list_inference_components(MaxResults=3, SortBy="Name", SortOrder="Ascending", NextToken=first["NextToken"])
    assert [c["InferenceComponentName"] for c in second["InferenceComponents"]] == ["gamma"]
    assert "NextToken" not in second
    pages = ics.sm.get_paginator("list_inference_components").paginate(PaginationConfig={"PageSize": 1})
    assert sorted(c["InferenceComponentName"] for page in pages for c in page["InferenceComponents"]) == [
        "alpha", "beta", "delta", "gamma"
    ]
    summary = next(c for c in first["InferenceComponents"] if c["InferenceComponentName"] == "alpha")
    assert (summary["EndpointArn"], summary["VariantName"], summary["InferenceComponentStatus"]) == (
        f"{ARN}:endpoint/east", "A", "InService"
    )
    ics.emulator.release(key("delta"), "create")


# -- updates -------------------------------------------------------------------------------------
def test_rolling_update_goes_batch_by_batch(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("roll", "host", copies=4)
    config = rolling(2, wait=300, MaximumExecutionTimeoutInSeconds=3600)
    ics.emulator.hold(key("roll"), "bake", "bake")
    ics.sm.update_inference_component(InferenceComponentName="roll", Specification=SPEC_V2, DeploymentConfig=config)
    first, second = ics.through("roll", ["bake", "bake"])
    for during in (first, second):
        assert during["InferenceComponentStatus"] == "Updating"
        assert during["Specification"] == SPEC  # the live specification until the rollout completes
        assert during["LastDeploymentConfig"] == config
    # Batch 1: 2 new copies up beside the 4 old ones; batch 2: 4 new, 2 old left.
    assert ics.copies(first) == (4, 6)
    assert ics.copies(second) == (4, 6)
    done = ics.wait("roll", "InService")
    assert ics.copies(done) == (4, 4)
    assert done["Specification"]["Container"]["DeployedImage"]["SpecifiedImage"] == SPEC_V2["Container"]["Image"]
    assert done["LastDeploymentConfig"] == config and "FailureReason" not in done
    assert phases(ics.emulator, "roll") == [
        "Provisioning batch 1 of 2 (2 copy(ies)).", "Shifting traffic to batch 1 of 2 (2 copy(ies)).",
        "Baking batch 1 of 2 (2 copy(ies)).", "Terminating 2 old copy(ies).",
        "Provisioning batch 2 of 2 (2 copy(ies)).", "Shifting traffic to batch 2 of 2 (2 copy(ies)).",
        "Baking batch 2 of 2 (2 copy(ies)).", "Terminating 2 old copy(ies).",
    ]


def test_capacity_percent_batches_and_a_new_copy_count(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("pct", "host", copies=4)
    ics.sm.update_inference_component(
        InferenceComponentName="pct", Specification=SPEC_V2, RuntimeConfig={"CopyCount": 8},
        DeploymentConfig=rolling(25, kind="CAPACITY_PERCENT", wait=10),
    )
    done = ics.wait("pct", "InService")
    assert ics.copies(done) == (8, 8)
    baked = [m for m in phases(ics.emulator, "pct") if m.startswith("Baking")]
    assert baked == [f"Baking batch {i} of 4 (2 copy(ies))." for i in range(1, 5)]


def test_update_without_deployment_config_moves_all_copies_at_once(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("plain", "host", copies=3)
    ics.sm.update_inference_component(InferenceComponentName="plain", Specification=SPEC_V2)
    done = ics.wait("plain", "InService")
    assert ics.copies(done) == (3, 3) and "LastDeploymentConfig" not in done
    assert [m for m in phases(ics.emulator, "plain") if m.startswith("Provisioning")] == [
        "Provisioning batch 1 of 1 (3 copy(ies))."
    ]


def test_alarm_during_a_batch_bake_rolls_back_to_the_old_specification(ics: Components) -> None:
    ics.hosting.emulator.configure(rollback_seconds=0.3)
    ics.endpoint("host")
    ics.in_service("guarded", "host", copies=4)
    alarm = ics.hosting.alarm("guarded-errors")
    config = rolling(1, wait=600, alarm=alarm, RollbackMaximumBatchSize={"Type": "COPY_COUNT", "Value": 4})
    ics.emulator.hold(key("guarded"), "bake", "rollback")
    ics.sm.update_inference_component(InferenceComponentName="guarded", Specification=SPEC_V2, DeploymentConfig=config)
    assert ics.emulator.wait_held(key("guarded")) == "bake"
    assert ics.copies(ics.describe("guarded")) == (4, 5)
    ics.hosting.set_alarm(alarm, "ALARM")  # trips the held bake: the rollback starts (and is held)
    [rolling_back] = ics.through("guarded", ["rollback"])
    assert rolling_back["InferenceComponentStatus"] == "Updating"  # an inference component has no RollingBack
    done = ics.wait("guarded", "InService")
    assert done["Specification"] == SPEC
    assert ics.copies(done) == (4, 4)
    assert alarm in done["FailureReason"] and "rolled back to the previous specification" in done["FailureReason"]
    assert done["LastDeploymentConfig"] == config
    assert phases(ics.emulator, "guarded", "rollback") == ["Rolling back to the previous specification."]
    assert "Baking batch 2 of 4 (1 copy(ies))." not in phases(ics.emulator, "guarded")


def test_a_rollout_over_its_maximum_execution_timeout_rolls_back(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("slow", "host", copies=4)
    # Four batches baking 500 s each exceed 600 s (scaled: 2.0 s of emulator time against 0.6 s).
    ics.sm.update_inference_component(
        InferenceComponentName="slow", Specification=SPEC_V2,
        DeploymentConfig=rolling(1, wait=500, MaximumExecutionTimeoutInSeconds=600),
    )
    done = ics.wait("slow", "InService")
    assert done["Specification"] == SPEC and "MaximumExecutionTimeoutInSeconds (600 seconds)" in done["FailureReason"]


def test_deployment_config_rules(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("ruled", "host", copies=4)

    def refused(config: dict[str, Any]) -> str:
        return error_of(
            lambda: ics.sm.update_inference_component(
                InferenceComponentName="ruled", Specification=SPEC_V2, DeploymentConfig=config
            )
        )["Message"]

    assert refused(rolling(3)) == (
        'MaximumBatchSize of 3 copy(ies) is not valid for inference component "ruled" with 4 copy(ies): it must be '
        "between 5% and 50% of the inference component's copy count."
    )
    assert "MaximumBatchSize of 60%" in refused(rolling(60, kind="CAPACITY_PERCENT"))
    assert "RollbackMaximumBatchSize of 5 copy(ies)" in refused(rolling(1, RollbackMaximumBatchSize={"Type": "COPY_COUNT", "Value": 5}))
    assert "must be larger than the total waiting time" in refused(rolling(1, wait=900, MaximumExecutionTimeoutInSeconds=900))
    assert refused(rolling(1, alarm="ghost")) == "Could not find CloudWatch alarm(s) [ghost] named in the AutoRollbackConfiguration."
    model = error_of(lambda: ics.sm.update_inference_component(InferenceComponentName="ruled", DeploymentConfig={
        "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1}, "WaitIntervalInSeconds": 4000,
                                "MaximumExecutionTimeoutInSeconds": 30000}}))
    assert model["Message"].startswith("2 validation errors detected:")
    nothing = error_of(lambda: ics.sm.update_inference_component(InferenceComponentName="ruled"))
    assert nothing["Message"].startswith("At least one of Specification, Specifications, RuntimeConfig")
    assert ics.describe("ruled")["InferenceComponentStatus"] == "InService"


def test_copy_count_changes_through_both_update_calls(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("sized", "host", copies=2)
    ics.emulator.hold(key("sized"), "capacity")
    arn = ics.sm.update_inference_component_runtime_config(
        InferenceComponentName="sized", DesiredRuntimeConfig={"CopyCount": 5}
    )["InferenceComponentArn"]
    assert arn == f"{ARN}:inference-component/sized"
    [updating] = ics.through("sized", ["capacity"])
    assert updating["InferenceComponentStatus"] == "Updating" and ics.copies(updating) == (5, 2)
    busy = error_of(lambda: ics.sm.update_inference_component_runtime_config(
        InferenceComponentName="sized", DesiredRuntimeConfig={"CopyCount": 1}))
    assert busy["Message"] == f'Cannot update in-progress inference component "{ARN}:inference-component/sized".'
    assert ics.copies(ics.wait("sized", "InService")) == (5, 5)

    ics.sm.update_inference_component(InferenceComponentName="sized", RuntimeConfig={"CopyCount": 1})
    done = ics.wait("sized", "InService")
    assert ics.copies(done) == (1, 1) and done["Specification"] == SPEC
    assert [e["phase"] for e in ics.emulator.events(key("sized")) if e["rollout"] == "capacity"] == ["capacity", "capacity"]


def test_forced_failures(ics: Components) -> None:
    ics.endpoint("host")
    ics.emulator.configure(fail_create={"broken": "The model container failed its ping health check."})
    ics.create("broken", "host")
    failed = ics.wait("broken", "Failed")
    assert failed["FailureReason"] == "The model container failed its ping health check."
    refused = error_of(lambda: ics.sm.update_inference_component_runtime_config(
        InferenceComponentName="broken", DesiredRuntimeConfig={"CopyCount": 1}))
    assert refused["Message"] == f'Cannot update failed inference component "{ARN}:inference-component/broken".'
    ics.sm.delete_inference_component(InferenceComponentName="broken")  # a failed component can be deleted
    wait_for(lambda: ics.gone("broken"), what="broken gone")

    ics.in_service("flaky", "host", copies=2)
    ics.emulator.configure(fail_update={"flaky": "The new model container failed to start."})
    ics.sm.update_inference_component(InferenceComponentName="flaky", Specification=SPEC_V2, DeploymentConfig=rolling(1))
    done = ics.wait("flaky", "InService")
    assert done["Specification"] == SPEC and done["FailureReason"] == "The new model container failed to start."
    assert ics.copies(done) == (2, 2)


# -- delete and the endpoint -----------------------------------------------------------------
def test_delete_endpoint_is_refused_while_components_are_on_it(ics: Components) -> None:
    ics.endpoint("host")
    ics.in_service("base", "host")
    ics.in_service("adapter", "host", copies=None, spec={"BaseInferenceComponentName": "base", "Container": {
        "ArtifactUrl": "s3://bucket/adapter.tar.gz"}})
    assert "RuntimeConfig" not in ics.describe("adapter")

    refusal = error_of(lambda: ics.sm.delete_endpoint(EndpointName="host"))
    assert (refusal["Code"], refusal["Message"]) == (
        "ValidationException",
        f'Cannot delete endpoint "{ARN}:endpoint/host" while it hosts inference components [adapter, base]. '
        "Delete the inference components first.",
    )
    base_first = error_of(lambda: ics.sm.delete_inference_component(InferenceComponentName="base"))
    assert "adapter inference component(s) [adapter] use it as their base" in base_first["Message"]

    ics.emulator.hold(key("adapter"), "delete")
    ics.sm.delete_inference_component(InferenceComponentName="adapter")
    [deleting] = ics.through("adapter", ["delete"])
    assert deleting["InferenceComponentStatus"] == "Deleting"
    wait_for(lambda: ics.gone("adapter"), what="adapter gone")
    gone = error_of(lambda: ics.describe("adapter"))
    assert gone["Message"] == f'Could not find inference component "{ARN}:inference-component/adapter".'

    ics.emulator.hold(key("base"), "delete")
    ics.sm.delete_inference_component(InferenceComponentName="base")
    assert ics.emulator.wait_held(key("base")) == "delete"
    assert "while it hosts inference components [base]" in error_of(lambda: ics.sm.delete_endpoint(EndpointName="host"))["Message"]
    assert "in-progress" in error_of(lambda: ics.sm.delete_inference_component(InferenceComponentName="base"))["Message"]
    ics.emulator.release(key("base"), "delete")
    wait_for(lambda: ics.gone("base"), what="base gone")
    ics.sm.delete_endpoint(EndpointName="host")
    wait_for(lambda: ics.hosting.gone("host"), what="host gone")


def test_update_endpoint_keeps_hosted_components_only_where_they_can_stay(ics: Components) -> None:
    ics.endpoint("host", variants=("A", "B"))
    ics.in_service("on-a", "host", VariantName="A")
    with_model = ics.hosting.config("host-models", count=1, variants=("A", "B"))
    assert "so it cannot host inference components" in error_of(
        lambda: ics.sm.update_endpoint(EndpointName="host", EndpointConfigName=with_model))["Message"]
    only_b = ics.config("host-b", variants=("B",))
    assert "removes the production variant(s) [A] that inference components are placed on" in error_of(
        lambda: ics.sm.update_endpoint(EndpointName="host", EndpointConfigName=only_b))["Message"]
    ics.sm.update_endpoint(EndpointName="host", EndpointConfigName=ics.config("host-v2", variants=("A", "B"), count=2))
    assert ics.hosting.wait_status("host", "InService")["EndpointConfigName"] == "host-v2"
    assert ics.describe("on-a")["InferenceComponentStatus"] == "InService"


def test_tags_on_the_component_arn(ics: Components) -> None:
    ics.endpoint("host")
    arn = ics.create("tagged", "host", Tags=[{"Key": "team", "Value": "ml"}])
    assert ics.sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "ml"}]
    ics.sm.add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "ai"}, {"Key": "stack", "Value": "dev"}])
    ics.sm.delete_tags(ResourceArn=arn, TagKeys=["stack"])
    assert ics.sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "ai"}]
    reserved = error_of(lambda: ics.sm.add_tags(ResourceArn=arn, Tags=[{"Key": "aws:x", "Value": "y"}]))
    assert "reserved for AWS use" in reserved["Message"]
    ghost = error_of(lambda: ics.sm.list_tags(ResourceArn=f"{ARN}:inference-component/ghost"))
    assert ghost["Message"] == f'Could not find inference component "{ARN}:inference-component/ghost".'


# -- Application Auto Scaling ---------------------------------------------------------------
def test_copy_counts_scale_through_the_inference_component_dimension(ics: Components) -> None:
    ics.endpoint("host", ManagedInstanceScaling={"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 2})
    ics.in_service("scaled", "host", copies=6)
    resource = "inference-component/scaled"
    ics.emulator.hold(key("scaled"), "capacity")
    ics.hosting.aas.register_scalable_target(
        ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=IC_DIMENSION, MinCapacity=0, MaxCapacity=4
    )
    [target] = ics.hosting.aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert (target["ResourceId"], target["ScalableDimension"], target["MinCapacity"], target["MaxCapacity"]) == (
        resource, IC_DIMENSION, 0, 4
    )
    # Registering moves the copy count into the range, as for a variant's instance count.
    [fitting] = ics.through("scaled", ["capacity"])
    assert ics.copies(fitting) == (4, 6)
    assert ics.copies(ics.wait("scaled", "InService")) == (4, 4)

    ics.hosting.aas.put_scaling_policy(
        PolicyName="per-copy", ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=IC_DIMENSION,
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 5.0,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy"},
        },
    )
    [policy] = ics.hosting.aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
    assert (policy["ResourceId"], policy["ScalableDimension"]) == (resource, IC_DIMENSION)

    scaled = ics.emulator.autoscale_copies("scaled", 0)  # scale to zero
    assert scaled["InferenceComponentStatus"] == "Updating" and scaled["RuntimeConfig"]["DesiredCopyCount"] == 0
    assert ics.copies(ics.wait("scaled", "InService")) == (0, 0)
    with pytest.raises(EmulatorError, match=r"5 is outside the scalable target's range \[0, 4\]"):
        ics.emulator.autoscale_copies("scaled", 5)

    wrong = error_of(lambda: ics.hosting.aas.register_scalable_target(
        ServiceNamespace="sagemaker", ResourceId="endpoint/host/variant/AllTraffic", ScalableDimension=IC_DIMENSION,
        MinCapacity=0, MaxCapacity=1))
    assert wrong["Message"] == "Unsupported service namespace, resource type or scalable dimension"


def test_denied_actions_name_the_component_arn(ics: Components) -> None:
    ics.endpoint("host")
    ics.emulator.configure(deny_actions=["sagemaker:CreateInferenceComponent"])
    denied = error_of(lambda: ics.create("locked", "host"))
    assert denied["Code"] == "AccessDeniedException"
    assert f"sagemaker:CreateInferenceComponent on resource: {ARN}:inference-component/locked" in denied["Message"]
    assert ics.sm.list_inference_components()["InferenceComponents"] == []
    assert ics.emulator.stats()["faults"]["denied"] == 1


def test_specifications_and_last_modified_filters(ics: Components) -> None:
    ics.endpoint("host")
    several = ics.in_service("several", "host", Specifications=[SPEC, SPEC_V2])
    assert "Specification" not in several
    assert [s.get("ModelName") for s in several["Specifications"]] == ["llm", None]
    assert several["Specifications"][1]["Container"]["DeployedImage"]["SpecifiedImage"] == SPEC_V2["Container"]["Image"]
    ics.in_service("single", "host")
    before = ics.describe("single")["LastModifiedTime"]
    ics.sm.update_inference_component_runtime_config(InferenceComponentName="several", DesiredRuntimeConfig={"CopyCount": 3})
    modified = ics.wait("several", "InService")["LastModifiedTime"]
    assert modified > before

    def names(**filters: Any) -> list[str]:
        return sorted(c["InferenceComponentName"] for c in ics.sm.list_inference_components(**filters)["InferenceComponents"])

    # Bounds on whole seconds (botocore may send whole seconds); expectations from the times read back.
    modified_at = {c: ics.describe(c)["LastModifiedTime"] for c in ("several", "single")}
    for bound in {before.replace(microsecond=0), modified.replace(microsecond=0)}:
        assert names(LastModifiedTimeAfter=bound) == sorted(c for c, t in modified_at.items() if t > bound)
        assert names(LastModifiedTimeBefore=bound) == sorted(c for c, t in modified_at.items() if t < bound)
    assert names(LastModifiedTimeAfter=modified.replace(microsecond=0) + timedelta(seconds=1)) == []

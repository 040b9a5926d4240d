"""examples/inference-components: under mocks, the inputs it gives the provider pass its checks and its Application
Auto Scaling resources are where the provider reads a copy count; then its Endpoint and InferenceComponents for real,
through the engine stand-in and the emulator (with what its pulumi_aws resources would have created made there
first), a new model version rolled out in batches while the autoscaler keeps its copy count."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import botocore.session

from engine_standin.program import Registered, capture
from pulumi_sagemaker_endpoint.aws.inference_component.find import DIMENSION, resource_id
from pulumi_sagemaker_endpoint.aws.scaling import NAMESPACE
from pulumi_sagemaker_endpoint.check.inference_component.review import check_inputs
from pulumi_sagemaker_endpoint.check.inference_component.rules import batch_failures
from pulumi_sagemaker_endpoint.check.review import check_inputs as check_endpoint_inputs
from pulumi_sagemaker_endpoint.core.shapes import pascalize
from pulumi_sagemaker_endpoint.face.inference_component.provider import InferenceComponentProvider
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider
from tests.integration.conftest import engine  # noqa: F401 - the stand-in on the session's provider server
from tests.integration.ic_support import key
from tests.integration.support import make_alarm, wait_until

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inference-components"
PROJECT = "sagemaker-inference-components"
ROLE = "arn:aws:iam::123456789012:role/sm"
ENDPOINT = "pulumi-python:dynamic/sagemaker:Endpoint"
COMPONENT = "pulumi-python:dynamic/sagemaker:InferenceComponent"
MODEL = "aws:sagemaker/model:Model"
CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
TARGET = "aws:appautoscaling/target:Target"
POLICY = "aws:appautoscaling/policy:Policy"
BASES = {"chat": "assistant-chat", "embed": "assistant-embed"}


def registered(**config: str) -> list[Registered]:
    return capture(EXAMPLE, PROJECT, "dev", {"executionRoleArn": ROLE, **config})


def of(resources: list[Registered], type_: str) -> dict[str, Registered]:
    """The resources of one type by logical name."""
    return {r.name: r for r in resources if r.type == type_}


def provider_inputs(resource: Registered) -> dict[str, Any]:
    """What the dynamic resource hands its provider: its inputs without the serialized provider and the unset ones."""
    return {k: v for k, v in resource.inputs.items() if k != "__provider" and v is not None}


def checked(resource: Registered) -> dict[str, Any]:
    inputs, failures = check_inputs({}, provider_inputs(resource))
    assert failures == [], (resource.name, failures)
    return inputs


# -- under mocks -------------------------------------------------------------------------------------------------


def test_every_component_passes_the_providers_check_at_every_copy_count_the_autoscaler_may_choose():
    resources = registered()
    components = {name: checked(r) for name, r in of(resources, COMPONENT).items()}
    assert {name: c["name"] for name, c in components.items()} == {**BASES, "chat-support": "assistant-chat-support"}
    alarms = {r.inputs["name"] for r in of(resources, ALARM).values()}
    targets = {r.inputs["resourceId"]: r.inputs for r in of(resources, TARGET).values()}
    for logical, name in BASES.items():
        inputs = components[logical]
        assert inputs["endpointName"] == "assistant" and inputs["runtimeConfig"] == {"copyCount": 2}
        policy = inputs["deploymentConfig"]["rollingUpdatePolicy"]
        assert policy["maximumBatchSize"] == {"type": "CAPACITY_PERCENT", "value": 50}
        assert policy["waitIntervalInSeconds"] < policy["maximumExecutionTimeoutInSeconds"]
        [alarm] = inputs["deploymentConfig"]["autoRollbackConfiguration"]["alarms"]
        assert alarm["alarmName"] == f"{name}-5xx" and alarm["alarmName"] in alarms, "an alarm the program declares"
        target = targets[resource_id(name)]
        low, high = int(target["minCapacity"]), int(target["maxCapacity"])
        assert low <= inputs["runtimeConfig"]["copyCount"] <= high
        for copies in range(low, high + 1):  # the count an update is checked against once the autoscaler owns it
            assert batch_failures(inputs, copies) == [], copies
        one_copy = {"deploymentConfig": {"rollingUpdatePolicy": {
            **policy, "maximumBatchSize": {"type": "COPY_COUNT", "value": 1}}}}
        assert batch_failures(one_copy, low) != [], "why the example gives a percentage: 1 of 1 copy is over 50 %"


def test_the_adapter_names_its_base_and_has_no_model_or_copies_of_its_own():
    components = {name: checked(r) for name, r in of(registered(), COMPONENT).items()}
    adapter = components["chat-support"]
    assert adapter["specification"] == {
        "baseInferenceComponentName": components["chat"]["name"],
        "container": {"artifactUrl": "s3://example-bucket/adapters/support-tone.tar.gz"}}
    assert adapter["endpointName"] == components["chat"]["endpointName"]
    assert "runtimeConfig" not in adapter and "deploymentConfig" not in adapter
    assert {c["specification"]["modelName"].rsplit("-", 1)[0] for c in (components["chat"], components["embed"])} == {
        "chat-v1", "embed"}, "each base component serves its own model"
    members = botocore.session.get_session().get_service_model("sagemaker").shape_for(
        "InferenceComponentSpecification").members
    assert {"BaseInferenceComponentName", "Container"} <= set(members)
    assert "ArtifactUrl" in members["Container"].members


def test_the_copy_counts_are_autoscaled_where_the_provider_reads_them():
    resources = registered()
    targets, policies = of(resources, TARGET), of(resources, POLICY)
    metric_types = botocore.session.get_session().get_service_model("application-autoscaling").shape_for(
        "MetricType").enum
    for logical, name in BASES.items():
        target = targets[f"{logical}-copies"].inputs
        assert (target["serviceNamespace"], target["resourceId"], target["scalableDimension"]) == (
            NAMESPACE, resource_id(name), DIMENSION)
        policy = policies[f"{logical}-invocations"].inputs
        assert (policy["serviceNamespace"], policy["resourceId"], policy["scalableDimension"]) == (
            NAMESPACE, resource_id(name), DIMENSION)
        assert policy["policyType"] == "TargetTrackingScaling"
        metric = policy["targetTrackingScalingPolicyConfiguration"]["predefinedMetricSpecification"]
        assert metric["predefinedMetricType"] == "SageMakerInferenceComponentInvocationsPerCopy" in metric_types


def test_the_endpoint_config_hosts_inference_components():
    resources = registered()
    [config] = of(resources, CONFIG).values()
    assert config.inputs["executionRoleArn"] == ROLE
    [variant] = config.inputs["productionVariants"]
    assert "modelName" not in variant
    scaling = variant["managedInstanceScaling"]
    assert scaling["status"] == "ENABLED" and 0 <= scaling["minInstanceCount"] <= 1 < scaling["maxInstanceCount"]
    assert variant["routingConfigs"] == [{"routingStrategy": "LEAST_OUTSTANDING_REQUESTS"}]
    [endpoint] = of(resources, ENDPOINT).values()
    inputs, failures = check_endpoint_inputs({}, provider_inputs(endpoint))
    assert failures == [] and inputs["name"] == "assistant"
    assert inputs["endpointConfigName"].startswith("assistant-"), "the config's (auto-)name"


def test_a_new_model_version_changes_the_chat_components_model_and_nothing_else_the_provider_manages():
    v1, v2 = registered(), registered(modelVersion="v2")
    before, after = of(v1, COMPONENT), of(v2, COMPONENT)
    assert checked(before["chat"])["specification"]["modelName"].startswith("chat-v1-")
    assert checked(after["chat"])["specification"]["modelName"].startswith("chat-v2-")
    changed = {name for name in before if provider_inputs(before[name]) != provider_inputs(after[name])}
    assert changed == {"chat"}
    assert provider_inputs(of(v1, ENDPOINT)["assistant"]) == provider_inputs(of(v2, ENDPOINT)["assistant"])
    assert set(of(v2, MODEL)) == {"chat-v2", "embed"}


# -- for real, in the emulator -------------------------------------------------------------------------------------


def create_what_pulumi_aws_would(emulator: Any, resources: list[Registered]) -> None:
    """The models the components name, the EndpointConfig the Endpoint names and the rollback alarms, made in the
    emulator from the inputs the program gives the pulumi_aws resources (the names are the mocks' auto-names)."""
    sm = emulator.client("sagemaker")
    existing = {m["ModelName"] for m in sm.list_models()["Models"]}
    models = of(resources, MODEL)
    for component in of(resources, COMPONENT).values():
        name = checked(component)["specification"].get("modelName")
        if name and name not in existing:
            [model] = [m for m in models.values() if name.startswith(f"{m.name}-")]
            sm.create_model(ModelName=name, ExecutionRoleArn=model.inputs["executionRoleArn"],
                            PrimaryContainer=pascalize(model.inputs["primaryContainer"]))
    config_name = of(resources, ENDPOINT)["assistant"].inputs["endpointConfigName"]
    if config_name not in {c["EndpointConfigName"] for c in sm.list_endpoint_configs()["EndpointConfigs"]}:
        [config] = of(resources, CONFIG).values()
        variants = []
        for variant in pascalize(config.inputs["productionVariants"]):
            [routing] = variant.pop("RoutingConfigs")  # pulumi_aws's list of one is the API's RoutingConfig
            variants.append({**variant, "RoutingConfig": routing})
        sm.create_endpoint_config(EndpointConfigName=config_name, ExecutionRoleArn=config.inputs["executionRoleArn"],
                                  ProductionVariants=variants)
    cloudwatch = emulator.client("cloudwatch")
    for alarm in of(resources, ALARM).values():
        make_alarm(cloudwatch, alarm.inputs["name"])


def register_the_scaling(emulator: Any, resources: list[Registered]) -> None:
    """The scalable targets and target-tracking policies, as pulumi_aws registers them once the components exist."""
    aas = emulator.client("application-autoscaling")
    for target in of(resources, TARGET).values():
        aas.register_scalable_target(
            ServiceNamespace=target.inputs["serviceNamespace"], ResourceId=target.inputs["resourceId"],
            ScalableDimension=target.inputs["scalableDimension"], MinCapacity=int(target.inputs["minCapacity"]),
            MaxCapacity=int(target.inputs["maxCapacity"]))
    for policy in of(resources, POLICY).values():
        aas.put_scaling_policy(
            PolicyName=policy.inputs["name"], PolicyType=policy.inputs["policyType"],
            ServiceNamespace=policy.inputs["serviceNamespace"], ResourceId=policy.inputs["resourceId"],
            ScalableDimension=policy.inputs["scalableDimension"],
            TargetTrackingScalingPolicyConfiguration=pascalize(
                policy.inputs["targetTrackingScalingPolicyConfiguration"]))


def up_all(engine: Any, resources: list[Registered]) -> dict[str, Any]:
    """`pulumi up` of the provider's resources in the order their dependencies give: endpoint, bases, adapter."""
    results = {"assistant": engine.up("assistant", provider_inputs(of(resources, ENDPOINT)["assistant"]),
                                      EndpointProvider(), type_token=ENDPOINT)}
    components = of(resources, COMPONENT)
    for name in ("chat", "embed", "chat-support"):
        results[name] = engine.up(name, provider_inputs(components[name]), InferenceComponentProvider(),
                                  type_token=COMPONENT)
    return results


def test_the_example_runs_and_a_new_model_rolls_out_in_batches_while_the_autoscaler_keeps_its_copies(
        engine, emulator):  # noqa: F811 - the fixture imported above
    sm = emulator.client("sagemaker")
    v1 = registered()
    create_what_pulumi_aws_would(emulator, v1)
    created = up_all(engine, v1)
    assert {name: result.op for name, result in created.items()} == {
        "assistant": "create", "chat": "create", "embed": "create", "chat-support": "create"}
    [variant] = sm.describe_endpoint(EndpointName="assistant")["ProductionVariants"]
    assert variant["ManagedInstanceScaling"]["Status"] == "ENABLED"
    assert variant["RoutingConfig"] == {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"}
    adapter = sm.describe_inference_component(InferenceComponentName="assistant-chat-support")
    assert adapter["InferenceComponentStatus"] == "InService"
    assert adapter["Specification"]["BaseInferenceComponentName"] == "assistant-chat"
    hosted = engine.refresh("assistant").outputs["hostedInferenceComponents"]
    assert sorted(c["name"] for c in hosted) == ["assistant-chat", "assistant-chat-support", "assistant-embed"]

    register_the_scaling(emulator, v1)
    emulator.autoscale_copies("assistant-chat", 4)  # traffic grew: the autoscaler runs 4 copies
    wait_until(lambda: sm.describe_inference_component(InferenceComponentName="assistant-chat")[
        "InferenceComponentStatus"] == "InService", "the autoscaler's 4 copies")

    v2 = registered(modelVersion="v2")
    create_what_pulumi_aws_would(emulator, v2)
    chat = checked(of(v2, COMPONENT)["chat"])
    planned = engine.preview("chat", provider_inputs(of(v2, COMPONENT)["chat"]), InferenceComponentProvider(),
                             type_token=COMPONENT)
    assert planned.op == "update"
    assert planned.inputs["rolloutPlan"] == (
        "new specification: ROLLING batches of 50 %, wait 300 s between batches, roll back in batches of 100 %; roll "
        "back on alarms assistant-chat-5xx; give up after 3600 s; the copy count is Application Auto Scaling's "
        "(scalable target 1-4 copies): runtime_config.copy_count is not applied and refresh leaves the autoscaler's "
        "count alone")
    updated = up_all(engine, v2)
    assert {name: result.op for name, result in updated.items()} == {
        "assistant": "same", "chat": "update", "embed": "same", "chat-support": "same"}
    phases = [e["message"] for e in emulator.events(key("assistant-chat")) if e["rollout"] == "update"]
    assert [m for m in phases if m.startswith("Baking")] == [
        "Baking batch 1 of 2 (2 copy(ies)).", "Baking batch 2 of 2 (2 copy(ies))."]
    live = sm.describe_inference_component(InferenceComponentName="assistant-chat")
    assert live["Specification"]["ModelName"] == chat["specification"]["modelName"]
    assert live["LastDeploymentConfig"] == pascalize(chat["deploymentConfig"])
    assert live["RuntimeConfig"]["DesiredCopyCount"] == 4, "the program's copy_count 2 was not sent"
    assert updated["chat"].outputs["autoscaled"] == "1-4" and updated["chat"].outputs["desiredCopyCount"] == 4
    assert sm.describe_inference_component(InferenceComponentName="assistant-chat-support")[
        "InferenceComponentStatus"] == "InService", "the adapter stays on its base through the rollout"

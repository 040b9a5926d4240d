"""Live capacity, weights and counts in place, the deployment guardrails exclusions, the rules at create and the
last outcome in the plan, through the SDK's dynamic provider server on the emulator."""
from __future__ import annotations

from typing import Any

import pytest

from pulumi_sagemaker_endpoint.check.outcome_record import when
from pulumi_sagemaker_endpoint.core.owner import OUTCOME_TAG
from tests.harness import CheckFailed, ProviderError

from .support import PROVIDER, TYPE, calls, make_alarm, preview, props, tags_of, up, provider_output

ROLE = "arn:aws:iam::123456789012:role/sagemaker"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:latest"
PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/vendor-model/1"
ALARM = "p99-latency"
CANARY = {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 300,
                                      "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
    "maximum_execution_timeout_in_seconds": 3600},
    "auto_rollback_configuration": {"alarms": [{"alarm_name": ALARM}]}}
ROLLING = {"rolling_update_policy": {"maximum_batch_size": {"type": "INSTANCE_COUNT", "value": 1},
                                     "wait_interval_in_seconds": 60}}


def model(sm: Any, name: str, container: dict | None = None) -> str:
    try:
        sm.create_model(ModelName=name, ExecutionRoleArn=ROLE, PrimaryContainer=container or {"Image": IMAGE})
    except sm.exceptions.ClientError:
        pass  # shared by several configs
    return name


def config(sm: Any, name: str, variants: tuple[str, ...] = ("a", "b"), count: int = 2, instance: str = "ml.m5.large",
           model_name: str = "model-x") -> str:
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[
        {"VariantName": variant, "ModelName": model(sm, model_name), "InitialInstanceCount": count,
         "InstanceType": instance, "InitialVariantWeight": 1.0} for variant in variants])
    return name


def serverless(sm: Any, name: str) -> str:
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[
        {"VariantName": "AllTraffic", "ModelName": model(sm, "model-x"),
         "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}])
    return name


@pytest.fixture
def sm(emulator):
    client = emulator.client("sagemaker")
    config(client, "two-v1")
    config(client, "two-v2", model_name="model-y")
    make_alarm(emulator.client("cloudwatch"), ALARM)
    return client


def live(sm: Any, name: str) -> dict[str, dict[str, Any]]:
    return {v["VariantName"]: v for v in sm.describe_endpoint(EndpointName=name)["ProductionVariants"]}


def operations(emulator: Any, since: float) -> list[str]:
    return [r["operation"] for r in emulator.requests(since) if r["service"] == "sagemaker"
            and r["operation"] not in ("DescribeEndpoint", "ListEndpoints", "DescribeEndpointConfig", "ListTags",
                                       "DescribeModel")]


def now(emulator: Any) -> float:
    log = emulator.requests()
    return log[-1]["t"] if log else 0.0


def variant(outputs: dict, name: str) -> dict[str, Any]:
    return next(v for v in outputs["productionVariants"] if v["variantName"] == name)


# ---- live capacity, weights and counts in place ----------------------------------------------------------------

def test_a_create_sets_weights_and_counts_in_place(engine, sm, emulator):
    wanted = dict(endpointConfigName="two-v1", variantWeights={"a": 3, "b": 1}, desiredInstanceCounts={"a": 4})
    planned = preview(engine, **wanted)
    assert planned.inputs["rolloutPlan"] == "create with two-v1; then in place: weights a 1 -> 3; instances a 2 -> 4"
    created = up(engine, **wanted)
    a, b = live(sm, created.id)["a"], live(sm, created.id)["b"]
    assert (a["CurrentWeight"], a["CurrentInstanceCount"], b["CurrentWeight"], b["CurrentInstanceCount"]) == (
        3.0, 4, 1.0, 2)
    assert variant(created.outputs, "a") == {
        "variantName": "a", "modelName": "model-x", "instanceType": "ml.m5.large", "currentInstanceCount": 4,
        "desiredInstanceCount": 4, "currentWeight": 3.0, "desiredWeight": 3.0}
    sent = [r for r in emulator.requests() if r["operation"] == "UpdateEndpointWeightsAndCapacities"]
    assert [r["status"] for r in sent] == [200], "one request: both weights and the one count"


def test_a_weight_change_is_in_place_with_no_new_fleet(engine, sm, emulator):
    name = up(engine, endpointConfigName="two-v1").id
    planned = preview(engine, endpointConfigName="two-v1", variantWeights={"a": 2})
    assert planned.op == "update" and set(planned.changed_keys) == {"variantWeights", "rolloutPlan"}
    assert planned.inputs["rolloutPlan"] == "no rollout: two-v1 stays live; in place: weights a 1 -> 2"
    since = now(emulator)
    updated = up(engine, endpointConfigName="two-v1", variantWeights={"a": 2})
    assert operations(emulator, since) == ["UpdateEndpointWeightsAndCapacities"], "no UpdateEndpoint, no new config"
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "two-v1"
    assert variant(updated.outputs, "a")["currentWeight"] == 2.0
    assert live(sm, name)["a"]["CurrentInstanceCount"] == 2, "the same fleet"


def test_counts_change_one_variant_per_request(engine, sm, emulator):
    name = up(engine, endpointConfigName="two-v1").id
    planned = preview(engine, endpointConfigName="two-v1", desiredInstanceCounts={"a": 3, "b": 1})
    assert planned.inputs["rolloutPlan"] == "no rollout: two-v1 stays live; in place: instances a 2 -> 3, b 2 -> 1"
    since = now(emulator)
    updated = up(engine, endpointConfigName="two-v1", desiredInstanceCounts={"a": 3, "b": 1})
    assert operations(emulator, since) == ["UpdateEndpointWeightsAndCapacities"] * 2
    assert {v: (s["CurrentInstanceCount"], s["DesiredInstanceCount"]) for v, s in live(sm, name).items()} == {
        "a": (3, 3), "b": (1, 1)}
    assert [(v["currentInstanceCount"], v["desiredInstanceCount"]) for v in updated.outputs["productionVariants"]] \
        == [(3, 3), (1, 1)]


def test_weights_are_applied_again_after_a_rollout(engine, sm, emulator):
    name = up(engine, endpointConfigName="two-v1", variantWeights={"a": 3}).id
    planned = preview(engine, endpointConfigName="two-v2", variantWeights={"a": 3})
    assert planned.inputs["rolloutPlan"] == (
        "two-v1 -> two-v2: blue/green ALL_AT_ONCE (SageMaker's default); no rollback alarms; "
        "then in place: weights a 1 -> 3")
    since = now(emulator)
    updated = up(engine, endpointConfigName="two-v2", variantWeights={"a": 3})
    assert operations(emulator, since) == ["UpdateEndpoint", "UpdateEndpointWeightsAndCapacities"]
    assert live(sm, name)["a"]["CurrentWeight"] == 3.0, "the rollout reset it to the config's 1; set again"
    assert variant(updated.outputs, "a")["desiredWeight"] == 3.0


def test_refresh_after_autoscaling_changes_outputs_only(engine, sm, emulator):
    program = dict(endpointConfigName="two-v1", variantWeights={"a": 2})
    name = up(engine, **program).id
    emulator.client("application-autoscaling").register_scalable_target(
        ServiceNamespace="sagemaker", ResourceId=f"endpoint/{name}/variant/b",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount", MinCapacity=1, MaxCapacity=6)
    emulator.autoscale(name, "b", 5)
    sm.get_waiter("endpoint_in_service").wait(EndpointName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    before = engine.state("inference").inputs

    refreshed = engine.refresh("inference")
    assert (variant(refreshed.outputs, "b")["currentInstanceCount"],
            variant(refreshed.outputs, "b")["desiredInstanceCount"]) == (5, 5)
    assert refreshed.inputs == before, "the autoscaler's count is an output, never an input"
    since = now(emulator)
    again = preview(engine, **program)
    assert again.op == "same" and again.changed_keys == ()
    assert up(engine, **program).op == "same"
    assert operations(emulator, since) == [] and live(sm, name)["b"]["CurrentInstanceCount"] == 5


# ---- refusals at preview --------------------------------------------------------------------------------------

def refused(engine: Any, emulator: Any, **inputs: Any) -> list[str]:
    with pytest.raises(CheckFailed) as failed:
        preview(engine, **inputs)
    assert calls(emulator, "UpdateEndpoint") == 0
    assert calls(emulator, "UpdateEndpointWeightsAndCapacities") == 0
    return [path for path, _ in failed.value.failures]


def test_a_variant_the_config_lacks_is_refused(engine, sm, emulator):
    assert refused(engine, emulator, endpointConfigName="two-v1", variantWeights={"c": 1}) == ["variantWeights.c"]
    up(engine, endpointConfigName="two-v1")
    assert refused(engine, emulator, endpointConfigName="two-v1", desiredInstanceCounts={"a": 3, "zz": 1}) == [
        "desiredInstanceCounts.zz"]


def test_a_count_for_a_serverless_variant_is_refused(engine, sm, emulator):
    serverless(sm, "sls-v1")
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpointConfigName="sls-v1", desiredInstanceCounts={"AllTraffic": 2})
    [(path, reason)] = failed.value.failures
    assert path == "desiredInstanceCounts.AllTraffic" and "serverless" in reason


@pytest.mark.parametrize("policy", [CANARY, ROLLING], ids=["blue-green", "rolling"])
def test_guardrails_refuse_new_variant_names(engine, sm, emulator, policy):
    config(sm, "renamed", variants=("blue",), count=4)
    config(sm, "one-v1", variants=("a",), count=4)
    up(engine, endpointConfigName="one-v1")
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpointConfigName="renamed", deploymentConfig=policy)
    [(path, reason)] = failed.value.failures
    assert path == "deploymentConfig"
    assert "keep the variant names of the live config one-v1 (a), but it has blue" in reason
    assert calls(emulator, "UpdateEndpoint") == 0


def test_rolling_is_refused_for_multi_variant_and_serverless_endpoints(engine, sm, emulator):
    up(engine, endpointConfigName="two-v1")
    assert refused(engine, emulator, endpointConfigName="two-v2", deploymentConfig=ROLLING) == [
        "deploymentConfig.rollingUpdatePolicy"]
    serverless(sm, "sls-v1")
    serverless(sm, "sls-v2")
    up(engine, "serverless", endpointConfigName="sls-v1")
    with pytest.raises(CheckFailed) as failed:
        engine.preview("serverless", props("serverless", endpointConfigName="sls-v2", deploymentConfig=ROLLING),
                       PROVIDER, type_token=TYPE)
    [(path, reason)] = failed.value.failures
    assert path == "deploymentConfig.rollingUpdatePolicy" and "is serverless" in reason


# ---- the fallback of the exclusions, the rules at create ---------------------------------------------------------

@pytest.mark.parametrize("fleet, reason", [
    ({"instance": "ml.inf1.xlarge"}, "endpoints that use Inf1 instances"),
    ({"model_name": "vendor"}, "AWS Marketplace containers"),
], ids=["inf1", "marketplace"])
def test_the_plan_says_sagemaker_falls_back_to_all_at_once(engine, sm, emulator, fleet, reason):
    model(sm, "vendor", {"ModelPackageName": PACKAGE})
    config(sm, "ex-v1", variants=("a",), count=4, instance=fleet.get("instance", "ml.m5.large"))
    config(sm, "ex-v2", variants=("a",), count=4, **fleet)
    up(engine, endpointConfigName="ex-v1")
    planned = preview(engine, endpointConfigName="ex-v2", deploymentConfig=CANARY)
    assert planned.inputs["rolloutPlan"] == (
        f"ex-v1 -> ex-v2: ALL_AT_ONCE with no baking period: deployment guardrails do not support {reason}, so "
        f"SageMaker falls back to it and watches no rollback alarms")
    assert f"deployment guardrails do not support {reason}: SageMaker deploys ex-v2 all at once" in (
        provider_output(engine))


def test_size_rules_apply_at_create(engine, sm, emulator):
    too_big = {**CANARY, "blue_green_update_policy": {**CANARY["blue_green_update_policy"], "traffic_routing_configuration": {
        "type": "CANARY", "wait_interval_in_seconds": 300, "canary_size": {"type": "INSTANCE_COUNT", "value": 2}}}}
    with pytest.raises(CheckFailed) as failed:
        preview(engine, endpointConfigName="two-v1", deploymentConfig=too_big)
    [(path, reason)] = failed.value.failures
    assert path == "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize"
    assert "2 of the 2 instances of variant a in endpoint config two-v1" in reason
    with pytest.raises(CheckFailed):
        up(engine, endpointConfigName="two-v1", deploymentConfig=too_big)
    assert calls(emulator, "CreateEndpoint") == 0


def test_a_missing_alarm_at_create_is_a_warning(engine, sm, emulator):
    policy = {**CANARY, "auto_rollback_configuration": {"alarms": [{"alarm_name": "made-later"}]}}
    planned = preview(engine, endpointConfigName="two-v1", deploymentConfig=policy)
    assert planned.op == "create" and planned.inputs["rolloutPlan"] == "create with two-v1"
    assert "warning: endpoint inference-" in provider_output(engine)
    assert "names the CloudWatch alarm 'made-later', which does not exist" in provider_output(engine)


# ---- the last outcome ------------------------------------------------------------------------------------------

def test_the_plan_says_the_last_deployment_was_rolled_back(engine, sm, emulator):
    config(sm, "one-v1", variants=("a",), count=4)
    config(sm, "one-v2", variants=("a",), count=4, model_name="model-y")
    name = up(engine, endpointConfigName="one-v1", deploymentConfig=CANARY).id
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.set_alarm_state(AlarmName=ALARM, StateValue="ALARM", StateReason="slow")  # the first bake rolls back
    with pytest.raises(ProviderError) as failed:
        up(engine, endpointConfigName="one-v2", deploymentConfig=CANARY)
    assert "rolled back because CloudWatch alarm(s) p99-latency went into ALARM" in failed.value.details
    at = when(sm.describe_endpoint(EndpointName=name)["LastModifiedTime"])

    planned = preview(engine, endpointConfigName="one-v2", deploymentConfig=CANARY)
    assert planned.inputs["rolloutPlan"].endswith(
        f"; the last deployment of one-v2 was rolled back by alarm p99-latency at {at}; this run deploys one-v2 again")
    assert OUTCOME_TAG not in engine.refresh("inference").inputs.get("tags", {}), "the record is not a program tag"

    cloudwatch.set_alarm_state(AlarmName=ALARM, StateValue="OK", StateReason="recovered")
    assert up(engine, endpointConfigName="one-v2", deploymentConfig=CANARY).outputs["endpointConfigName"] == "one-v2"
    assert OUTCOME_TAG not in tags_of(sm, name), "a rollout that went live clears the record"


def test_the_plan_says_the_last_deployment_did_not_go_live(engine, sm, emulator):
    name = up(engine, endpointConfigName="two-v1").id
    emulator.configure(fail_update={name: "Image for production variant a could not be pulled."})
    with pytest.raises(ProviderError):
        up(engine, endpointConfigName="two-v2")
    emulator.configure(fail_update={})
    at = when(sm.describe_endpoint(EndpointName=name)["LastModifiedTime"])
    config(sm, "two-v3")
    planned = preview(engine, endpointConfigName="two-v3")
    assert planned.inputs["rolloutPlan"].endswith(
        f"; the last deployment of two-v2 did not go live at {at} (Image for production variant a could not be "
        f"pulled); this run deploys two-v3 instead")

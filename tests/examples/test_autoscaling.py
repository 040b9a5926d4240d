"""examples/autoscaling under mocks: the endpoint keeps its capacity (retain) and reapplies its scaling setup on an
instance-type change, and the program's Target and Policy name the variant the provider puts the setup back on."""
from __future__ import annotations

from pathlib import Path

from engine_standin.program import capture
from pulumi_sagemaker_endpoint.aws.scaling import DIMENSION, NAMESPACE, resource_id
from pulumi_sagemaker_endpoint.check.review import check_inputs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "autoscaling"
CONFIG = {"executionRoleArn": "arn:aws:iam::123456789012:role/sm"}


def registered(**config: str) -> dict[str, object]:
    resources = capture(EXAMPLE, "sagemaker-autoscaling", "dev", {**CONFIG, **config})
    return {r.type: r for r in resources}


def test_the_endpoint_keeps_its_capacity_and_reapplies_its_scaling_setup():
    found = registered(instanceType="ml.c5.2xlarge")
    inputs, failures = check_inputs({}, found["pulumi-python:dynamic/sagemaker:Endpoint"].inputs)
    assert failures == []
    assert inputs["retainAllVariantProperties"] is True and inputs["autoscaling"] == "reapply"
    routing = inputs["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]
    assert routing["type"] == "CANARY"
    [variant] = found["aws:sagemaker/endpointConfiguration:EndpointConfiguration"].inputs["productionVariants"]
    assert variant["instanceType"] == "ml.c5.2xlarge"


def test_the_target_and_policy_are_where_the_provider_puts_them_back():
    found = registered()
    target = found["aws:appautoscaling/target:Target"].inputs
    assert (target["serviceNamespace"], target["scalableDimension"]) == (NAMESPACE, DIMENSION)
    assert target["resourceId"] == resource_id("ranker", "primary")
    policy = found["aws:appautoscaling/policy:Policy"].inputs
    assert policy["name"] == "ranker-invocations" and policy["resourceId"] == target["resourceId"]
    assert policy["policyType"] == "TargetTrackingScaling"

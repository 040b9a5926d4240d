"""Application Auto Scaling on the same port (moto's backend), and what SageMaker does about autoscaled variants."""

from __future__ import annotations

from typing import Any

import pytest

from sagemaker_emulator import EmulatorError

from .conftest import Hosting, error_of, statuses

ARN = "arn:aws:sagemaker:us-east-1:123456789012"
DIMENSION = "sagemaker:variant:DesiredInstanceCount"
POLICY = {
    "TargetValue": 70.0,
    "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
}


def register(hosting: Hosting, endpoint: str, low: int = 1, high: int = 6, variant: str = "AllTraffic", **extra: Any) -> str:
    resource = f"endpoint/{endpoint}/variant/{variant}"
    hosting.aas.register_scalable_target(
        ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION, MinCapacity=low,
        MaxCapacity=high, **extra,
    )
    return resource


def live(described: dict[str, Any], variant: str = "AllTraffic") -> dict[str, Any]:
    return next(v for v in described["ProductionVariants"] if v["VariantName"] == variant)


def test_scalable_targets_and_policies_through_boto3(hosting: Hosting) -> None:
    hosting.endpoint("scaled", count=2)
    resource = register(hosting, "scaled")
    [target] = hosting.aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert (target["ResourceId"], target["ScalableDimension"], target["MinCapacity"], target["MaxCapacity"]) == (
        resource, DIMENSION, 1, 6
    )
    policy = dict(
        PolicyName="invocations", ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION
    )
    hosting.aas.put_scaling_policy(
        **policy, PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=POLICY
    )
    [described] = hosting.aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
    assert described["PolicyName"] == "invocations" and described["PolicyType"] == "TargetTrackingScaling"
    hosting.aas.delete_scaling_policy(**policy)
    assert hosting.aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"] == []
    hosting.aas.deregister_scalable_target(ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION)
    assert hosting.aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"] == []

    log = [r for r in hosting.emulator.requests() if r["service"] == "application-autoscaling"]
    assert [r["operation"] for r in log] == [
        "RegisterScalableTarget", "DescribeScalableTargets", "PutScalingPolicy", "DescribeScalingPolicies",
        "DeleteScalingPolicy", "DescribeScalingPolicies", "DeregisterScalableTarget", "DescribeScalableTargets",
    ]
    assert log[0]["endpoint"] == "scaled"
    assert hosting.emulator.stats()["calls"]["RegisterScalableTarget"] == 1


def test_registration_rules(hosting: Hosting) -> None:
    resource = "endpoint/ruled/variant/AllTraffic"
    error = error_of(
        lambda: hosting.aas.register_scalable_target(
            ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION, MaxCapacity=3
        )
    )
    assert error["Code"] == "ValidationException" and "MinCapacity and MaxCapacity are required" in error["Message"]
    error = error_of(lambda: register(hosting, "ruled", low=4, high=2))
    assert error["Message"] == "Minimum capacity cannot be greater than maximum capacity."
    error = error_of(
        lambda: hosting.aas.register_scalable_target(
            ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension="sagemaker:variant:Nope",
            MinCapacity=1, MaxCapacity=2,
        )
    )
    assert "'scalableDimension' failed to satisfy constraint: Member must satisfy enum value set" in error["Message"]


def test_registering_fits_the_capacity_into_the_range(hosting: Hosting) -> None:
    hosting.endpoint("fitted", count=2)
    hosting.emulator.hold("fitted", "capacity")
    register(hosting, "fitted", low=3, high=6)
    [updating] = hosting.through("fitted", ["capacity"])
    assert updating["EndpointStatus"] == "Updating"
    assert (live(updating)["CurrentInstanceCount"], live(updating)["DesiredInstanceCount"]) == (2, 3)
    assert live(hosting.wait_status("fitted", "InService"))["CurrentInstanceCount"] == 3
    register(hosting, "fitted", low=1, high=6)  # already inside: nothing to do
    assert hosting.status("fitted") == "InService"


def test_the_autoscaler_scales_out_within_the_target(hosting: Hosting) -> None:
    hosting.endpoint("busy", count=2)
    register(hosting, "busy", low=1, high=6)
    hosting.emulator.hold("busy", "capacity")
    answered = hosting.emulator.autoscale("busy", "AllTraffic", 5)
    assert answered["EndpointStatus"] == "Updating"
    [updating] = hosting.through("busy", ["capacity"])
    assert (live(updating)["CurrentInstanceCount"], live(updating)["DesiredInstanceCount"]) == (2, 5)
    assert live(updating)["VariantStatus"][0]["Status"] == "Updating"
    seen = [updating] + hosting.watch("busy", until={"InService"})
    assert statuses(seen) == ["Updating", "InService"]
    assert (live(seen[-1])["CurrentInstanceCount"], live(seen[-1])["DesiredInstanceCount"]) == (5, 5)

    with pytest.raises(EmulatorError, match=r"outside the scalable target's range \[1, 6\]"):
        hosting.emulator.autoscale("busy", "AllTraffic", 7)
    with pytest.raises(EmulatorError, match="no scalable target is registered for endpoint/busy/variant/Other"):
        hosting.emulator.autoscale("busy", "Other", 2)
    register(hosting, "busy", SuspendedState={"DynamicScalingInSuspended": True})
    with pytest.raises(EmulatorError, match="DynamicScalingInSuspended"):
        hosting.emulator.autoscale("busy", "AllTraffic", 3)


def test_update_keeps_or_resets_the_scaled_out_count(hosting: Hosting) -> None:
    hosting.endpoint("grown", count=2)
    register(hosting, "grown")
    hosting.emulator.autoscale("grown", "AllTraffic", 5)
    hosting.wait_status("grown", "InService")
    # A new model on the same instance type is allowed for an autoscaled variant.
    hosting.sm.update_endpoint(
        EndpointName="grown", EndpointConfigName=hosting.config("grown-v2", count=2, model="model-v2"),
        RetainAllVariantProperties=True,
    )
    assert live(hosting.wait_status("grown", "InService"))["CurrentInstanceCount"] == 5
    hosting.sm.update_endpoint(EndpointName="grown", EndpointConfigName=hosting.config("grown-v3", count=2))
    assert live(hosting.wait_status("grown", "InService"))["CurrentInstanceCount"] == 2


def test_update_may_not_retype_or_remove_an_autoscaled_variant(hosting: Hosting) -> None:
    hosting.config("pair-cfg", count=2, variants=("A", "B"))
    hosting.endpoint("pair", config="pair-cfg")
    register(hosting, "pair", variant="A")
    hosting.config("pair-retyped", count=2, variants=("A", "B"), instance_type="ml.c5.xlarge")
    error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="pair", EndpointConfigName="pair-retyped"))
    assert error["Code"] == "ValidationException"
    assert error["Message"] == (
        f'The production variant(s) [A] of endpoint "{ARN}:endpoint/pair" are registered as Application Auto '
        "Scaling scalable targets and cannot have their instance type changed by UpdateEndpoint. Delete their "
        "scaling policies and deregister them with DeregisterScalableTarget before updating the endpoint, then "
        "register them again."
    )
    hosting.config("pair-without-a", count=2, variants=("B",))
    error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="pair", EndpointConfigName="pair-without-a"))
    assert "[A]" in error["Message"] and "cannot be removed" in error["Message"]
    assert hosting.status("pair") == "InService"
    # B is not autoscaled: it may go.
    hosting.config("pair-without-b", count=2, variants=("A",))
    hosting.sm.update_endpoint(EndpointName="pair", EndpointConfigName="pair-without-b")
    assert hosting.wait_status("pair", "InService")["EndpointConfigName"] == "pair-without-b"


def test_delete_deregisters_the_targets_unless_it_may_not(hosting: Hosting) -> None:
    hosting.endpoint("doomed", count=2)
    resource = register(hosting, "doomed")
    hosting.aas.put_scaling_policy(
        PolicyName="p", ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION,
        PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=POLICY,
    )
    hosting.emulator.configure(deny_actions=["application-autoscaling:DeregisterScalableTarget"])
    error = error_of(lambda: hosting.sm.delete_endpoint(EndpointName="doomed"))
    assert (error["Code"], error["Message"]) == (
        "ValidationException",
        "An Application AutoScaling scalable target exists for a variant being deleted, and the IAM identity used "
        "to invoke DeleteEndpoint does not have application-autoscaling:DeregisterScalableTarget permission to "
        "deregister the scalable target.",
    )
    assert hosting.status("doomed") == "InService"
    denied = error_of(
        lambda: hosting.aas.deregister_scalable_target(
            ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION
        )
    )
    assert denied["Code"] == "AccessDeniedException"
    hosting.emulator.configure(deny_actions=[])
    hosting.sm.delete_endpoint(EndpointName="doomed")
    assert hosting.aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"] == []
    assert hosting.aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"] == []


def test_denied_actions_apply_to_application_auto_scaling(hosting: Hosting) -> None:
    hosting.emulator.configure(deny_actions=["application-autoscaling:*"])
    error = error_of(lambda: hosting.aas.describe_scalable_targets(ServiceNamespace="sagemaker"))
    assert error["Code"] == "AccessDeniedException"
    assert error["Message"] == (
        "User: arn:aws:sts::123456789012:assumed-role/SageMakerEmulatorRole/emulator-session is not authorized to "
        "perform: application-autoscaling:DescribeScalableTargets because no identity-based policy allows the "
        "application-autoscaling:DescribeScalableTargets action"
    )
    assert hosting.sm.list_endpoints()["Endpoints"] == []  # SageMaker is not denied
    assert hosting.emulator.stats()["faults"]["denied"] == 1

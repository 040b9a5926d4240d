"""Autoscaled variants in the emulator, set up and read back with the test's own boto3 clients: a scalable target
with a target-tracking policy and a scheduled action, as a program's pulumi_aws appautoscaling resources make."""
from __future__ import annotations

import time
from typing import Any

from pulumi_sagemaker_endpoint.aws.scaling import is_record_key

DIMENSION = "sagemaker:variant:DesiredInstanceCount"
POLICY = "invocations"
ACTION = "nightly"
TRACKING = {"TargetValue": 70.0, "ScaleInCooldown": 300, "ScaleOutCooldown": 60,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}}


def keys(endpoint: str, variant: str = "primary") -> dict[str, str]:
    return {"ServiceNamespace": "sagemaker", "ResourceId": f"endpoint/{endpoint}/variant/{variant}",
            "ScalableDimension": DIMENSION}


def scale(aas: Any, endpoint: str, variant: str = "primary", low: int = 1, high: int = 6) -> None:
    """Register the variant as a scalable target with a target-tracking policy and a scheduled action."""
    aas.register_scalable_target(**keys(endpoint, variant), MinCapacity=low, MaxCapacity=high,
                                 SuspendedState={"DynamicScalingInSuspended": False})
    aas.put_scaling_policy(**keys(endpoint, variant), PolicyName=POLICY, PolicyType="TargetTrackingScaling",
                           TargetTrackingScalingPolicyConfiguration=TRACKING)
    aas.put_scheduled_action(**keys(endpoint, variant), ScheduledActionName=ACTION, Schedule="cron(0 2 * * ? *)",
                             ScalableTargetAction={"MinCapacity": low, "MaxCapacity": high})


def setup_of(aas: Any, endpoint: str, variant: str = "primary") -> dict[str, Any] | None:
    """The variant's scaling setup as the program declared it (None: not registered)."""
    found = aas.describe_scalable_targets(ServiceNamespace="sagemaker", ResourceIds=[keys(endpoint, variant)[
        "ResourceId"]], ScalableDimension=DIMENSION)["ScalableTargets"]
    if not found:
        return None
    [target] = found
    policies = aas.describe_scaling_policies(**keys(endpoint, variant))["ScalingPolicies"]
    actions = aas.describe_scheduled_actions(**keys(endpoint, variant))["ScheduledActions"]
    return {"range": (target["MinCapacity"], target["MaxCapacity"]), "suspended": target.get("SuspendedState"),
            "policies": {p["PolicyName"]: (p["PolicyType"], p.get("TargetTrackingScalingPolicyConfiguration"))
                         for p in policies},
            "actions": {a["ScheduledActionName"]: (a["Schedule"], a["ScalableTargetAction"]) for a in actions}}


def record_keys(sm: Any, endpoint: str) -> list[str]:
    arn = sm.describe_endpoint(EndpointName=endpoint)["EndpointArn"]
    return sorted(t["Key"] for t in sm.list_tags(ResourceArn=arn)["Tags"] if is_record_key(t["Key"]))


def variant(sm: Any, endpoint: str, name: str = "primary") -> dict[str, Any]:
    return next(v for v in sm.describe_endpoint(EndpointName=endpoint)["ProductionVariants"]
                if v["VariantName"] == name)


def in_service(sm: Any, endpoint: str, deadline: float = 60.0) -> dict[str, Any]:
    end = time.monotonic() + deadline
    while True:
        described = sm.describe_endpoint(EndpointName=endpoint)
        if described["EndpointStatus"] == "InService":
            return described
        if time.monotonic() > end:
            raise AssertionError(f"{endpoint} is still {described['EndpointStatus']}")
        time.sleep(0.05)


def autoscaled_to(emulator: Any, sm: Any, endpoint: str, count: int, name: str = "primary") -> None:
    """Play the autoscaler: scale the variant to `count` and wait until it is there."""
    emulator.autoscale(endpoint, name, count)
    in_service(sm, endpoint)
    assert variant(sm, endpoint, name)["CurrentInstanceCount"] == count

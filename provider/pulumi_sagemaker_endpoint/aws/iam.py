"""The least-privilege IAM policy: exactly the calls this provider makes, and what AWS checks on the caller's behalf
when the provider puts an endpoint's scaling setup back (from AWS's documentation, not from any request log)."""
from __future__ import annotations

import json
from typing import Any

from .scaling import READS, SERVICE, WRITES

ENDPOINT = "arn:aws:sagemaker:*:*:endpoint/*"
ENDPOINT_CONFIG = "arn:aws:sagemaker:*:*:endpoint-config/*"
MODEL = "arn:aws:sagemaker:*:*:model/*"
INFERENCE_COMPONENT = "arn:aws:sagemaker:*:*:inference-component/*"

# (Sid, actions, resources): each action is one the provider calls, grouped by what it may touch.
STATEMENTS: list[tuple[str, list[str], list[str]]] = [
    ("ManageEndpoints", ["sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DeleteEndpoint",
                         "sagemaker:DescribeEndpoint", "sagemaker:AddTags", "sagemaker:DeleteTags",
                         "sagemaker:ListTags", "sagemaker:UpdateEndpointWeightsAndCapacities"], [ENDPOINT]),
    ("UseEndpointConfigs", ["sagemaker:DescribeEndpointConfig", "sagemaker:CreateEndpoint",
                            "sagemaker:UpdateEndpoint"], [ENDPOINT_CONFIG]),
    ("ReadModels", ["sagemaker:DescribeModel"], [MODEL]),  # a Marketplace container changes how SageMaker deploys
    # InferenceComponent's calls, and an Endpoint's own on the components it hosts (listed in its outputs, deleted
    # before it); tags go on the component's ARN.
    ("ManageInferenceComponents", ["sagemaker:CreateInferenceComponent", "sagemaker:DescribeInferenceComponent",
                                   "sagemaker:UpdateInferenceComponent", "sagemaker:DeleteInferenceComponent",
                                   "sagemaker:AddTags", "sagemaker:DeleteTags", "sagemaker:ListTags"],
     [INFERENCE_COMPONENT]),
    # List calls take no resource-level permissions (SageMaker's "API Permissions" reference).
    ("WatchEndpointStatus", ["sagemaker:ListEndpoints", "sagemaker:ListInferenceComponents"], ["*"]),
    ("ReadRollbackAlarms", ["cloudwatch:DescribeAlarms"], ["arn:aws:cloudwatch:*:*:alarm:*"]),
    # Reads and reapplies of the variants' scaling setup. DeleteEndpoint also needs DeregisterScalableTarget for an
    # autoscaled endpoint ("Delete endpoints configured for auto scaling"). Scalable-target ARNs carry a generated
    # ID, not the endpoint's name, so no narrower resource names them.
    ("KeepAutoscaling", [f"{SERVICE}:{call}" for call in (*READS, *WRITES)], ["*"]),
]
# Checked by AWS on the caller's behalf, never called by the provider itself, so no request log shows them. The
# Application Auto Scaling User Guide: RegisterScalableTarget creates the service-linked role
# AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint where it is missing, which needs
# iam:CreateServiceLinkedRole ("Service-linked roles for Application Auto Scaling"); and it validates that the
# caller may use the target service and CloudWatch before a request proceeds ("Permissions validation"): a target
# tracking policy's alarms are created and deleted by it (SageMaker's "Auto scaling prerequisites" lists
# cloudwatch:PutMetricAlarm, DescribeAlarms and DeleteAlarms).
SCALING_ROLE_SERVICE = "sagemaker.application-autoscaling.amazonaws.com"
ON_BEHALF: list[tuple[str, list[str], list[str]]] = [
    ("ScalingPolicyAlarms", ["cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms"],
     ["arn:aws:cloudwatch:*:*:alarm:*"]),
    ("ScalingServiceLinkedRole", ["iam:CreateServiceLinkedRole"],
     [f"arn:aws:iam::*:role/aws-service-role/{SCALING_ROLE_SERVICE}/"
      f"AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"]),
]
CONDITIONS = {"ScalingServiceLinkedRole": {"StringLike": {"iam:AWSServiceName": SCALING_ROLE_SERVICE}}}
ASSUME_ROLE = ("AssumeDeployRole", ["sts:AssumeRole"], ["arn:aws:iam::*:role/*"])


def on_behalf_actions() -> set[str]:
    return {action for _, actions, _ in ON_BEHALF for action in actions}


def policy(role_arn: str | None = None) -> dict[str, Any]:
    statements = [*STATEMENTS, *ON_BEHALF]
    if role_arn:
        statements.append((ASSUME_ROLE[0], ASSUME_ROLE[1], [role_arn]))
    return {"Version": "2012-10-17",
            "Statement": [{"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources,
                           **({"Condition": CONDITIONS[sid]} if sid in CONDITIONS else {})}
                          for sid, actions, resources in statements]}


def render(role_arn: str | None = None) -> str:
    return json.dumps(policy(role_arn), indent=2)

"""The least-privilege IAM policy for exactly the calls this provider makes."""
from __future__ import annotations

import json
from typing import Any

from .scaling import READS, SERVICE, WRITES

ENDPOINT = "arn:aws:sagemaker:*:*:endpoint/*"
ENDPOINT_CONFIG = "arn:aws:sagemaker:*:*:endpoint-config/*"
MODEL = "arn:aws:sagemaker:*:*:model/*"

# (Sid, actions, resources): each action is one the provider calls, grouped by what it may touch.
STATEMENTS: list[tuple[str, list[str], list[str]]] = [
    ("ManageEndpoints", ["sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DeleteEndpoint",
                         "sagemaker:DescribeEndpoint", "sagemaker:AddTags", "sagemaker:DeleteTags",
                         "sagemaker:ListTags", "sagemaker:UpdateEndpointWeightsAndCapacities"], [ENDPOINT]),
    ("UseEndpointConfigs", ["sagemaker:DescribeEndpointConfig", "sagemaker:CreateEndpoint",
                            "sagemaker:UpdateEndpoint"], [ENDPOINT_CONFIG]),
    ("ReadModels", ["sagemaker:DescribeModel"], [MODEL]),  # a Marketplace container changes how SageMaker deploys
    ("WatchEndpointStatus", ["sagemaker:ListEndpoints"], ["*"]),
    ("ReadRollbackAlarms", ["cloudwatch:DescribeAlarms"], ["arn:aws:cloudwatch:*:*:alarm:*"]),
    # Reads and reapplies of the variants' scaling setup. DeleteEndpoint also needs DeregisterScalableTarget for an
    # autoscaled endpoint ("Delete endpoints configured for auto scaling"). Scalable-target ARNs carry a generated
    # ID, not the endpoint's name, so no narrower resource names them.
    ("KeepAutoscaling", [f"{SERVICE}:{call}" for call in (*READS, *WRITES)], ["*"]),
]
ASSUME_ROLE = ("AssumeDeployRole", ["sts:AssumeRole"], ["arn:aws:iam::*:role/*"])


def policy(role_arn: str | None = None) -> dict[str, Any]:
    statements = list(STATEMENTS)
    if role_arn:
        statements.append((ASSUME_ROLE[0], ASSUME_ROLE[1], [role_arn]))
    return {"Version": "2012-10-17",
            "Statement": [{"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources}
                          for sid, actions, resources in statements]}


def render(role_arn: str | None = None) -> str:
    return json.dumps(policy(role_arn), indent=2)

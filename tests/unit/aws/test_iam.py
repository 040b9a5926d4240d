"""The least-privilege IAM policy, its command, and the README that shows it."""
from __future__ import annotations

import json
import pathlib
import re

import pytest

from pulumi_sagemaker_endpoint.aws import iam
from pulumi_sagemaker_endpoint.cli import main as cli

ROLE = "arn:aws:iam::123456789012:role/deployer"
PROVIDER_CALLS = {  # what endpoint.py, deploy.py, preview.py and waiting.py call (tests/faults checks it live)
    "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DeleteEndpoint", "sagemaker:DescribeEndpoint",
    "sagemaker:ListEndpoints", "sagemaker:DescribeEndpointConfig", "sagemaker:AddTags", "sagemaker:DeleteTags",
    "sagemaker:ListTags", "sagemaker:UpdateEndpointWeightsAndCapacities", "sagemaker:DescribeModel",
    "cloudwatch:DescribeAlarms",
    # InferenceComponent's calls, and an Endpoint's on the components it hosts (lifecycle/hosted_components.py)
    "sagemaker:CreateInferenceComponent", "sagemaker:DescribeInferenceComponent", "sagemaker:UpdateInferenceComponent",
    "sagemaker:DeleteInferenceComponent", "sagemaker:ListInferenceComponents",
    # the variants' scaling setup (check/autoscaling.py, lifecycle/reapply.py); DeleteEndpoint needs Deregister too
    "application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies",
    "application-autoscaling:DescribeScheduledActions", "application-autoscaling:DeregisterScalableTarget",
    "application-autoscaling:RegisterScalableTarget", "application-autoscaling:PutScalingPolicy",
    "application-autoscaling:PutScheduledAction",
}


def actions(policy: dict) -> set[str]:
    return {action for statement in policy["Statement"] for action in statement["Action"]}


ON_BEHALF = {  # what AWS checks on the caller's behalf (Application Auto Scaling's documentation)
    "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "iam:CreateServiceLinkedRole",
}


def test_the_policy_allows_the_provider_calls_and_what_aws_checks_on_their_behalf_and_nothing_else():
    """Issue 18 (10): a policy derived from the emulator's request log lacked what AWS checks on the caller's behalf
    when the provider registers a scalable target and puts its scaling policies back."""
    policy = iam.policy()
    assert policy["Version"] == "2012-10-17"
    assert actions(policy) == PROVIDER_CALLS | ON_BEHALF
    [linked] = [s for s in policy["Statement"] if s["Action"] == ["iam:CreateServiceLinkedRole"]]
    assert linked["Resource"] == ["arn:aws:iam::*:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
                                  "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"]
    assert linked["Condition"] == {"StringLike": {"iam:AWSServiceName": "sagemaker.application-autoscaling.amazonaws.com"}}
    assert all(statement["Effect"] == "Allow" for statement in policy["Statement"])
    wildcard = [s["Sid"] for s in policy["Statement"] if s["Resource"] == ["*"]]
    assert wildcard == ["WatchEndpointStatus", "KeepAutoscaling"], \
        "only the List calls and Application Auto Scaling, whose ARNs do not name the endpoint, are on *"
    assert not any("*" in action for action in actions(policy))


def test_a_role_adds_assume_role_on_that_role_only():
    policy = iam.policy(ROLE)
    assert actions(policy) == PROVIDER_CALLS | ON_BEHALF | {"sts:AssumeRole"}
    [assume] = [s for s in policy["Statement"] if s["Action"] == ["sts:AssumeRole"]]
    assert assume["Resource"] == [ROLE]


def test_the_command_prints_the_policy(capsys):
    assert cli.main(["iam-policy"]) == 0
    assert json.loads(capsys.readouterr().out) == iam.policy()
    assert cli.main(["iam-policy", "--role-arn", ROLE]) == 0
    assert json.loads(capsys.readouterr().out) == iam.policy(ROLE)


@pytest.mark.parametrize("arn", ["bogus", "arn:aws:iam::123456789012:user/d", "arn:aws:iam::12345:role/x"])
def test_a_role_arn_that_is_not_one_is_invalid_input(capsys, arn):
    """Issue 18 (5): `iam-policy --role-arn bogus` printed a policy with "Resource": ["bogus"]."""
    assert cli.main(["iam-policy", "--role-arn", arn]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"error: --role-arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer "
                   f"(got {arn!r}).\n")


def test_the_readme_shows_the_policy_the_command_prints():
    """The README's JSON block with the policy is `sagemaker-endpoint iam-policy`'s output, not a stale copy."""
    readme = (pathlib.Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```json\n(.*?)```", readme, re.S) if '"2012-10-17"' in b]
    if not blocks:
        pytest.skip("README.md has no IAM policy block yet")
    for block in map(json.loads, blocks):
        roles = [s["Resource"][0] for s in block["Statement"] if s["Action"] == ["sts:AssumeRole"]]
        assert block == iam.policy(roles[0] if roles else None)

"""Security without AWS: the least-privilege policy and its command, the role session name, and a provider that
holds no credential whatever the process or the stack config had (the end-to-end checks are in tests/faults)."""
from __future__ import annotations

import base64
import json
import pathlib
import re

import dill
import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime._serialization import _serialize

from pulumi_sagemaker_endpoint.aws import clients as aws
from pulumi_sagemaker_endpoint.aws import iam
from pulumi_sagemaker_endpoint.cli import main as cli
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider

ROLE = "arn:aws:iam::123456789012:role/deployer"
SECRETS = {"AWS_ACCESS_KEY_ID": "AKIAUNITSECURITY0001", "AWS_SECRET_ACCESS_KEY": "unit/Security+Secret0123456789",
           "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEUnitSecurityToken0123"}
PROVIDER_CALLS = {  # what endpoint.py, deploy.py, preview.py and waiting.py call (tests/faults checks it live)
    "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DeleteEndpoint", "sagemaker:DescribeEndpoint",
    "sagemaker:ListEndpoints", "sagemaker:DescribeEndpointConfig", "sagemaker:AddTags", "sagemaker:DeleteTags",
    "sagemaker:ListTags", "cloudwatch:DescribeAlarms",
}


def actions(policy: dict) -> set[str]:
    return {action for statement in policy["Statement"] for action in statement["Action"]}


def test_the_policy_allows_the_provider_calls_and_nothing_else():
    policy = iam.policy()
    assert policy["Version"] == "2012-10-17"
    assert actions(policy) == PROVIDER_CALLS
    assert all(statement["Effect"] == "Allow" for statement in policy["Statement"])
    wildcard = [s["Sid"] for s in policy["Statement"] if s["Resource"] == ["*"]]
    assert wildcard == ["WatchEndpointStatus"], "only ListEndpoints, which has no resource ARN, is on *"
    assert not any("*" in action for action in actions(policy))


def test_a_role_adds_assume_role_on_that_role_only():
    policy = iam.policy(ROLE)
    assert actions(policy) == PROVIDER_CALLS | {"sts:AssumeRole"}
    [assume] = [s for s in policy["Statement"] if s["Action"] == ["sts:AssumeRole"]]
    assert assume["Resource"] == [ROLE]


def test_the_command_prints_the_policy(capsys):
    assert cli.main(["iam-policy"]) == 0
    assert json.loads(capsys.readouterr().out) == iam.policy()
    assert cli.main(["iam-policy", "--role-arn", ROLE]) == 0
    assert json.loads(capsys.readouterr().out) == iam.policy(ROLE)


def test_the_session_name_names_project_stack_and_resource():
    assert aws.session_name("shop/prod/inference") == "pulumi-shop-prod-inference"
    assert aws.target_for({"owner": "shop/prod/inference", "roleArn": ROLE}, {}).session_name == (
        "pulumi-shop-prod-inference")
    assert aws.session_name(None) == "pulumi-sagemaker-endpoint"


def test_a_long_session_name_fits_sts_and_stays_distinct():
    first = aws.session_name("a-very-long-project-name/production-eu-west-1-blue/inference-endpoint-one")
    second = aws.session_name("a-very-long-project-name/production-eu-west-1-blue/inference-endpoint-two")
    for name in (first, second):
        assert 2 <= len(name) <= 64 and re.fullmatch(r"[\w+=,.@-]+", name)
        assert name.startswith("pulumi-a-very-long-project-name-production-eu-west-1")
    assert first != second
    assert re.fullmatch(r"[\w+=,.@-]+", aws.session_name("proj/stack with spaces/ep:1"))


def test_a_target_holds_names_only():
    assert set(aws.Target.__dataclass_fields__) == {"region", "profile", "role_arn", "session_name", "endpoint_url"}


def test_the_serialized_provider_holds_no_credential(monkeypatch):
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    provider = EndpointProvider()
    provider.configure(ConfigureRequest({"aws:region": "eu-west-1", "aws:profile": "ci",
                                         "aws:accessKey": "AKIASTACKCONFIG00001", "aws:secretKey": "stack/Secret0",
                                         "aws:token": "stackToken0123"}))
    assert provider.stack_config == {"aws:region": "eu-west-1", "aws:profile": "ci"}
    serialized, _ = _serialize(True, serialize_provider, EndpointProvider())
    raw = base64.b64decode(serialized)
    assert b"EndpointProvider" in raw and len(raw) < 200, "a reference to the class, not its code or fields"
    for value in [*SECRETS.values(), "AKIASTACKCONFIG00001", "stack/Secret0", "stackToken0123"]:
        assert value.encode() not in raw
    assert vars(dill.loads(raw)) == {}


def test_the_readme_shows_the_policy_the_command_prints():
    """The README's JSON block with the policy is `sagemaker-endpoint iam-policy`'s output, not a stale copy."""
    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```json\n(.*?)```", readme, re.S) if '"2012-10-17"' in b]
    if not blocks:
        pytest.skip("README.md has no IAM policy block yet")
    for block in map(json.loads, blocks):
        roles = [s["Resource"][0] for s in block["Statement"] if s["Action"] == ["sts:AssumeRole"]]
        assert block == iam.policy(roles[0] if roles else None)

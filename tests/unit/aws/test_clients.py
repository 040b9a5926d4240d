"""Targets and role session names: names only, within STS's limits, naming who called."""
from __future__ import annotations

import re


from pulumi_sagemaker_endpoint.aws import clients as aws

ROLE = "arn:aws:iam::123456789012:role/deployer"


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

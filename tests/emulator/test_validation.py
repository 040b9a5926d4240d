"""Point 4: real validation errors, codes and messages."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config

from sagemaker_emulator import Emulator

from .conftest import Hosting, error_of

ARN = "arn:aws:sagemaker:us-east-1:123456789012"


def test_endpoint_names_collide_case_insensitively(hosting: Hosting) -> None:
    hosting.config("cfg")
    hosting.sm.create_endpoint(EndpointName="MyEndpoint", EndpointConfigName="cfg")
    error = error_of(lambda: hosting.sm.create_endpoint(EndpointName="myendpoint", EndpointConfigName="cfg"))
    assert error["Code"] == "ValidationException" and error["HTTPStatusCode"] == 400
    assert error["Message"] == f'Cannot create already existing endpoint "{ARN}:endpoint/myendpoint".'
    # The case given at create time is preserved, and lookups ignore case.
    assert hosting.describe("MYENDPOINT")["EndpointName"] == "MyEndpoint"


def test_missing_endpoint_config_and_model(hosting: Hosting) -> None:
    for call in (
        lambda: hosting.sm.describe_endpoint(EndpointName="nope"),
        lambda: hosting.sm.delete_endpoint(EndpointName="nope"),
        lambda: hosting.sm.update_endpoint(EndpointName="nope", EndpointConfigName="x"),
    ):
        error = error_of(call)
        assert (error["Code"], error["Message"]) == ("ValidationException", f'Could not find endpoint "{ARN}:endpoint/nope".')

    error = error_of(lambda: hosting.sm.create_endpoint(EndpointName="e", EndpointConfigName="no-cfg"))
    assert error["Message"] == f'Could not find endpoint configuration "{ARN}:endpoint-config/no-cfg".'
    error = error_of(lambda: hosting.sm.describe_endpoint_config(EndpointConfigName="no-cfg"))
    assert error["Message"] == f'Could not find endpoint configuration "{ARN}:endpoint-config/no-cfg".'

    error = error_of(
        lambda: hosting.sm.create_endpoint_config(
            EndpointConfigName="c",
            ProductionVariants=[
                {"VariantName": "v", "ModelName": "no-model", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}
            ],
        )
    )
    assert error["Message"] == f'Could not find model "{ARN}:model/no-model".'

    hosting.config("dup")
    error = error_of(lambda: hosting.config("DUP"))
    assert error["Message"] == f'Cannot create already existing endpoint configuration "{ARN}:endpoint-config/dup".'


def test_update_and_delete_are_refused_while_in_progress(hosting: Hosting) -> None:
    hosting.config("busy-cfg")
    hosting.config("busy-v2")
    hosting.emulator.hold("busy", "create", "provision", "delete")
    hosting.sm.create_endpoint(EndpointName="busy", EndpointConfigName="busy-cfg")
    in_progress = f'Cannot update in-progress endpoint "{ARN}:endpoint/busy".'
    assert hosting.emulator.wait_held("busy") == "create"
    assert error_of(lambda: hosting.sm.update_endpoint(EndpointName="busy", EndpointConfigName="busy-v2"))[
        "Message"
    ] == in_progress
    assert error_of(lambda: hosting.sm.delete_endpoint(EndpointName="busy"))["Message"] == in_progress

    hosting.emulator.release("busy", "create")
    hosting.wait_status("busy", "InService")
    hosting.sm.update_endpoint(EndpointName="busy", EndpointConfigName="busy-v2")
    assert hosting.emulator.wait_held("busy") == "provision"
    assert hosting.status("busy") == "Updating"
    assert error_of(lambda: hosting.sm.delete_endpoint(EndpointName="busy"))["Message"] == in_progress
    hosting.emulator.release("busy", "provision")
    hosting.wait_status("busy", "InService")
    hosting.sm.delete_endpoint(EndpointName="busy")
    assert hosting.emulator.wait_held("busy") == "delete"
    assert error_of(lambda: hosting.sm.delete_endpoint(EndpointName="busy"))["Message"] == in_progress
    hosting.emulator.release("busy", "delete")


def test_update_with_the_current_config_is_refused(hosting: Hosting) -> None:
    hosting.endpoint("same", count=1)
    error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="same", EndpointConfigName="same-cfg"))
    assert error["Code"] == "ValidationException"
    assert "same-cfg" in error["Message"] and "current configuration" in error["Message"]


def canary(value: int, kind: str = "INSTANCE_COUNT", wait: int = 60, **policy: Any) -> dict[str, Any]:
    routing = {"Type": "CANARY", "CanarySize": {"Type": kind, "Value": value}, "WaitIntervalInSeconds": wait}
    return {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": routing, **policy}}


def linear(value: int, kind: str = "CAPACITY_PERCENT") -> dict[str, Any]:
    routing = {"Type": "LINEAR", "LinearStepSize": {"Type": kind, "Value": value}, "WaitIntervalInSeconds": 60}
    return {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": routing}}


def rolling(value: int, kind: str = "CAPACITY_PERCENT", **policy: Any) -> dict[str, Any]:
    return {
        "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": kind, "Value": value}, "WaitIntervalInSeconds": 60, **policy}
    }


BAD_DEPLOYMENT_CONFIGS = [
    ("canary over half the instances", canary(3), "CanarySize of 3 instance(s)", "less than or equal to 50%"),
    ("canary percent over 50", canary(60, "CAPACITY_PERCENT"), "CanarySize of 60%", "less than or equal to 50%"),
    ("linear step under 10 percent", linear(5), "LinearStepSize of 5%", "between 10% and 50%"),
    ("linear step over half", linear(3, "INSTANCE_COUNT"), "LinearStepSize of 3 instance(s)", "between 10% and 50%"),
    ("rolling batch over half", rolling(60), "MaximumBatchSize of 60%", "between 5% and 50%"),
    (
        "wait over 3600",
        canary(1, wait=3601),
        "1 validation error detected: Value '3601' at "
        "'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds'",
        "Member must have value less than or equal to 3600",
    ),
    (
        "termination wait over 3600",
        canary(1, TerminationWaitInSeconds=4000),
        "'deploymentConfig.blueGreenUpdatePolicy.terminationWaitInSeconds'",
        "less than or equal to 3600",
    ),
    (
        "timeout over 28800",
        canary(1, MaximumExecutionTimeoutInSeconds=30000),
        "'deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds'",
        "less than or equal to 28800",
    ),
    (
        "timeout under 600",
        rolling(25, MaximumExecutionTimeoutInSeconds=100),
        "'deploymentConfig.rollingUpdatePolicy.maximumExecutionTimeoutInSeconds'",
        "greater than or equal to 600",
    ),
    (
        "timeout not above the waits",
        canary(1, wait=600, TerminationWaitInSeconds=200, MaximumExecutionTimeoutInSeconds=700),
        "MaximumExecutionTimeoutInSeconds (700)",
        "total waiting time",
    ),
    ("two update policies", {**canary(1), **rolling(25)}, "Only one update policy", "RollingUpdatePolicy"),
    (
        "canary without CanarySize",
        {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 60}}},
        "CanarySize must be specified",
        "CANARY",
    ),
    (
        "unknown alarm",
        {**canary(1), "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "no-such-alarm"}]}},
        "Could not find CloudWatch alarm(s) [no-such-alarm]",
        "AutoRollbackConfiguration",
    ),
]


@pytest.fixture
def raw_sm(emulator: Emulator) -> Any:
    """A client that leaves all validation to the server (boto3 would refuse values under a minimum)."""
    return emulator.client("sagemaker", config=Config(parameter_validation=False, retries={"total_max_attempts": 1}))


@pytest.mark.parametrize(
    ("config", "first", "second"),
    [case[1:] for case in BAD_DEPLOYMENT_CONFIGS],
    ids=[case[0] for case in BAD_DEPLOYMENT_CONFIGS],
)
def test_deployment_config_constraints(
    hosting: Hosting, raw_sm: Any, config: dict[str, Any], first: str, second: str
) -> None:
    hosting.emulator.configure(create_seconds=0.01)
    hosting.endpoint("guard", count=4)
    hosting.config("guard-v2", count=4)
    error = error_of(
        lambda: raw_sm.update_endpoint(EndpointName="guard", EndpointConfigName="guard-v2", DeploymentConfig=config)
    )
    assert error["Code"] == "ValidationException"
    assert first in error["Message"] and second in error["Message"]
    assert hosting.status("guard") == "InService"  # nothing started


def test_deployment_config_needs_the_same_variant_names(hosting: Hosting) -> None:
    hosting.endpoint("names", count=2)
    hosting.config("names-v2", count=2, variants=("Renamed",))
    error = error_of(
        lambda: hosting.sm.update_endpoint(EndpointName="names", EndpointConfigName="names-v2", DeploymentConfig=canary(1))
    )
    assert "must have the same names" in error["Message"]
    hosting.config("names-v3", count=2, variants=("AllTraffic", "Shadowish"))
    error = error_of(
        lambda: hosting.sm.update_endpoint(EndpointName="names", EndpointConfigName="names-v3", DeploymentConfig=rolling(50))
    )
    assert "same names" in error["Message"] or "more than one production variant" in error["Message"]


def test_rolling_is_refused_for_multi_variant_endpoints(hosting: Hosting) -> None:
    hosting.config("multi-cfg", count=2, variants=("A", "B"))
    hosting.endpoint("multi", config="multi-cfg")
    hosting.config("multi-v2", count=2, variants=("A", "B"))
    error = error_of(
        lambda: hosting.sm.update_endpoint(EndpointName="multi", EndpointConfigName="multi-v2", DeploymentConfig=rolling(50))
    )
    assert error["Message"] == "RollingUpdatePolicy is not supported for endpoints with more than one production variant."


def test_exclusions_need_retain_all(hosting: Hosting) -> None:
    hosting.endpoint("excl", count=1)
    hosting.config("excl-v2", count=1)
    error = error_of(
        lambda: hosting.sm.update_endpoint(
            EndpointName="excl",
            EndpointConfigName="excl-v2",
            ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredWeight"}],
        )
    )
    assert "RetainAllVariantProperties" in error["Message"]


def test_endpoint_name_pattern_is_checked_by_the_server(hosting: Hosting, raw_sm: Any) -> None:
    hosting.config("pattern-cfg")
    error = error_of(lambda: raw_sm.create_endpoint(EndpointName="bad_name!", EndpointConfigName="pattern-cfg"))
    assert error["Message"].startswith("1 validation error detected: Value 'bad_name!' at 'endpointName'")
    assert "regular expression pattern" in error["Message"]


def tags(count: int, prefix: str = "k") -> list[dict[str, str]]:
    return [{"Key": f"{prefix}{i}", "Value": f"v{i}"} for i in range(count)]


def test_tags_work_and_their_limits_hold(hosting: Hosting, raw_sm: Any) -> None:
    hosting.config("tag-cfg")
    too_many = error_of(lambda: raw_sm.create_endpoint(EndpointName="t", EndpointConfigName="tag-cfg", Tags=tags(51)))
    assert "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50" in too_many["Message"]
    long_key = error_of(
        lambda: raw_sm.create_endpoint(EndpointName="t", EndpointConfigName="tag-cfg", Tags=[{"Key": "k" * 129, "Value": ""}])
    )
    assert "at 'tags.1.member.key'" in long_key["Message"] and "less than or equal to 128" in long_key["Message"]
    long_value = error_of(
        lambda: raw_sm.create_endpoint(EndpointName="t", EndpointConfigName="tag-cfg", Tags=[{"Key": "k", "Value": "v" * 257}])
    )
    assert "at 'tags.1.member.value'" in long_value["Message"] and "less than or equal to 256" in long_value["Message"]
    reserved = error_of(
        lambda: raw_sm.create_endpoint(EndpointName="t", EndpointConfigName="tag-cfg", Tags=[{"Key": "aws:team", "Value": "x"}])
    )
    assert "reserved" in reserved["Message"] and "aws:team" in reserved["Message"]

    arn = hosting.sm.create_endpoint(EndpointName="Tagged", EndpointConfigName="tag-cfg", Tags=tags(2))["EndpointArn"]
    hosting.sm.add_tags(ResourceArn=arn, Tags=[{"Key": "k1", "Value": "changed"}, {"Key": "team", "Value": "ml"}])
    listed = {t["Key"]: t["Value"] for t in hosting.sm.list_tags(ResourceArn=arn)["Tags"]}
    assert listed == {"k0": "v0", "k1": "changed", "team": "ml"}
    hosting.sm.delete_tags(ResourceArn=arn, TagKeys=["k0", "team"])
    assert hosting.sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "k1", "Value": "changed"}]

    over = error_of(lambda: hosting.sm.add_tags(ResourceArn=arn, Tags=tags(50, prefix="x")))
    assert over["Code"] == "ValidationException" and "at most 50 tags" in over["Message"]
    assert len(hosting.sm.list_tags(ResourceArn=arn)["Tags"]) == 1


def test_instance_types_follow_botocores_current_enum(hosting: Hosting, raw_sm: Any) -> None:
    hosting.config("model-only", count=1)
    variant = {"VariantName": "v", "ModelName": "model", "InitialInstanceCount": 1}
    hosting.sm.create_endpoint_config(
        EndpointConfigName="modern", ProductionVariants=[{**variant, "InstanceType": "ml.g6e.2xlarge"}]
    )
    assert hosting.sm.describe_endpoint_config(EndpointConfigName="modern")["ProductionVariants"][0][
        "InstanceType"
    ] == "ml.g6e.2xlarge"
    error = error_of(
        lambda: raw_sm.create_endpoint_config(
            EndpointConfigName="bogus", ProductionVariants=[{**variant, "InstanceType": "ml.nope.large"}]
        )
    )
    assert error["Message"].startswith(
        "1 validation error detected: Value 'ml.nope.large' at 'productionVariants.1.member.instanceType' "
        "failed to satisfy constraint: Member must satisfy enum value set: ["
    )

"""create-endpoint, update-endpoint, delete-endpoint and describe-endpoint against the emulator: what they print,
what they leave in SageMaker, and the exit code of each kind of failure."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from pulumi_sagemaker_endpoint.aws import find, waiting
from pulumi_sagemaker_endpoint.lifecycle import update as deploy

from .conftest import calls, tags_of

CANARY = {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
    "Type": "CANARY", "WaitIntervalInSeconds": 300, "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}},
    "MaximumExecutionTimeoutInSeconds": 3600}}


def with_alarms(*names: str) -> str:
    return json.dumps({**CANARY, "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": n} for n in names]}})


def firing_alarm(emulator, name: str) -> None:
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_metric_alarm(AlarmName=name, MetricName="Invocation5XXErrors", Namespace="AWS/SageMaker",
                                Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1.0,
                                ComparisonOperator="GreaterThanOrEqualToThreshold")
    cloudwatch.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="5XX errors in the canary")


# ---- create-endpoint --------------------------------------------------------------------------------------------

def test_create_without_wait_prints_the_arn_as_soon_as_sagemaker_accepts_it(cli, sm, emulator):
    emulator.hold("ep", "create")  # still creating whenever the test looks
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1")
    assert result.code == 0, result.err
    described = sm.describe_endpoint(EndpointName="ep")
    assert result.json == {"EndpointArn": described["EndpointArn"]}
    assert described["EndpointStatus"] == "Creating", "returned without waiting, like the AWS CLI"


def test_create_with_wait_ends_in_service_with_the_tags_and_deployment_config(cli, sm, emulator):
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1",
                 "--tags", "Key=team,Value=ml", "Key=tier,Value=gold", "--deployment-config", json.dumps(CANARY),
                 "--wait")
    assert result.code == 0, result.err
    described = sm.describe_endpoint(EndpointName="ep")
    assert described["EndpointStatus"] == "InService"
    assert result.json["EndpointArn"] == described["EndpointArn"]
    assert tags_of(sm, "ep") == {"team": "ml", "tier": "gold"}, "no owner tag: no stack owns it"
    assert "endpoint ep: InService" in result.lines, "plain progress lines when not on a terminal"
    assert calls(emulator, "CreateEndpoint") == 1


def test_a_config_created_moments_before_is_retried_until_visible(cli, emulator):
    emulator.configure(consistency_uses=1)  # the first CreateEndpoint with it misses it, whatever the load
    from tests.integration.support import make_config

    make_config(emulator.client("sagemaker"), "cfg-new")
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-new", "--wait")
    assert result.code == 0, result.err
    assert emulator.stats()["faults"].get("consistency", 0) >= 1, "the config was invisible at first"


def test_a_missing_config_is_an_aws_error_naming_it(cli, sm, monkeypatch):
    monkeypatch.setattr(find, "CONSISTENCY_RETRY_SECONDS", 0.5)
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-none")
    assert result.code == 3
    assert result.err == ("error: --endpoint-config-name 'cfg-none' of endpoint 'ep' does not exist in this account and "
                          "region; create the EndpointConfig first or fix the name.\n")


def test_a_failed_create_is_deleted_and_reported_with_its_reason(cli, sm, emulator):
    emulator.configure(fail_create={"ep": "The image could not be pulled."})
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait")
    assert result.code == 3
    assert "error: Endpoint 'ep' failed to create: The image could not be pulled. The failed endpoint was deleted" \
        in result.err
    assert sm.list_endpoints()["Endpoints"] == [], "a failed create leaves nothing behind"
    assert result.out == ""


def test_a_name_already_taken_is_an_aws_error(cli, live):
    result = cli("create-endpoint", "--endpoint-name", "EP", "--endpoint-config-name", "cfg-v2")
    assert result.code == 3
    assert "Endpoint 'ep' already exists (names are unique regardless of case)" in result.err


def test_access_denied_names_the_action(cli, sm, emulator):
    emulator.configure(deny_actions=["sagemaker:CreateEndpoint"])
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1")
    assert result.code == 3
    assert "Access denied while creating endpoint 'ep'" in result.err and "sagemaker:CreateEndpoint" in result.err


def test_waiting_longer_than_the_wait_timeout_exits_5(cli, sm, emulator):
    emulator.hold("ep", "create")  # it cannot finish before the wait times out
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait",
                 "--wait-timeout", "0.5s")
    assert result.code == 5
    assert "error: Timed out creating endpoint 'ep'" in result.err
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "Creating", "SageMaker carries on"


def test_an_interrupted_wait_exits_130_and_says_sagemaker_carries_on(cli, sm, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(waiting, "wait_for", interrupted)
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait")
    assert result.code == 130
    assert "interrupted: SageMaker carries on with any operation it accepted" in result.err
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] in ("Creating", "InService")


# ---- update-endpoint --------------------------------------------------------------------------------------------

def test_update_with_wait_deploys_the_new_config_with_every_update_option(cli, live, monkeypatch):
    sent = []
    original = deploy.update_request
    monkeypatch.setattr(deploy, "update_request", lambda name, news: sent.append(original(name, news)) or sent[-1])
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                 "--deployment-config", json.dumps(CANARY), "--retain-all-variant-properties",
                 "--exclude-retained-variant-properties", "VariantPropertyType=DesiredWeight",
                 "--no-retain-deployment-config", "--wait")
    assert result.code == 0, result.err
    assert result.json == {"EndpointArn": live.describe_endpoint(EndpointName="ep")["EndpointArn"]}
    assert live.describe_endpoint(EndpointName="ep")["EndpointConfigName"] == "cfg-v2"
    assert sent == [{"EndpointName": "ep", "EndpointConfigName": "cfg-v2", "DeploymentConfig": CANARY,
                     "RetainAllVariantProperties": True,
                     "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredWeight"}],
                     "RetainDeploymentConfig": False}]
    assert "CANARY 1 of 4 instances, bake 300 s" in result.err, "the rollout plan is shown as it starts"


def test_update_without_wait_returns_while_the_rollout_runs(cli, live, emulator):
    emulator.hold("ep", "provision")
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2")
    assert result.code == 0, result.err
    assert live.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "Updating"
    assert result.json["EndpointArn"].endswith(":endpoint/ep")


def test_a_rollback_by_an_alarm_exits_4_naming_the_alarm(cli, live, emulator):
    firing_alarm(emulator, "ep-5xx")
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                 "--deployment-config", with_alarms("ep-5xx"), "--wait")
    assert result.code == 4, result.err
    assert "error: The deployment of 'cfg-v2' to endpoint 'ep' was rolled back because " in result.err
    assert "ep-5xx" in result.err and "'cfg-v1' is still live" in result.err
    assert live.describe_endpoint(EndpointName="ep")["EndpointConfigName"] == "cfg-v1"


def test_a_failed_rollout_rolled_back_by_sagemaker_exits_4(cli, live, emulator):
    emulator.configure(fail_update={"ep": "The new fleet failed its health check."})
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2", "--wait")
    assert result.code == 4
    assert "The new fleet failed its health check" in result.err and "'cfg-v1' is still live" in result.err
    assert live.describe_endpoint(EndpointName="ep")["EndpointConfigName"] == "cfg-v1"


def test_a_failed_rollback_is_an_aws_error(cli, live, emulator):
    emulator.configure(fail_rollback=["ep"])
    firing_alarm(emulator, "ep-5xx")
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                 "--deployment-config", with_alarms("ep-5xx"), "--wait")
    assert result.code == 3
    assert "failed and so did its rollback" in result.err


def test_a_missing_alarm_is_invalid_input_at_its_document_path(cli, live, emulator):
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                 "--deployment-config", with_alarms("nope"), "--wait")
    assert result.code == 2
    assert result.errors == [
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName names the CloudWatch alarm 'nope', which does not exist in this account and region; "
        "create it or fix the name."]
    assert calls(emulator, "UpdateEndpoint") == 0


def test_a_canary_larger_than_the_new_config_allows_is_invalid_input(cli, live, emulator):
    big = {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
        "Type": "CANARY", "WaitIntervalInSeconds": 60, "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 3}}}}
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                 "--deployment-config", json.dumps(big))
    assert result.code == 2
    assert result.err.startswith("error: DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize is 3 "
                                 "of the 4 instances of variant primary in endpoint config cfg-v2")
    assert calls(emulator, "UpdateEndpoint") == 0


def test_updating_to_the_config_already_live_sends_nothing(cli, live, emulator):
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait")
    assert result.code == 0
    assert "note: endpoint ep already serves cfg-v1" in result.err
    assert calls(emulator, "UpdateEndpoint") == 0


def test_updating_a_missing_endpoint_is_an_aws_error(cli, sm):
    result = cli("update-endpoint", "--endpoint-name", "nope", "--endpoint-config-name", "cfg-v2")
    assert result.code == 3
    assert result.err == ("error: Endpoint 'nope' does not exist in this account and region; check --endpoint-name "
                          "and --region (create-endpoint creates one).\n")


def test_update_keeps_the_live_tags(cli, sm, emulator):
    assert cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--tags",
               "Key=team,Value=ml", "--wait").code == 0
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2", "--wait")
    assert result.code == 0, result.err
    assert tags_of(sm, "ep") == {"team": "ml"}
    assert calls(emulator, "DeleteTags") == calls(emulator, "AddTags") == 0


# ---- delete-endpoint --------------------------------------------------------------------------------------------

def test_delete_with_wait_prints_nothing_and_returns_when_gone(cli, live):
    result = cli("delete-endpoint", "--endpoint-name", "ep", "--wait")
    assert (result.code, result.out) == (0, "")
    assert live.list_endpoints()["Endpoints"] == []
    assert "endpoint ep: deleted" in result.lines


def test_delete_without_wait_returns_while_deleting(cli, live, emulator):
    emulator.hold("ep", "delete")
    result = cli("delete-endpoint", "--endpoint-name", "ep")
    assert (result.code, result.out) == (0, "")
    assert live.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "Deleting"


def test_deleting_a_missing_endpoint_is_an_aws_error(cli, sm, emulator):
    result = cli("delete-endpoint", "--endpoint-name", "nope", "--wait")
    assert result.code == 3
    assert "Endpoint 'nope' does not exist in this account and region" in result.err
    assert calls(emulator, "DeleteEndpoint") == 0


# ---- describe-endpoint ------------------------------------------------------------------------------------------

def test_describe_prints_describe_endpoint_json_with_iso_datetimes(cli, live):
    result = cli("describe-endpoint", "--endpoint-name", "ep")
    assert result.code == 0
    described = result.json
    assert (described["EndpointName"], described["EndpointStatus"], described["EndpointConfigName"]) == (
        "ep", "InService", "cfg-v1")
    assert datetime.fromisoformat(described["CreationTime"]).tzinfo is not None
    assert "ResponseMetadata" not in described
    assert described["ProductionVariants"][0]["VariantName"] == "primary"


def test_describing_a_missing_endpoint_is_an_aws_error(cli, sm):
    result = cli("describe-endpoint", "--endpoint-name", "nope")
    assert (result.code, result.out) == (3, "")
    assert result.err == ("error: Endpoint 'nope' does not exist in this account and region; check --endpoint-name "
                          "and --region (create-endpoint creates one).\n")


@pytest.mark.parametrize("command", ["create-endpoint", "update-endpoint", "delete-endpoint", "describe-endpoint"])
def test_an_invalid_endpoint_name_is_invalid_input_before_any_call(cli, sm, emulator, command):
    emulator.reset_stats()
    result = cli(command, "--endpoint-name", "bad_name", "--endpoint-config-name", "cfg-v1") \
        if command in ("create-endpoint", "update-endpoint") else cli(command, "--endpoint-name", "bad_name")
    assert result.code == 2
    assert result.err.startswith("error: EndpointName must be 1-63 letters, digits and hyphens")
    assert emulator.stats()["total"] == 0

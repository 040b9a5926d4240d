"""--cli-input-json / --cli-input-yaml (files, file:// paths, text; options override them) and
--generate-cli-skeleton: the skeletons round-trip through the input options."""
from __future__ import annotations

import json

import pytest

from .conftest import path_of, said_once  # noqa: F401
import yaml

from pulumi_sagemaker_endpoint.cli import skeletons

from .conftest import calls, tags_of

DOCUMENT = {"EndpointName": "from-doc", "EndpointConfigName": "cfg-v1",
            "Tags": [{"Key": "team", "Value": "ml"}]}


def fill(skeleton: dict, **names: str) -> dict:
    """A skeleton filled in as a user would: names set, one traffic routing kept, placeholders given values."""
    document = dict(skeleton, **names)
    document["DeploymentConfig"] = {
        "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}},
        "AutoRollbackConfiguration": skeleton["DeploymentConfig"]["AutoRollbackConfiguration"]}
    document["DeploymentConfig"]["AutoRollbackConfiguration"]["Alarms"][0]["AlarmName"] = "ep-5xx"
    if "Tags" in document:
        document["Tags"] = [{"Key": "team", "Value": "ml"}]
    return document


@pytest.fixture
def alarm(emulator):
    emulator.client("cloudwatch").put_metric_alarm(
        AlarmName="ep-5xx", MetricName="Invocation5XXErrors", Namespace="AWS/SageMaker", Statistic="Sum", Period=60,
        EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanOrEqualToThreshold")


@pytest.mark.parametrize("option, dump", [("--cli-input-json", json.dumps), ("--cli-input-yaml", yaml.safe_dump)])
@pytest.mark.parametrize("form", ["file://", "path", "text"])
def test_a_document_gives_the_arguments(cli, sm, tmp_path, option, dump, form):
    path = tmp_path / "input.doc"
    path.write_text(dump(DOCUMENT))
    source = {"file://": f"file://{path}", "path": str(path), "text": dump(DOCUMENT)}[form]
    result = cli("create-endpoint", option, source, "--wait")
    assert result.code == 0, result.err
    assert sm.describe_endpoint(EndpointName="from-doc")["EndpointConfigName"] == "cfg-v1"
    assert tags_of(sm, "from-doc") == {"team": "ml"}


def test_explicit_options_override_the_document(cli, sm, tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(DOCUMENT))
    result = cli("create-endpoint", "--cli-input-json", f"file://{path}", "--endpoint-name", "from-option",
                 "--tags", "Key=tier,Value=gold", "--wait")
    assert result.code == 0, result.err
    assert [e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]] == ["from-option"]
    assert sm.describe_endpoint(EndpointName="from-option")["EndpointConfigName"] == "cfg-v1", "from the document"
    assert tags_of(sm, "from-option") == {"tier": "gold"}, "a list option replaces the document's list"


def test_the_two_input_options_are_mutually_exclusive(cli, sm):
    result = cli("create-endpoint", "--cli-input-json", "{}", "--cli-input-yaml", "{}")
    assert result.code == 2
    assert "argument --cli-input-yaml: not allowed with argument --cli-input-json" in result.err


def test_problems_in_a_document_are_printed_with_their_paths_and_nothing_is_called(cli, sm, emulator, tmp_path):
    path = tmp_path / "input.yaml"
    path.write_text("EndpointName: ep\nEndpointConfigName: cfg-v1\nColour: blue\nDeploymentConfig:\n"
                    "  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration: {Type: SOMETIMES}\n")
    emulator.reset_stats()
    result = cli("create-endpoint", "--cli-input-yaml", str(path))
    assert result.code == 2
    routing = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"
    assert [path_of(line) for line in result.errors] == ["Colour", f"{routing}.Type",
                                                                 f"{routing}.WaitIntervalInSeconds"]
    assert result.errors[0] == ("Colour is not a key of CreateEndpoint's input; remove it (the keys are "
                               "EndpointName, EndpointConfigName, DeploymentConfig, Tags).")
    assert all(said_once(line) for line in result.errors), "each problem says its path once"
    assert emulator.stats()["total"] == 0


def test_a_document_that_does_not_parse_names_the_place(cli, sm, tmp_path):
    path = tmp_path / "input.json"
    path.write_text('{"EndpointName": "ep",}')
    result = cli("create-endpoint", "--cli-input-json", f"file://{path}")
    assert result.code == 2
    assert result.err == (f"error: {path} is not valid JSON: Expecting property name enclosed in double quotes at line 1 "
                          f"column 23; fix the syntax.\n")


def test_a_missing_document_is_invalid_input(cli, sm, tmp_path):
    result = cli("update-endpoint", "--cli-input-yaml", f"file://{tmp_path}/none.yaml")
    assert result.code == 2
    assert result.err == f"error: The input document {tmp_path}/none.yaml does not exist; pass an existing file.\n"


# ---- skeletons --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["create-endpoint", "update-endpoint", "delete-endpoint", "describe-endpoint"])
def test_input_skeletons_are_printed_without_calling_aws(cli, emulator, command):
    emulator.reset_stats()
    as_json = cli(command, "--generate-cli-skeleton")
    as_yaml = cli(command, "--generate-cli-skeleton", "yaml-input")
    assert as_json.code == as_yaml.code == 0
    assert json.loads(as_json.out) == yaml.safe_load(as_yaml.out) == skeletons.input_skeleton(
        {"create-endpoint": "CreateEndpoint", "update-endpoint": "UpdateEndpoint", "delete-endpoint": "DeleteEndpoint",
         "describe-endpoint": "DescribeEndpoint"}[command])
    assert cli(command, "--generate-cli-skeleton", "input").out == as_json.out
    assert emulator.stats()["total"] == 0


@pytest.mark.parametrize("kind, option", [("input", "--cli-input-json"), ("yaml-input", "--cli-input-yaml")])
def test_an_unfilled_skeleton_reads_back_and_every_placeholder_is_reported(cli, sm, tmp_path, kind, option):
    skeleton = cli("create-endpoint", "--generate-cli-skeleton", kind).out
    path = tmp_path / "skeleton"
    path.write_text(skeleton)
    result = cli("create-endpoint", option, f"file://{path}", "--generate-cli-skeleton", "output")
    assert result.code == 2
    reported = [path_of(line) for line in result.errors]
    assert "EndpointName" in reported and "EndpointConfigName" in reported
    assert not [line for line in result.errors if "is not a key" in line], "every key of the skeleton is accepted"


@pytest.mark.parametrize("kind, option, load, dump", [
    ("input", "--cli-input-json", json.loads, json.dumps),
    ("yaml-input", "--cli-input-yaml", yaml.safe_load, yaml.safe_dump)])
def test_a_filled_in_skeleton_creates_and_updates_the_endpoint(cli, sm, alarm, tmp_path, kind, option, load, dump):
    create = tmp_path / "create"
    create.write_text(dump(fill(load(cli("create-endpoint", "--generate-cli-skeleton", kind).out),
                                EndpointName="ep", EndpointConfigName="cfg-v1")))
    created = cli("create-endpoint", option, f"file://{create}", "--wait")
    assert created.code == 0, created.err
    assert tags_of(sm, "ep") == {"team": "ml"}

    update = tmp_path / "update"
    skeleton = load(cli("update-endpoint", "--generate-cli-skeleton", kind).out)
    filled = fill(skeleton, EndpointName="ep", EndpointConfigName="cfg-v2")
    filled["ExcludeRetainedVariantProperties"] = [{"VariantPropertyType": "DesiredWeight"}]
    update.write_text(dump(filled))
    updated = cli("update-endpoint", option, f"file://{update}", "--wait")
    assert updated.code == 0, updated.err
    assert sm.describe_endpoint(EndpointName="ep")["EndpointConfigName"] == "cfg-v2"
    assert updated.json == created.json


def test_the_output_skeleton_validates_and_prints_a_sample_without_calling_aws(cli, sm, emulator):
    emulator.reset_stats()
    result = cli("create-endpoint", "--endpoint-name", "My-Endpoint", "--endpoint-config-name", "cfg-v1",
                 "--generate-cli-skeleton", "output", "--region", "eu-west-1")
    assert result.code == 0
    assert result.json == {"EndpointArn": "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/my-endpoint"}
    described = cli("describe-endpoint", "--endpoint-name", "ep", "--generate-cli-skeleton", "output")
    assert described.code == 0
    assert described.json["EndpointName"] == "ep" and "EndpointStatus" in described.json
    deleted = cli("delete-endpoint", "--endpoint-name", "ep", "--generate-cli-skeleton", "output")
    assert (deleted.code, deleted.json) == (0, {})
    invalid = cli("update-endpoint", "--endpoint-name", "ep", "--generate-cli-skeleton", "output")
    assert invalid.code == 2
    assert invalid.err.startswith("error: EndpointConfigName is required")
    assert emulator.stats()["total"] == 0
    assert calls(emulator, "DescribeEndpoint") == 0

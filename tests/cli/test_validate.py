"""`sagemaker-endpoint validate FILE`: every problem of a CLI-input document with its path, without AWS."""
from __future__ import annotations

import io
import json

import yaml

from .conftest import path_of

VALID = {"EndpointName": "ep", "EndpointConfigName": "cfg-v1", "DeploymentConfig": {"BlueGreenUpdatePolicy": {
    "TrafficRoutingConfiguration": {"Type": "LINEAR", "WaitIntervalInSeconds": 120,
                                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 25}},
    "MaximumExecutionTimeoutInSeconds": 3600}}, "Tags": [{"Key": "team", "Value": "ml"}]}


def test_a_valid_document_prints_valid(cli, tmp_path, emulator):
    path = tmp_path / "endpoint.json"
    path.write_text(json.dumps(VALID))
    emulator.reset_stats()
    result = cli("validate", str(path))
    assert (result.code, result.out) == (0, "valid\n")
    assert emulator.stats()["total"] == 0, "validate never calls AWS"


def test_every_problem_is_printed_with_its_path(cli, tmp_path):
    path = tmp_path / "endpoint.yaml"
    document = {**VALID, "EndpointName": "bad_name", "Colour": "blue",
                "DeploymentConfig": {"BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {"Type": "LINEAR", "WaitIntervalInSeconds": 900,
                                                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 5}},
                    "MaximumExecutionTimeoutInSeconds": 600}},
                "Tags": [{"Key": "team"}]}
    path.write_text(yaml.safe_dump(document))
    result = cli("validate", f"file://{path}")
    assert result.code == 2
    policy = "DeploymentConfig.BlueGreenUpdatePolicy"
    assert [path_of(line) for line in result.out.splitlines()] == [
        "Colour", f"{policy}.TrafficRoutingConfiguration.LinearStepSize.Value", "EndpointName", "Tags[0].Value"]
    assert f"{policy}.TrafficRoutingConfiguration.LinearStepSize.Value must be between 10 and 50" in result.out
    assert "valid" not in result.out.splitlines()


def test_the_rules_beyond_the_schema_are_checked(cli, tmp_path):
    document = {**VALID, "DeploymentConfig": {"BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 900},
        "TerminationWaitInSeconds": 600, "MaximumExecutionTimeoutInSeconds": 1200}}}
    path = tmp_path / "endpoint.json"
    path.write_text(json.dumps(document))
    result = cli("validate", str(path))
    assert result.code == 2
    assert result.out.startswith("DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds (1200 s) "
                                 "must be larger than")


def test_the_operation_narrows_the_keys(cli, tmp_path):
    path = tmp_path / "endpoint.json"
    path.write_text(json.dumps({**VALID, "RetainDeploymentConfig": True}))
    assert cli("validate", str(path)).code == 0
    narrowed = cli("validate", str(path), "--operation", "create-endpoint")
    assert narrowed.code == 2
    assert narrowed.out.startswith("RetainDeploymentConfig is not a key of CreateEndpoint's")


def test_standard_input_and_unreadable_files(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(yaml.safe_dump(VALID)))
    assert cli("validate", "-").out == "valid\n"
    missing = cli("validate", str(tmp_path / "none.json"))
    assert (missing.code, missing.out) == (2, f"The input document {tmp_path}/none.json does not exist; pass an "
                                              f"existing file (path or file://path) or the document's JSON/YAML "
                                              f"text.\n")
    (tmp_path / "list.yaml").write_text("- EndpointName: ep\n")
    listed = cli("validate", str(tmp_path / "list.yaml"))
    assert listed.code == 2 and "holds list, not a mapping" in listed.out


def test_validate_needs_a_file(cli):
    result = cli("validate")
    assert result.code == 2
    assert "the following arguments are required: FILE" in result.err

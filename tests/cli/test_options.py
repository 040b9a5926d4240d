"""Option forms as the AWS CLI has them (shorthand and JSON lists, JSON structures, file://, --no- booleans),
argparse's errors (exit 2), AWS targeting (--region, --profile, --endpoint-url) and the help's exit codes."""
from __future__ import annotations

import json
import os
import re

import pytest

from pulumi_sagemaker_endpoint.lifecycle import update as deploy
from pulumi_sagemaker_endpoint.cli.exits import EXIT_CODES

from .conftest import tags_of


def test_tags_as_a_json_list(cli, sm):
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1",
                 "--tags", json.dumps([{"Key": "team", "Value": "ml"}, {"Key": "env", "Value": "dev"}]))
    assert result.code == 0, result.err
    assert tags_of(sm, "ep") == {"team": "ml", "env": "dev"}


def test_structures_and_lists_from_files(cli, live, tmp_path, monkeypatch):
    sent = []
    original = deploy.update_request
    monkeypatch.setattr(deploy, "update_request", lambda name, news: sent.append(original(name, news)) or sent[-1])
    config = {"RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
                                      "WaitIntervalInSeconds": 0}}
    (tmp_path / "deployment.json").write_text(json.dumps(config))
    (tmp_path / "exclude.json").write_text(json.dumps([{"VariantPropertyType": "DesiredInstanceCount"}]))
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                 "--deployment-config", f"file://{tmp_path}/deployment.json",
                 "--exclude-retained-variant-properties", f"file://{tmp_path}/exclude.json",
                 "--retain-all-variant-properties", "--wait")
    assert result.code == 0, result.err
    assert sent[0]["DeploymentConfig"] == config
    assert sent[0]["ExcludeRetainedVariantProperties"] == [{"VariantPropertyType": "DesiredInstanceCount"}]
    assert "RetainDeploymentConfig" not in sent[0], "a boolean left out is not sent"


@pytest.mark.parametrize("argv, message", [
    (["--deployment-config", "{nope"], "argument --deployment-config: not valid JSON (Expecting property name "
                                       "enclosed in double quotes at line 1 column 2); pass JSON in the API's shape"),
    (["--deployment-config", "[1]"], "argument --deployment-config: --deployment-config takes a JSON object ({...}), "
                                     "not list"),
    (["--deployment-config", "file:///nonexistent/x.json"], "argument --deployment-config: cannot read "
                                                            "/nonexistent/x.json (No such file or directory)"),
    (["--tags", "Key=team,Vaule=ml"], "argument --tags: 'Vaule' in 'Key=team,Vaule=ml' is not a key of --tags "
                                      "items; use Key, Value; see `sagemaker-endpoint create-endpoint --help`."),
    (["--tags", "Key=team,Value"], "argument --tags: 'Key=team,Value' is not shorthand such as Key=...,Value=..."),
    (["--wait-timeout", "soon"], "argument --wait-timeout: 'soon' is not a duration; write seconds or e.g. 90s"),
    (["--wait-timeout", "0"], "argument --wait-timeout: '0' must be longer than zero; see"),
    (["--generate-cli-skeleton", "xml"], "argument --generate-cli-skeleton: invalid choice: 'xml'"),
    (["--colour", "blue"], "unrecognized arguments: --colour blue"),
])
def test_option_errors_exit_2_naming_the_option(cli, emulator, argv, message):
    emulator.reset_stats()
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", *argv)
    assert result.code == 2
    assert result.err.startswith("error: sagemaker-endpoint"), "said as every other error is"
    assert message in result.err
    assert emulator.stats()["total"] == 0


def test_retain_flags_have_no_forms(cli, emulator):
    result = cli("update-endpoint", "--help")
    assert "--retain-all-variant-properties, --no-retain-all-variant-properties" in result.out
    assert "--retain-deployment-config, --no-retain-deployment-config" in result.out
    assert cli("create-endpoint", "--retain-deployment-config").code == 2, "create-endpoint has no such option"


# ---- targeting --------------------------------------------------------------------------------------------------

def test_endpoint_url_points_at_the_emulator_without_the_environment(cli, sm, emulator, monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1",
                 "--endpoint-url", emulator.url, "--wait")
    assert result.code == 0, result.err
    assert sm.describe_endpoint(EndpointName="ep")["EndpointStatus"] == "InService"
    described = cli("describe-endpoint", "--endpoint-name", "ep", "--endpoint-url", emulator.url)
    assert described.json["EndpointArn"] == result.json["EndpointArn"]


def test_region_selects_where_the_endpoint_is_made(cli, emulator):
    west = emulator.client("sagemaker", region_name="us-west-2")
    from tests.integration.support import make_config

    make_config(west, "cfg-west")
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-west",
                 "--region", "us-west-2")
    assert result.code == 0, result.err
    assert ":us-west-2:" in result.json["EndpointArn"]
    assert [e["EndpointName"] for e in west.list_endpoints()["Endpoints"]] == ["ep"]
    assert emulator.client("sagemaker").list_endpoints()["Endpoints"] == []


def test_a_profile_gives_its_region(cli, emulator, monkeypatch):
    west = emulator.client("sagemaker", region_name="us-west-2")
    from tests.integration.support import make_config

    make_config(west, "cfg-west")
    monkeypatch.delenv("AWS_REGION")
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    with open(os.environ["AWS_SHARED_CREDENTIALS_FILE"], "w") as credentials:  # a named profile has its own keys
        credentials.write("[other]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-west",
                 "--profile", "other")
    assert result.code == 0, result.err
    assert ":us-west-2:" in result.json["EndpointArn"]


def test_an_unknown_profile_is_invalid_input(cli, emulator):
    result = cli("describe-endpoint", "--endpoint-name", "ep", "--profile", "nobody")
    assert result.code == 2
    assert result.err == ("error: --profile 'nobody' is not a profile in the AWS config files; pass one that "
                          "`aws configure list-profiles` shows.\n")


def test_no_region_anywhere_is_invalid_input(cli, emulator, monkeypatch):
    monkeypatch.delenv("AWS_REGION")
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    result = cli("describe-endpoint", "--endpoint-name", "ep")
    assert result.code == 2
    assert result.err == ("error: No AWS region is set; pass --region, or set AWS_REGION / AWS_DEFAULT_REGION, or give the "
                          "profile a region.\n")


def test_an_endpoint_url_that_is_not_a_url_is_invalid_input(cli, emulator):
    result = cli("describe-endpoint", "--endpoint-name", "ep", "--endpoint-url", "localhost:5000")
    assert result.code == 2
    assert "--endpoint-url 'localhost:5000' is not a URL" in result.err


def test_expired_credentials_are_an_aws_error(cli, sm, emulator):
    emulator.configure(expired_credentials=True)
    result = cli("describe-endpoint", "--endpoint-name", "ep")
    assert result.code == 3
    assert "The AWS credentials were rejected while describing endpoint 'ep' (ExpiredTokenException)" in result.err


# ---- help -------------------------------------------------------------------------------------------------------

def test_help_shows_botocores_documentation_whole(cli):
    """Issue 18 (4): option help was cut mid-word at 100 characters ("...Region in your Ama...")."""
    result = cli("create-endpoint", "--help")
    shown = " ".join(result.out.split())
    assert ("The name of the endpoint. The name must be unique within an Amazon Web Services Region in your Amazon "
            "Web Services account. The name is case-insensitive in CreateEndpoint, but the case is preserved and "
            "must be matched in InvokeEndpoint.") in shown
    assert not re.search(r"\w\.\.\.(?!,)", result.out.replace("=...", "")), "no text cut short"


@pytest.mark.parametrize("command", ["create-endpoint", "update-endpoint", "delete-endpoint", "describe-endpoint",
                                     "validate"])
def test_every_command_documents_the_exit_codes(cli, command):
    result = cli(command, "--help")
    assert result.code == 0
    shown = " ".join(result.out.split())
    for code, meaning in EXIT_CODES:
        assert f"{code} {meaning}" in shown

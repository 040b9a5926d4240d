"""The real `pulumi` CLI: replacements (--replace, state taint, replacement_trigger), explicit names and
delete_before_replace, aliases and parents, import_, `pulumi import`, unknowns at preview, secrets."""
from __future__ import annotations

import json

import pytest

from pulumi_sagemaker_endpoint.core.owner import OWNER_TAG, owner, tag_value
from tests.integration.support import make_alarm, make_config, tags_of

from .programs import CONFIG_AND_ENDPOINT, ENDPOINT_WITH_OPTIONS, ENGINE_IMPORT


@pytest.fixture
def sm(emulator):
    client = emulator.client("sagemaker")
    make_config(client, "cfg-v1", instances=2)
    return client


def live(sm) -> list[str]:
    return sorted(e["EndpointName"] for e in sm.list_endpoints()["Endpoints"])


def options(stack, **given) -> None:
    stack.configure({"options": json.dumps(given)})


@pytest.mark.parametrize("how", ["--replace", "state taint", "replacement_trigger"])
def test_a_replacement_creates_the_new_endpoint_first_and_deletes_the_old(project, sm, how):
    stack = project(ENDPOINT_WITH_OPTIONS).init(config={"configName": "cfg-v1", "options": '{"trigger": "a"}'})
    stack.up()
    old = stack.endpoint()["id"]
    urn = stack.urn("inference")
    replace = ("--replace", urn) if how == "--replace" else ()
    if how == "state taint":
        stack.pulumi("state", "taint", "--stack", stack.stack, "--yes", urn)
    elif how == "replacement_trigger":
        options(stack, trigger="b")
    planned = stack.preview("--diff", *replace)
    run = stack.up(*replace)
    assert "+-1 replaced" in run.stdout, run
    new = stack.endpoint()["id"]
    assert new != old and new.startswith("inference-") and f'"{new}"' in planned.stdout, "the preview showed it"
    assert live(sm) == [new], "the new endpoint is live and the old one is gone"
    assert stack.endpoint()["outputs"]["endpointStatus"] == "InService"
    again = stack.up("--replace", urn)
    assert "+-1 replaced" in again.stdout and live(sm) == [stack.endpoint()["id"]] != [new], "and to a free name again"


def test_an_explicit_name_is_refused_before_anything_is_deleted_and_works_with_delete_before_replace(project, sm):
    stack = project(ENDPOINT_WITH_OPTIONS).init(config={"configName": "cfg-v1", "name": "ranker"})
    stack.up()
    refused = stack.up("--replace", stack.urn("inference"), expect=None)
    assert refused.code != 0
    assert "delete_before_replace=True" in refused.stdout, refused
    assert "Traceback" not in refused.output
    assert live(sm) == ["ranker"] and stack.endpoint()["id"] == "ranker"

    options(stack, deleteBeforeReplace=True)
    stack.up()
    before = sm.describe_endpoint(EndpointName="ranker")["CreationTime"]
    replaced = stack.up("--replace", stack.urn("inference"))
    assert "replaced" in replaced.stdout, replaced
    assert live(sm) == ["ranker"] and stack.endpoint()["id"] == "ranker"
    assert sm.describe_endpoint(EndpointName="ranker")["CreationTime"] > before, "a new endpoint of that name"
    assert [r["operation"] for r in stack.emulator.requests()
            if r["operation"] in ("CreateEndpoint", "DeleteEndpoint")][-2:] == ["DeleteEndpoint", "CreateEndpoint"]


def test_an_alias_rename_and_a_move_under_a_parent_keep_the_endpoint(project, sm):
    stack = project(ENDPOINT_WITH_OPTIONS).init(config={"configName": "cfg-v1"})
    stack.up()
    name = stack.endpoint()["id"]
    options(stack, logical="ranker", aliasNames=["inference"])
    renamed = stack.up()
    assert "replace" not in renamed.stdout and "~ 1 updated" in renamed.stdout, renamed
    assert stack.resources()[0]["urn"] == stack.urn("ranker") and stack.resources()[0]["id"] == name
    assert tags_of(sm, name)[OWNER_TAG] == tag_value(owner("organization", stack.urn("ranker"))), "retagged"

    options(stack, logical="ranker", parent="group")
    moved = stack.up()
    assert "replace" not in moved.stdout, moved
    [endpoint] = stack.resources()
    assert endpoint["id"] == name and endpoint["parent"].endswith("test:index:Group::group")
    assert live(sm) == [name]
    stack.preview("--expect-no-changes")


def test_import_option_adopts_and_removing_it_keeps_the_endpoint(project, sm, emulator):
    sm.create_endpoint(EndpointName="legacy", EndpointConfigName="cfg-v1")
    stack = project(ENDPOINT_WITH_OPTIONS).init(config={"configName": "cfg-v1", "options": '{"import": "legacy"}'})
    adopted = stack.up()
    assert "+ 2 created" in adopted.stdout, adopted  # the stack, and the adoption as the engine's create (README)
    assert stack.endpoint()["id"] == "legacy"
    assert emulator.stats()["calls"].get("CreateEndpoint", 0) == 1  # only the test's own
    options(stack)
    stack.configure({"name": "legacy"})
    kept = stack.up()
    assert "replace" not in kept.stdout, kept
    assert live(sm) == ["legacy"] and stack.endpoint()["id"] == "legacy"


def test_the_engines_import_of_the_dynamic_type_fails_and_changes_nothing(project, sm):
    """pulumi/pulumi#16175: the engine's ImportStep Reads without the serialized provider. `pulumi import` takes
    the same step; here it stops earlier, at loading pulumi-language-python, which the proxy does not serve."""
    sm.create_endpoint(EndpointName="legacy", EndpointConfigName="cfg-v1")
    stack = project(ENGINE_IMPORT).init()
    run = stack.up(expect=None)
    assert run.code != 0, run
    assert "__provider" in run.output, run
    assert stack.resources() == [] and live(sm) == ["legacy"]
    cli = stack.pulumi("import", "pulumi-python:dynamic/sagemaker:Endpoint", "legacy", "legacy", "--yes",
                       "--stack", stack.stack, expect=1)
    assert "no language plugin 'pulumi-language-python'" in cli.output, cli
    assert stack.resources() == [] and live(sm) == ["legacy"]


def test_a_config_name_unknown_at_preview_previews_cleanly(project, sm, emulator):
    make_alarm(emulator.client("cloudwatch"), "p99-latency")
    stack = project(CONFIG_AND_ENDPOINT).init(config={"model": "model-v1"})
    first = stack.preview("--diff")
    assert "+ pulumi-python:dynamic/sagemaker:Endpoint: (create)" in first.stdout, first
    stack.up()
    stack.configure({"model": "model-v2"})
    replaced_config = stack.preview("--diff")
    assert "endpointConfigName" in replaced_config.stdout and "Traceback" not in replaced_config.output
    assert "error" not in replaced_config.stdout.lower(), replaced_config


def test_a_secret_tag_stays_secret_and_no_credential_reaches_the_state_or_the_output(project, sm, emulator):
    make_alarm(emulator.client("cloudwatch"), "p99-latency")
    credentials = {"AWS_ACCESS_KEY_ID": "AKIAPULUMITESTKEY777", "AWS_SECRET_ACCESS_KEY": "never-in-state-9f8e7d",
                   "AWS_SESSION_TOKEN": "session-token-never-in-state"}
    stack = project(CONFIG_AND_ENDPOINT, env=credentials).init(config={"model": "model-v1"})
    stack.configure({"ownerTag": "s3cr3t-owner"}, secret=["ownerTag"])
    printed = [stack.up().output, stack.pulumi("refresh", "--yes", "--skip-preview").output,
               stack.preview("--diff").output]
    state = stack.raw_export()
    assert "s3cr3t-owner" not in state and "s3cr3t-owner" not in "".join(printed)
    [endpoint] = stack.resources()
    assert json.loads(endpoint["outputs"]["tags"]["owner"]["plaintext"]) == "s3cr3t-owner"  # a secret in the state
    assert json.loads(state)["deployment"]["resources"]  # the plain export has the resources, secrets encrypted
    name = endpoint["id"]
    arn = sm.describe_endpoint(EndpointName=name)["EndpointArn"]
    assert {"Key": "owner", "Value": "s3cr3t-owner"} in sm.list_tags(ResourceArn=arn)["Tags"]
    everything = stack.pulumi("stack", "export", "--stack", stack.stack, "--show-secrets").stdout + "".join(printed)
    for value in credentials.values():
        assert value not in everything

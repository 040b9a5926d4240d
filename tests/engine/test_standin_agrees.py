"""The engine stand-in sends what the real engine sends.

The same scenario runs twice against one emulator: once as a real project under the `pulumi` CLI, once through
`engine_standin` (the suites of tests/integration, tests/faults and the quickstart's CLI-less path use it). The
provider server records every RPC it receives in both (tests/harness/provider_site/rpc_log.py), and the requests of
the resource's RPCs must be equal field for field, but for what is random or the time of day. The provider
configuration is compared for what the provider reads of it. Where they differed, the stand-in was fixed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.harness import Declaration, Engine, Options, ProviderServer, quick_polling
from tests.harness.provider_site import rpc_log
from tests.integration.support import PROVIDER, TYPE, make_config, props

from .project import Project
from .programs import ONE_ENDPOINT

RESOURCE_RPCS = ("Check", "Diff", "Create", "Update", "Read", "Delete")
#: Fields the provider never reads and that differ by nature: a fresh random seed per Check, the address of the
#: CLI's resource-status service (the stand-in has none).
UNREAD = ("randomSeed", "resourceStatusAddress", "resourceStatusToken")
#: What the provider reads of its configuration (face/provider.py configure) and the protocol flags.
CONFIGURE_READS = ("acceptResources", "acceptSecrets", "sendsOldInputs", "sendsOldInputsToDelete")
TIME = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+\+00:00")


def resource_rpcs(log: Path) -> list[tuple[str, Any]]:
    calls = []
    for record in rpc_log.read(str(log)):
        if record["method"] in RESOURCE_RPCS:
            request = {k: v for k, v in record["request"].items() if k not in UNREAD}
            calls.append((record["method"], json.loads(TIME.sub("<time>", json.dumps(request)))))
    return calls


def configures(log: Path) -> list[dict[str, Any]]:
    return [{**{k: r["request"].get(k) for k in CONFIGURE_READS}, "region": r["request"]["args"].get("aws:region")}
            for r in rpc_log.read(str(log)) if r["method"] == "Configure"]


def through_the_cli(project: Callable[..., Project], emulator: Any, log: Path, steps: list[tuple[str, ...]]) -> None:
    stack = project(ONE_ENDPOINT, env={rpc_log.ENV: str(log)}).init(config={"configName": "cfg-v1"})
    for step in steps:
        if step[0] == "config":
            stack.configure({"configName": step[1]})
        else:
            stack.pulumi(*step)


def through_the_standin(emulator: Any, log: Path, steps: list[tuple[str, ...]]) -> None:
    config_name = "cfg-v1"
    with ProviderServer(quick_polling({**emulator.env(), rpc_log.ENV: str(log)})) as server:
        engine = Engine(server, {"aws:region": "us-east-1"}, project="test")
        urn = engine.urn("inference", TYPE)
        for step in steps:
            declared = [Declaration("inference", TYPE, props(endpointConfigName=config_name), PROVIDER, Options())]
            if step[0] == "config":
                config_name = step[1]
            elif step[0] == "up":
                engine.deploy(declared, replace=[urn] if "--replace" in step else ())
            elif step[0] == "preview":
                engine.deploy(declared, preview=True)
            elif step[0] == "refresh":
                engine.refresh("inference")
            elif step[0] == "destroy":
                engine.destroy("inference")


UP = ("up", "--yes", "--skip-preview")
SCENARIOS = {
    "create, no-op, update, refresh, destroy": [UP, ("preview",), ("config", "cfg-v2"), UP,
                                                 ("refresh", "--yes", "--skip-preview"),
                                                 ("destroy", "--yes", "--skip-preview")],
    "replace": [UP, (*UP, "--replace", "urn:pulumi:dev::test::pulumi-python:dynamic/sagemaker:Endpoint::inference")],
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_standin_sends_the_provider_what_the_real_engine_sends(project, emulator, tmp_path, scenario):
    steps = SCENARIOS[scenario]
    logs = {"cli": tmp_path / "cli.jsonl", "standin": tmp_path / "standin.jsonl"}
    for run in ("cli", "standin"):
        emulator.reset()
        sm = emulator.client("sagemaker")
        make_config(sm, "cfg-v1")
        make_config(sm, "cfg-v2", model="model-v2")
        if run == "cli":
            through_the_cli(project, emulator, logs[run], steps)
        else:
            through_the_standin(emulator, logs[run], steps)
    cli, standin = resource_rpcs(logs["cli"]), resource_rpcs(logs["standin"])
    assert [m for m, _ in cli] == [m for m, _ in standin]
    for (method, sent), (_, imitated) in zip(cli, standin):
        assert imitated == sent, method
    assert len(cli) >= 4
    assert {json.dumps(c, sort_keys=True) for c in configures(logs["standin"])} == \
        {json.dumps(c, sort_keys=True) for c in configures(logs["cli"])}


BAD_INPUTS = {"name": "Not_A_Valid_Name", "tags": {"aws:team": "ml"}, "deploymentConfig": {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 99999}}}}
BAD_PROGRAM = """
import pulumi
from pulumi_sagemaker_endpoint import Endpoint

Endpoint("inference", endpoint_config_name="cfg-v1", name="Not_A_Valid_Name", tags={"aws:team": "ml"},
         deployment_config={"blue_green_update_policy": {
             "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 99999}}})
"""


def test_the_standin_words_check_failures_as_the_engine_does(project, emulator, provider_server):
    make_config(emulator.client("sagemaker"), "cfg-v1")
    stack = project(BAD_PROGRAM).init()
    printed = stack.preview(expect=1).stdout.split("Diagnostics:", 1)[1]
    engine_says = {line.strip()[len("error: "):] for line in printed.splitlines()
                   if line.strip().startswith("error: pulumi-python:dynamic/sagemaker:Endpoint resource")}
    engine = Engine(provider_server, {"aws:region": "us-east-1"}, project="test")
    result = engine.deploy([Declaration("inference", TYPE, props(endpointConfigName="cfg-v1", **BAD_INPUTS),
                                        PROVIDER, Options())], preview=True)
    [failed] = result.errors
    assert len(engine_says) == 4  # name, tags, the wait interval, the missing canary size
    assert set(failed.messages) == engine_says

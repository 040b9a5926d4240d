"""The same mistakes through the real AWS CLI (`aws sagemaker ...`, pointed at the emulator) and through ours: ours
exits with the code its contract gives the failure class, and says at least every fact the AWS CLI's message says
(which endpoint, config, variant, value, rule), naming the endpoint or the option besides."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from pulumi_sagemaker_endpoint.aws import find
from tests.harness import STARTUP_TIMEOUT

from .conftest import Result

AWS = shutil.which("aws")
pytestmark = pytest.mark.skipif(AWS is None, reason="the AWS CLI (aws) is not on PATH")

BIG_CANARY = json.dumps({"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
    "Type": "CANARY", "WaitIntervalInSeconds": 60, "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 3}}}})

# What a precise message says; each pattern is one fact, whoever's words say it.
FACTS = {
    "the endpoint": r"\bep\b|\bnope\b",
    "the config": r"\bcfg-(?:none|v1|v2)\b",
    "the variant": r"\bprimary\b",
    "the value": r"\b3\b|bad_name",
    "the limit": r"50 ?%",
    "the instance count": r"\b4\b",
    "it is missing": r"could not find|does not exist",
    "it is busy": r"in-progress|is updating",
    "it exists already": r"already exist",
    "the rule": r"\[a-zA-Z0-9\]|letters, digits and hyphens",
    "the option": r"--[a-z-]+|\b(?:EndpointName|DeploymentConfig)\b",  # the flag, or the API path of its value
}


@dataclass
class Mistake:
    name: str
    command: tuple[str, ...]
    code: int  # ours, by the contract
    facts: tuple[str, ...]
    setup: Callable[[Any, Any], None] = lambda emulator, sm: None
    live: bool = False


def rolling(emulator: Any, sm: Any) -> None:
    emulator.hold("ep", "provision")
    sm.update_endpoint(EndpointName="ep", EndpointConfigName="cfg-v2")
    assert emulator.wait_held("ep") == "provision"


MISTAKES = [
    Mistake("unknown config", ("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-none"), 3,
            ("the endpoint", "the config", "it is missing", "the option")),
    Mistake("in-progress update", ("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1"), 3,
            ("the endpoint", "it is busy", "the option"), setup=rolling, live=True),
    Mistake("bad canary size", ("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2",
                                "--deployment-config", BIG_CANARY), 2,
            ("the variant", "the config", "the value", "the limit", "the instance count", "the option"), live=True),
    Mistake("missing endpoint", ("describe-endpoint", "--endpoint-name", "nope"), 3,
            ("the endpoint", "it is missing", "the option")),
    Mistake("missing endpoint to delete", ("delete-endpoint", "--endpoint-name", "nope"), 3,
            ("the endpoint", "it is missing", "the option")),
    Mistake("invalid endpoint name", ("create-endpoint", "--endpoint-name", "bad_name", "--endpoint-config-name",
                                      "cfg-v1"), 2, ("the value", "the rule", "the option")),
    Mistake("name in use", ("create-endpoint", "--endpoint-name", "EP", "--endpoint-config-name", "cfg-v1"), 3,
            ("the endpoint", "it exists already", "the option"), live=True),
]


def said(message: str, facts: tuple[str, ...]) -> set[str]:
    return {fact for fact in facts if re.search(FACTS[fact], message, re.IGNORECASE)}


def aws_cli(emulator: Any, *args: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(emulator.env(), AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_PAGER="")
    done = subprocess.run([str(AWS), "sagemaker", *args], env=env, capture_output=True, text=True,
                          timeout=STARTUP_TIMEOUT)
    return done.returncode, done.stderr.strip()


@pytest.mark.parametrize("mistake", MISTAKES, ids=[mistake.name for mistake in MISTAKES])
def test_ours_is_at_least_as_precise_as_the_aws_cli(cli: Callable[..., Result], sm, emulator, monkeypatch, mistake):
    monkeypatch.setattr(find, "CONSISTENCY_RETRY_SECONDS", 0.2)  # a config that never appears: no long retry
    if mistake.live:
        assert cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait").code == 0
    mistake.setup(emulator, sm)
    theirs_code, theirs = aws_cli(emulator, *mistake.command)
    ours = cli(*mistake.command)
    assert theirs_code != 0 and theirs.startswith("An error occurred (ValidationException)"), theirs
    assert ours.code == mistake.code, ours.err
    [sentence] = ours.errors
    assert said(theirs, mistake.facts), "the control: the AWS CLI's message says something"
    missing = said(theirs, mistake.facts) - said(sentence, mistake.facts)
    assert not missing, f"the AWS CLI says {sorted(missing)} and ours does not:\n  {theirs}\n  {sentence}"
    assert said(sentence, mistake.facts) & {"the endpoint", "the option"}, "ours names the endpoint or option"
    emulator.release("ep")

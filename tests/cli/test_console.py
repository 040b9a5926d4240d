"""The console entry: `python -m pulumi_sagemaker_endpoint` in its own process against the emulator."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.harness import STARTUP_TIMEOUT
from tests.integration.support import make_config


def run(emulator, *argv: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(emulator.env())
    return subprocess.run([sys.executable, "-m", "pulumi_sagemaker_endpoint", *argv], env=env, capture_output=True,
                          text=True, timeout=STARTUP_TIMEOUT)


def test_create_describe_delete_in_a_subprocess(emulator):
    make_config(emulator.client("sagemaker"), "cfg-v1")
    created = run(emulator, "create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1",
                  "--tags", "Key=team,Value=ml", "--wait")
    assert created.returncode == 0, created.stderr
    arn = json.loads(created.stdout)["EndpointArn"]
    assert "endpoint ep: InService" in created.stderr.splitlines()

    described = run(emulator, "describe-endpoint", "--endpoint-name", "ep")
    assert json.loads(described.stdout)["EndpointArn"] == arn

    deleted = run(emulator, "delete-endpoint", "--endpoint-name", "ep", "--wait")
    assert (deleted.returncode, deleted.stdout) == (0, "")
    assert emulator.client("sagemaker").list_endpoints()["Endpoints"] == []

    missing = run(emulator, "describe-endpoint", "--endpoint-name", "ep")
    assert missing.returncode == 3
    invalid = run(emulator, "create-endpoint", "--endpoint-name", "ep", "--deployment-config", "{")
    assert invalid.returncode == 2

"""The real AWS CLI against the emulator: the new operations answer as the CLI expects."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest

from sagemaker_emulator import Emulator
from tests.harness import STARTUP_TIMEOUT

from .conftest import Hosting

AWS = shutil.which("aws")
pytestmark = pytest.mark.skipif(AWS is None, reason="the AWS CLI (aws) is not on PATH")


def aws(emulator: Emulator, *args: str, ok: bool = True) -> Any:
    """Run ``aws <args> --output json`` against the emulator only (no profile or credentials file of the machine)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(emulator.env(), AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_PAGER="")
    done = subprocess.run([str(AWS), *args, "--output", "json"], env=env, capture_output=True, text=True, timeout=STARTUP_TIMEOUT)
    if not ok:
        assert done.returncode != 0, done.stdout
        return done.stderr
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_autoscaling_and_weights_and_capacities_through_the_cli(hosting: Hosting, emulator: Emulator) -> None:
    hosting.endpoint("cli", count=2)
    resource = "endpoint/cli/variant/AllTraffic"
    registered = aws(
        emulator, "application-autoscaling", "register-scalable-target", "--service-namespace", "sagemaker",
        "--resource-id", resource, "--scalable-dimension", "sagemaker:variant:DesiredInstanceCount",
        "--min-capacity", "1", "--max-capacity", "4",
    )
    assert registered["ScalableTargetARN"].startswith("arn:aws:application-autoscaling:us-east-1:123456789012:")
    [target] = aws(emulator, "application-autoscaling", "describe-scalable-targets", "--service-namespace", "sagemaker")[
        "ScalableTargets"
    ]
    assert (target["ResourceId"], target["MinCapacity"], target["MaxCapacity"]) == (resource, 1, 4)

    emulator.hold("cli", "capacity")
    updated = aws(
        emulator, "sagemaker", "update-endpoint-weights-and-capacities", "--endpoint-name", "cli",
        "--desired-weights-and-capacities", "VariantName=AllTraffic,DesiredInstanceCount=3,DesiredWeight=2",
    )
    assert updated == {"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/cli"}
    assert emulator.wait_held("cli") == "capacity"
    updating = aws(emulator, "sagemaker", "describe-endpoint", "--endpoint-name", "cli")
    assert updating["EndpointStatus"] == "Updating"
    [variant] = updating["ProductionVariants"]
    assert (variant["CurrentInstanceCount"], variant["DesiredInstanceCount"], variant["DesiredWeight"]) == (2, 3, 2.0)
    assert variant["VariantStatus"][0]["Status"] == "Updating"
    emulator.release("cli", "capacity")
    hosting.wait_status("cli", "InService")
    [variant] = aws(emulator, "sagemaker", "describe-endpoint", "--endpoint-name", "cli")["ProductionVariants"]
    assert (variant["CurrentInstanceCount"], variant["CurrentWeight"]) == (3, 2.0)

    refused = aws(
        emulator, "sagemaker", "update-endpoint-weights-and-capacities", "--endpoint-name", "cli",
        "--desired-weights-and-capacities", "VariantName=Nope,DesiredWeight=1", ok=False,
    )
    assert "(ValidationException) when calling the UpdateEndpointWeightsAndCapacities operation" in refused
    assert 'The variant name(s) "Nope" is/are not present within endpoint configuration "cli-cfg".' in refused
    aws(emulator, "sagemaker", "delete-endpoint", "--endpoint-name", "cli")
    assert aws(emulator, "application-autoscaling", "describe-scalable-targets", "--service-namespace", "sagemaker") == {
        "ScalableTargets": []
    }

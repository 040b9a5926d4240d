"""The real `pulumi` CLI: one program promoted through dev, staging and prod, each stack in its own region with its
own deployment config (`pulumi config set`), a later stage serving what the stage before it exports."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.harness import REPO_ROOT
from tests.integration.support import make_alarm, make_config

from .programs import PROMOTED

CANARY = {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 300,
                                      "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
    "maximum_execution_timeout_in_seconds": 3600},
    "auto_rollback_configuration": {"alarms": [{"alarm_name": "5xx"}]}}
STAGES = {
    "dev": {"aws:region": "us-east-1", "modelVersion": "14"},
    "staging": {"aws:region": "us-west-2", "promoteFrom": "dev", "deployment": json.dumps(CANARY)},
    "prod": {"aws:region": "eu-west-1", "promoteFrom": "staging", "deployment": json.dumps(CANARY)},
}


def regional(emulator, service: str, stage: str):
    return emulator.client(service, region_name=STAGES[stage]["aws:region"])


def serves(emulator, stage: str) -> str:
    return regional(emulator, "sagemaker", stage).describe_endpoint(EndpointName=f"test-{stage}")["EndpointConfigName"]


def test_one_program_is_promoted_through_three_stacks(project, emulator):
    for stage in STAGES:
        for version in ("14", "15"):
            make_config(regional(emulator, "sagemaker", stage), f"cfg-{version}", model=f"model-{version}")
        make_alarm(regional(emulator, "cloudwatch", stage), "5xx")
    stacks = project(PROMOTED)
    for stage, config in STAGES.items():
        stacks.init(stage, config)
    for stage in STAGES:
        stacks.stack = stage
        stacks.up()
        assert serves(emulator, stage) == "cfg-14"

    stacks.stack = "dev"
    stacks.configure({"modelVersion": "15"})
    stacks.up()
    assert serves(emulator, "dev") == "cfg-15" and serves(emulator, "staging") == "cfg-14"
    for stage in ("staging", "prod"):
        stacks.stack = stage
        preview = stacks.preview("--diff")
        assert ("cfg-14 -> cfg-15: CANARY 1 of 4 instances, bake 300 s, then the rest; roll back on alarms "
                "5xx; give up after 3600 s") in preview.stdout, preview
        stacks.up()
        assert serves(emulator, stage) == "cfg-15"
        described = regional(emulator, "sagemaker", stage).describe_endpoint(EndpointName=f"test-{stage}")
        assert described["LastDeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"][
            "Type"] == "CANARY"
    assert stacks.pulumi("stack", "output", "modelVersion", "--stack", "prod").stdout.strip() == "15"


@pytest.mark.parametrize("example", ["promotion", "blue-green", "autoscaling", "inference-components"])
def test_each_example_runs_until_it_needs_the_aws_plugin(project, emulator, example):
    """The examples declare pulumi_aws resources, whose provider plugin cannot be built here: each program runs with
    its own Pulumi.yaml and dev stack config, and the CLI stops at the first AWS resource, nowhere earlier."""
    source = REPO_ROOT / "examples" / example
    name = yaml.safe_load((source / "Pulumi.yaml").read_text(encoding="utf-8"))["name"]
    stack = project((source / "__main__.py").read_text(encoding="utf-8"), name=name)
    for file in ("Pulumi.yaml", "Pulumi.dev.yaml"):
        shutil.copy(source / file, stack.dir / file)
    stack.pulumi("stack", "init", "dev")
    stack.stack = "dev"
    preview = stack.preview(expect=None)
    assert preview.code != 0
    assert "pulumi-resource-aws" in preview.output or "resource plugin 'aws'" in preview.output, preview
    assert "Traceback" not in preview.output and "missing configuration" not in preview.output

"""`pulumi preview` / `up` / `destroy` of examples/quickstart through the Automation API, against the emulator.

These need the `pulumi` CLI; where it is not on PATH they are skipped. They never replace the harness tests,
which drive the same provider through the SDK's dynamic provider server without the CLI.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pulumi_sagemaker_endpoint.cli.quickstart import CONFIGS, project_dir, seed

pytestmark = pytest.mark.skipif(shutil.which("pulumi") is None,
                                reason="the pulumi CLI is not on PATH (these tests run the real engine)")


@pytest.fixture
def stack(emulator, tmp_path: Path):
    from pulumi import automation as auto

    seed(emulator.client("sagemaker"))
    env = {**emulator.env(), "PULUMI_BACKEND_URL": f"file://{tmp_path}", "PULUMI_CONFIG_PASSPHRASE": "test"}
    options = auto.LocalWorkspaceOptions(work_dir=str(project_dir()), env_vars=env)
    stack = auto.create_or_select_stack("automation-test", work_dir=str(project_dir()), opts=options)
    stack.set_config("aws:region", auto.ConfigValue("us-east-1"))
    yield stack
    stack.destroy()
    stack.workspace.remove_stack("automation-test")


def test_preview_up_noop_update_destroy(stack, emulator):
    from pulumi import automation as auto

    sm = emulator.client("sagemaker")
    stack.set_config("endpointConfigName", auto.ConfigValue(CONFIGS[0]))
    assert stack.preview().change_summary.get("create") == 1
    up = stack.up()
    name = up.outputs["endpoint_name"].value
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == CONFIGS[0]
    assert stack.preview().change_summary.get("same") == 2  # the stack and the endpoint
    stack.set_config("endpointConfigName", auto.ConfigValue(CONFIGS[1]))
    assert stack.up().summary.resource_changes.get("update") == 1
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == CONFIGS[1]
    stack.destroy()
    assert sm.list_endpoints()["Endpoints"] == []

"""A Pulumi program under `pulumi.runtime.set_mocks`: the Endpoint registers the right inputs, and its provider
serializes by reference with nothing secret in it."""
from __future__ import annotations

import base64
from pathlib import Path

import dill
import pulumi_aws as aws

from pulumi_sagemaker_endpoint.check.review import check_inputs
from engine_standin.program import capture
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider

ROOT = Path(__file__).resolve().parents[3]


def test_quickstart_registers_an_endpoint_with_its_inputs():
    [endpoint] = capture(ROOT / "examples" / "quickstart", "qs", "dev", {"endpointConfigName": "cfg-1"})
    assert endpoint.type == "pulumi-python:dynamic/sagemaker:Endpoint"
    assert endpoint.name == "quickstart"
    assert endpoint.inputs["endpointConfigName"] == "cfg-1"
    assert endpoint.inputs["tags"] == {"app": "quickstart"}
    assert endpoint.inputs["owner"] == "organization/urn:pulumi:dev::qs::pulumi-python:dynamic/sagemaker:Endpoint::quickstart"


def test_provider_serializes_by_reference_and_carries_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY123456")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    [endpoint] = capture(ROOT / "examples" / "quickstart", "qs", "dev", {"endpointConfigName": "cfg-1"})
    raw = base64.b64decode(endpoint.inputs["__provider"])
    assert b"pulumi_sagemaker_endpoint.face.provider" in raw and b"EndpointProvider" in raw
    assert len(raw) < 200, "a reference to the class, not its code"
    assert b"AKIA" not in raw and b"wJalr" not in raw
    provider = dill.loads(raw)
    assert isinstance(provider, EndpointProvider) and vars(provider) == {}


def test_pulumi_aws_args_objects_become_the_state_form(tmp_path):
    program = tmp_path / "__main__.py"
    program.write_text(
        "import pulumi_aws as aws\n"
        "from pulumi_sagemaker_endpoint import Endpoint\n"
        "Endpoint('ep', endpoint_config_name='cfg', deployment_config=aws.sagemaker.EndpointDeploymentConfigArgs(\n"
        "    blue_green_update_policy=aws.sagemaker.EndpointDeploymentConfigBlueGreenUpdatePolicyArgs(\n"
        "        traffic_routing_configuration=aws.sagemaker."
        "EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationArgs(\n"
        "            type='CANARY', wait_interval_in_seconds=300,\n"
        "            canary_size=aws.sagemaker."
        "EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationCanarySizeArgs(\n"
        "                type='INSTANCE_COUNT', value=1)),\n"
        "        maximum_execution_timeout_in_seconds=3600)))\n")
    [endpoint] = capture(tmp_path, "p", "s", {})
    inputs, failures = check_inputs({}, endpoint.inputs)
    assert failures == []
    routing = inputs["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]
    assert routing == {"type": "CANARY", "waitIntervalInSeconds": 300, "canarySize": {"type": "INSTANCE_COUNT",
                                                                                       "value": 1}}
    assert isinstance(routing["waitIntervalInSeconds"], int), "wire floats become the API's integers"
    assert aws is not None


def test_custom_timeouts_reach_the_inputs(tmp_path):
    program = tmp_path / "__main__.py"
    program.write_text(
        "import pulumi\n"
        "from pulumi_sagemaker_endpoint import Endpoint\n"
        "Endpoint('ep', endpoint_config_name='cfg', opts=pulumi.ResourceOptions(\n"
        "    custom_timeouts=pulumi.CustomTimeouts(create='45m', update='2h30m')))\n")
    [endpoint] = capture(tmp_path, "p", "s", {})
    assert endpoint.inputs["timeouts"] == {"create": 2700.0, "update": 9000.0}


def test_import_option_becomes_the_import_id_input(tmp_path):
    program = tmp_path / "__main__.py"
    program.write_text(
        "import pulumi\n"
        "from pulumi_sagemaker_endpoint import Endpoint\n"
        "Endpoint('ep', endpoint_config_name='cfg', opts=pulumi.ResourceOptions(import_='legacy'))\n")
    [endpoint] = capture(tmp_path, "p", "s", {})
    assert endpoint.inputs["importId"] == "legacy"
    inputs, failures = check_inputs({}, endpoint.inputs)
    assert failures == [] and inputs["name"] == "legacy"

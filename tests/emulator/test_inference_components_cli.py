"""The real AWS CLI (v1) against the emulator's inference components: the five commands answer as the CLI expects."""

from __future__ import annotations

import json

from sagemaker_emulator import Emulator

from .components import ARN, SPEC, SPEC_V2, Components, key, rolling
from .conftest import Hosting, wait_for
from .test_aws_cli import aws, pytestmark  # noqa: F401  (skipped without the CLI, as there)


def test_inference_component_lifecycle_through_the_cli(hosting: Hosting, emulator: Emulator) -> None:
    ics = Components(hosting)
    ics.model()
    ics.endpoint("cli-host")

    emulator.hold(key("cli-ic"), "create")
    created = aws(
        emulator, "sagemaker", "create-inference-component", "--inference-component-name", "cli-ic",
        "--endpoint-name", "cli-host", "--variant-name", "AllTraffic", "--specification", json.dumps(SPEC),
        "--runtime-config", "CopyCount=4", "--tags", "Key=team,Value=ml",
    )
    assert created == {"InferenceComponentArn": f"{ARN}:inference-component/cli-ic"}
    assert emulator.wait_held(key("cli-ic")) == "create"
    creating = aws(emulator, "sagemaker", "describe-inference-component", "--inference-component-name", "cli-ic")
    assert creating["InferenceComponentStatus"] == "Creating"
    assert creating["RuntimeConfig"] == {"DesiredCopyCount": 4, "CurrentCopyCount": 0}
    emulator.release(key("cli-ic"), "create")
    ics.wait("cli-ic", "InService")
    described = aws(emulator, "sagemaker", "describe-inference-component", "--inference-component-name", "cli-ic")
    assert (described["InferenceComponentStatus"], described["Specification"]) == ("InService", SPEC)
    assert described["RuntimeConfig"] == {"DesiredCopyCount": 4, "CurrentCopyCount": 4}

    listed = aws(emulator, "sagemaker", "list-inference-components", "--endpoint-name-equals", "cli-host")
    [summary] = listed["InferenceComponents"]
    assert (summary["InferenceComponentName"], summary["VariantName"], summary["InferenceComponentStatus"]) == (
        "cli-ic", "AllTraffic", "InService"
    )
    assert aws(emulator, "sagemaker", "list-inference-components", "--status-equals", "Failed") == {
        "InferenceComponents": []
    }

    config = rolling(2, wait=120)
    emulator.hold(key("cli-ic"), "bake")
    updated = aws(
        emulator, "sagemaker", "update-inference-component", "--inference-component-name", "cli-ic",
        "--specification", json.dumps(SPEC_V2), "--deployment-config", json.dumps(config),
    )
    assert updated == {"InferenceComponentArn": f"{ARN}:inference-component/cli-ic"}
    assert emulator.wait_held(key("cli-ic")) == "bake"
    updating = aws(emulator, "sagemaker", "describe-inference-component", "--inference-component-name", "cli-ic")
    assert updating["InferenceComponentStatus"] == "Updating"
    assert updating["RuntimeConfig"] == {"DesiredCopyCount": 4, "CurrentCopyCount": 6}
    assert updating["LastDeploymentConfig"] == config
    emulator.release(key("cli-ic"), "bake")
    ics.wait("cli-ic", "InService")
    done = aws(emulator, "sagemaker", "describe-inference-component", "--inference-component-name", "cli-ic")
    assert done["Specification"]["Container"]["DeployedImage"]["SpecifiedImage"] == SPEC_V2["Container"]["Image"]

    refused = aws(
        emulator, "sagemaker", "update-inference-component", "--inference-component-name", "cli-ic",
        "--specification", json.dumps(SPEC), "--deployment-config", json.dumps(rolling(3)), ok=False,
    )
    assert "(ValidationException) when calling the UpdateInferenceComponent operation" in refused
    assert "MaximumBatchSize of 3 copy(ies) is not valid" in refused

    still_hosting = aws(emulator, "sagemaker", "delete-endpoint", "--endpoint-name", "cli-host", ok=False)
    assert "(ValidationException) when calling the DeleteEndpoint operation" in still_hosting
    assert "while it hosts inference components [cli-ic]" in still_hosting

    assert aws(emulator, "sagemaker", "delete-inference-component", "--inference-component-name", "cli-ic") is None
    wait_for(lambda: ics.gone("cli-ic"), what="cli-ic gone")
    gone = aws(emulator, "sagemaker", "describe-inference-component", "--inference-component-name", "cli-ic", ok=False)
    assert f'Could not find inference component "{ARN}:inference-component/cli-ic".' in gone
    aws(emulator, "sagemaker", "delete-endpoint", "--endpoint-name", "cli-host")


def test_ic_endpoint_config_and_copy_count_scaling_through_the_cli(hosting: Hosting, emulator: Emulator) -> None:
    ics = Components(hosting)
    role = "arn:aws:iam::123456789012:role/emulator-tests"
    variant = {
        "VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1,
        "ManagedInstanceScaling": {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 3},
        "RoutingConfig": {"RoutingStrategy": "RANDOM"},
    }
    aws(
        emulator, "sagemaker", "create-endpoint-config", "--endpoint-config-name", "cli-ic-cfg",
        "--execution-role-arn", role, "--production-variants", json.dumps([variant]),
    )
    described = aws(emulator, "sagemaker", "describe-endpoint-config", "--endpoint-config-name", "cli-ic-cfg")
    assert described["ExecutionRoleArn"] == role and described["ProductionVariants"] == [variant]

    hosting.endpoint("cli-scaled", config="cli-ic-cfg")
    ics.in_service("cli-copies", "cli-scaled", copies=1)
    aws(
        emulator, "application-autoscaling", "register-scalable-target", "--service-namespace", "sagemaker",
        "--resource-id", "inference-component/cli-copies", "--scalable-dimension",
        "sagemaker:inference-component:DesiredCopyCount", "--min-capacity", "0", "--max-capacity", "2",
    )
    [target] = aws(emulator, "application-autoscaling", "describe-scalable-targets", "--service-namespace", "sagemaker")[
        "ScalableTargets"
    ]
    assert (target["ResourceId"], target["MinCapacity"], target["MaxCapacity"]) == ("inference-component/cli-copies", 0, 2)
    aws(
        emulator, "sagemaker", "update-inference-component-runtime-config", "--inference-component-name", "cli-copies",
        "--desired-runtime-config", "CopyCount=2",
    )
    assert ics.copies(ics.wait("cli-copies", "InService")) == (2, 2)


def test_managed_instance_scaling_shows_in_describe_endpoint_through_the_cli(
        hosting: Hosting, emulator: Emulator) -> None:
    scaling = {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}
    Components(hosting).endpoint("cli-managed", ManagedInstanceScaling=scaling)
    emulator.managed_scale("cli-managed", "AllTraffic", 0)
    described = aws(emulator, "sagemaker", "describe-endpoint", "--endpoint-name", "cli-managed")
    [variant] = described["ProductionVariants"]
    assert described["EndpointStatus"] == "InService"
    assert (variant["CurrentInstanceCount"], variant["DesiredInstanceCount"]) == (0, 0)
    assert variant["ManagedInstanceScaling"] == scaling

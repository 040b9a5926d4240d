"""Deployment guardrails "Exclusions": with AWS Marketplace containers or Inf1 instances a DeploymentConfig falls back
to a blue/green, all-at-once deployment with no baking period (so no alarm is watched)."""

from __future__ import annotations

from typing import Any

from .conftest import Hosting

PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/vendor-model/1"


def canary_with_alarm(alarm: str) -> dict[str, Any]:
    return {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "CANARY", "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 600
            },
            "TerminationWaitInSeconds": 600,
        },
        "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": alarm}]},
    }


def test_inf1_endpoints_fall_back_to_all_at_once_without_baking(hosting: Hosting) -> None:
    hosting.endpoint("neuron", config=hosting.config("neuron-cfg", count=2, instance_type="ml.inf1.xlarge"))
    config = canary_with_alarm(hosting.alarm("neuron-5xx", state="ALARM"))  # would roll back any watched bake
    hosting.emulator.hold("neuron", "provision")
    hosting.sm.update_endpoint(
        EndpointName="neuron",
        EndpointConfigName=hosting.config("neuron-v2", count=2, instance_type="ml.inf1.xlarge"),
        DeploymentConfig=config,
    )
    [provisioning] = hosting.through("neuron", ["provision"])
    [pending] = provisioning["PendingDeploymentSummary"]["ProductionVariants"]
    assert pending["InstanceType"] == "ml.inf1.xlarge"  # PendingProductionVariantSummary carries it; the live view not
    assert "InstanceType" not in provisioning["ProductionVariants"][0]
    message = pending["VariantStatus"][0]["StatusMessage"]
    assert message == (
        "Provisioning the new fleet. Deployment guardrails are not supported for endpoints that use Inf1 instances: "
        "all at once, no baking period."
    )
    done = hosting.wait_status("neuron", "InService")
    assert done["EndpointConfigName"] == "neuron-v2" and "FailureReason" not in done
    assert done["LastDeploymentConfig"] == config  # the request's, as given


def test_marketplace_model_packages_fall_back_too(hosting: Hosting) -> None:
    hosting.endpoint("vendor", count=4)
    hosting.config("vendor-v2", count=4, model="vendor-model", container={"ModelPackageName": PACKAGE})
    hosting.emulator.hold("vendor", "provision", "bake")
    hosting.sm.update_endpoint(
        EndpointName="vendor",
        EndpointConfigName="vendor-v2",
        DeploymentConfig={
            "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 600}
        },
    )
    [provisioning] = hosting.through("vendor", ["provision"])
    assert "not supported for AWS Marketplace containers" in str(provisioning["PendingDeploymentSummary"])
    new_fleet = hosting.wait_status("vendor", "InService")
    assert new_fleet["EndpointConfigName"] == "vendor-v2"
    assert new_fleet["ProductionVariants"][0]["CurrentInstanceCount"] == 4  # one step, not four batches
    assert hosting.emulator.holds()["vendor"] == {"pending": ["bake"], "reached": None}  # no bake ever came

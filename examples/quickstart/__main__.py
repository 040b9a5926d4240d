"""Quickstart: one endpoint, updated by pointing it at a new EndpointConfig.

Against the local emulator, from the repository root (no AWS account, no Pulumi CLI needed):
`python3 -m pulumi_sagemaker_endpoint quickstart` runs it through create, update, a no-op run and destroy (the
root Pulumi.yaml names this directory as its program).

Against AWS, with the Pulumi CLI, AWS credentials and an EndpointConfig that exists in the region, from this
directory (it is a Pulumi project of its own):

    python3 -m venv venv && venv/bin/pip install -r requirements.txt
    pulumi stack init dev
    pulumi config set aws:region us-east-1
    pulumi config set endpointConfigName my-config
    pulumi up
"""
import pulumi

from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()

endpoint = Endpoint(
    "quickstart",
    endpoint_config_name=config.require("endpointConfigName"),
    deployment_config={
        "blue_green_update_policy": {
            "traffic_routing_configuration": {"type": "ALL_AT_ONCE", "wait_interval_in_seconds": 0},
        },
    },
    tags={"app": "quickstart"},
)

pulumi.export("endpoint_name", endpoint.name)
pulumi.export("endpoint_arn", endpoint.arn)
pulumi.export("endpoint_status", endpoint.endpoint_status)
pulumi.export("endpoint_config_name", endpoint.endpoint_config_name)

"""Quickstart: one endpoint, updated by pointing it at a new EndpointConfig.

`sagemaker-endpoint quickstart` runs this program against the local emulator through create, update, a no-op
run and destroy. Against AWS: `pulumi config set endpointConfigName my-config && pulumi up`.
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

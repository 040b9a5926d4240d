"""The Pulumi programs of the real-engine suite, as users write them; each reads its inputs from the stack config."""

#: One Endpoint; `configName` picks its EndpointConfig, `deployment` (JSON) its deployment config.
ONE_ENDPOINT = """
import pulumi
from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()
endpoint = Endpoint(
    "inference",
    endpoint_config_name=config.require("configName"),
    deployment_config=config.get_object("deployment"),
    tags=config.get_object("tags"),
)
pulumi.export("name", endpoint.name)
pulumi.export("config", endpoint.endpoint_config_name)
"""

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

#: One Endpoint whose resource options come from the stack config (`options`, JSON): logical name, explicit name,
#: delete_before_replace, replacement_trigger, import_, aliases by name, a parent component.
ENDPOINT_WITH_OPTIONS = """
import pulumi
from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()
options = config.get_object("options") or {}
aliases = [pulumi.Alias(name=name) for name in options.get("aliasNames", [])]
parent = None
if options.get("parent"):
    parent = pulumi.ComponentResource("test:index:Group", options["parent"])
    aliases.append(pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE))
endpoint = Endpoint(
    options.get("logical", "inference"),
    name=config.get("name"),
    endpoint_config_name=config.require("configName"),
    opts=pulumi.ResourceOptions(
        delete_before_replace=options.get("deleteBeforeReplace"),
        replacement_trigger=options.get("trigger"),
        import_=options.get("import"),
        aliases=aliases or None,
        parent=parent,
    ),
)
pulumi.export("name", endpoint.name)
"""

#: An EndpointConfig resource (tests/integration/config_provider.py: auto-named, replaced on any change, as
#: pulumi_aws's EndpointConfiguration) and the Endpoint rolling out to it with a canary watched by `p99-latency`.
CONFIG_AND_ENDPOINT = """
import pulumi
from pulumi.dynamic import Resource
from pulumi_sagemaker_endpoint import Endpoint
from tests.integration.config_provider import EndpointConfigProvider


class EndpointConfiguration(Resource, module="sagemaker", name="EndpointConfiguration"):
    name: pulumi.Output[str]

    def __init__(self, resource_name, model, opts=None):
        super().__init__(EndpointConfigProvider(), resource_name,
                         {"model": model, "instances": 2, "prefix": "cfg", "name": None}, opts)


config = pulumi.Config()
endpoint_config = EndpointConfiguration(
    "cfg", config.require("model"), pulumi.ResourceOptions(retain_on_delete=config.get_bool("retain")))
endpoint = Endpoint(
    "inference",
    endpoint_config_name=endpoint_config.name,
    deployment_config={
        "blue_green_update_policy": {
            "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 60,
                                              "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
            "maximum_execution_timeout_in_seconds": 3600},
        "auto_rollback_configuration": {"alarms": [{"alarm_name": "p99-latency"}]},
    },
    tags={"owner": config.get_secret("ownerTag") or "ml"},
)
pulumi.export("name", endpoint.name)
pulumi.export("config", endpoint_config.name)
"""

#: What `pulumi import` and a plain dynamic resource's `import_` ask of the engine: its ImportStep, which Reads the
#: endpoint through the dynamic provider (pulumi/pulumi#16175). `Endpoint` itself never sends import_ to the engine.
ENGINE_IMPORT = """
import pulumi
from pulumi.dynamic import Resource
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider


class Endpoint(Resource, module="sagemaker", name="Endpoint"):
    def __init__(self, resource_name, opts):
        super().__init__(EndpointProvider(), resource_name, {"endpointConfigName": "cfg-v1", "name": "legacy"}, opts)


Endpoint("legacy", pulumi.ResourceOptions(import_="legacy"))
"""

#: One program for every stage: dev serves its own `modelVersion`; a later stage serves what the stage before it
#: exports (`promoteFrom`, a StackReference), in its own region, with its own deployment config.
PROMOTED = """
import pulumi
from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()
previous = config.get("promoteFrom")
if previous:
    version = pulumi.StackReference(f"organization/{pulumi.get_project()}/{previous}").get_output("modelVersion")
else:
    version = pulumi.Output.from_input(config.require("modelVersion"))
endpoint = Endpoint(
    "inference",
    name=f"{pulumi.get_project()}-{pulumi.get_stack()}",
    endpoint_config_name=version.apply(lambda v: f"cfg-{v}"),
    deployment_config=config.get_object("deployment"),
    tags={"stage": pulumi.get_stack()},
)
pulumi.export("modelVersion", version)
pulumi.export("rolloutPlan", endpoint.rollout_plan)
"""

#: One InferenceComponent on the endpoint `endpoint` (made by the test), its specification, copies, deployment
#: config and resource options (`import`) from the stack config (JSON).
ONE_INFERENCE_COMPONENT = """
import pulumi
from pulumi_sagemaker_endpoint import InferenceComponent

config = pulumi.Config()
component = InferenceComponent(
    "llm",
    endpoint_name=config.require("endpoint"),
    inference_component_name=config.get("name"),
    specification=config.require_object("specification"),
    runtime_config={"copy_count": config.require_int("copies")},
    deployment_config=config.get_object("deployment"),
    opts=pulumi.ResourceOptions(import_=config.get("import")),
)
pulumi.export("name", component.name)
pulumi.export("copies", component.desired_copy_count)
"""

#: An Endpoint on the IC-hosting EndpointConfig `configName` and, unless `components` is "none", an
#: InferenceComponent on it; `inferenceComponents` is the Endpoint's opt-in for a new config under them.
ENDPOINT_HOSTING_COMPONENT = """
import pulumi
from pulumi_sagemaker_endpoint import Endpoint, InferenceComponent

config = pulumi.Config()
endpoint = Endpoint("inference", endpoint_config_name=config.require("configName"),
                    inference_components=config.get("inferenceComponents"))
if config.get("components") != "none":
    InferenceComponent("llm", endpoint_name=endpoint.name, runtime_config={"copy_count": 1},
                       specification={"model_name": "llm", "compute_resource_requirements": {
                           "min_memory_required_in_mb": 1024}})
pulumi.export("hosted", endpoint.hosted_inference_components)
"""

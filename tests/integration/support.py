"""Shared set-up for the integration tests: models and EndpointConfigs in the emulator, engine inputs."""
from __future__ import annotations

from typing import Any

from pulumi_sagemaker_endpoint.face.provider import EndpointProvider
from pulumi_sagemaker_endpoint.core.owner import owner, tag_value, urn
from pulumi_sagemaker_endpoint.face.resource import DEFAULT_ORGANIZATION, endpoint_props

TYPE = "pulumi-python:dynamic/sagemaker:Endpoint"
PROVIDER = EndpointProvider()
REGION = "us-east-1"
CONFIG = {"aws:region": REGION}


def make_config(sm: Any, name: str, instances: int = 4, model: str = "model-v1", instance_type: str = "ml.m5.large",
                variants: tuple[str, ...] = ("primary",)) -> None:
    try:
        sm.create_model(ModelName=model, ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
                        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:latest"})
    except sm.exceptions.ClientError:
        pass  # shared by several configs
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[{
        "VariantName": variant, "ModelName": model, "InitialInstanceCount": instances,
        "InstanceType": instance_type, "InitialVariantWeight": 1.0} for variant in variants])


def props(resource: str = "inference", stack: str = "dev", timeouts: dict | None = None, **inputs: Any) -> dict:
    """What `Endpoint(resource, **inputs)` registers in a program of project "test"."""
    registered = endpoint_props(owner_of(resource, stack), timeouts, **inputs)
    return {k: v for k, v in registered.items() if v is not None}


def owner_of(resource: str = "inference", stack: str = "dev", parent_urn: str | None = None,
             organization: str = DEFAULT_ORGANIZATION) -> str:
    """The owner the Endpoint class registers for a resource of project "test" (core/owner.py)."""
    return owner(organization, urn(stack, "test", TYPE, resource, parent_urn))


def owner_tag(resource: str = "inference", stack: str = "dev") -> str:
    return tag_value(owner_of(resource, stack))


def up(engine: Any, resource: str = "inference", **inputs: Any) -> Any:
    return engine.up(resource, props(resource, **inputs), PROVIDER, type_token=TYPE)


def tags_of(sm: Any, name: str) -> dict[str, str]:
    arn = sm.describe_endpoint(EndpointName=name)["EndpointArn"]
    return {t["Key"]: t["Value"] for t in sm.list_tags(ResourceArn=arn)["Tags"]}


def calls(emulator: Any, operation: str) -> int:
    return emulator.stats()["calls"].get(operation, 0)

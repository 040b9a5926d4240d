"""`InferenceComponent`: an Amazon SageMaker inference component placed on an Endpoint, with arguments mirroring
aws-native's `sagemaker.InferenceComponent` (specification, runtime_config, deployment_config in the API's shape,
snake_case, camelCase or aws-native's Args)."""
from __future__ import annotations

from typing import Any, Mapping, Optional

import pulumi
from pulumi.dynamic import Resource

from ...core.inference_component.properties import PROPERTIES, SNAKE
from ..resource import SnakeNames, custom_timeouts, import_as_adoption, owner_input
from .provider import InferenceComponentProvider

_PROVIDER = InferenceComponentProvider()
TYPE_TOKEN = "pulumi-python:dynamic/sagemaker:InferenceComponent"


def inference_component_props(owner: pulumi.Input[str], timeouts: dict[str, float] | None = None,
                              **inputs: Any) -> dict[str, Any]:
    """Its inputs (camelCase), the owner and customTimeouts, and every other property as a placeholder, so that
    each attribute exists."""
    return {**{p.state: None for p in PROPERTIES}, **inputs, "owner": owner, "timeouts": timeouts}


class InferenceComponent(SnakeNames, Resource, module="sagemaker", name="InferenceComponent"):
    """An inference component. A new specification or copy count rolls out through UpdateInferenceComponent with
    `deployment_config`; a new endpoint or variant is a new component."""

    SNAKE = SNAKE
    arn: pulumi.Output[str]
    name: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        endpoint_name: pulumi.Input[str] | None = None,
        specification: Optional[pulumi.Input[Any]] = None,
        inference_component_name: Optional[pulumi.Input[str]] = None,
        variant_name: Optional[pulumi.Input[str]] = None,
        runtime_config: Optional[pulumi.Input[Any]] = None,
        deployment_config: Optional[pulumi.Input[Any]] = None,
        tags: Optional[pulumi.Input[Mapping[str, pulumi.Input[str]]]] = None,
        region: Optional[pulumi.Input[str]] = None,
        role_arn: Optional[pulumi.Input[str]] = None,
        opts: Optional[pulumi.ResourceOptions] = None,
    ) -> None:
        import_id, opts = import_as_adoption(opts)
        props = inference_component_props(
            owner_input(resource_name, opts.parent if opts else None, TYPE_TOKEN), custom_timeouts(opts),
            name=inference_component_name, endpointName=endpoint_name, variantName=variant_name,
            specification=specification, runtimeConfig=runtime_config, deploymentConfig=deployment_config,
            tags=tags, region=region, roleArn=role_arn, importId=import_id)
        super().__init__(_PROVIDER, resource_name, props, opts)

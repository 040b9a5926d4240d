"""`Endpoint`: the Pulumi resource users write, with arguments mirroring `pulumi_aws.sagemaker.Endpoint`."""
from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence, TypeVar

import pulumi
from pulumi.dynamic import Resource

from ..core.owner import owner, urn
from ..core.properties import PROPERTIES, SNAKE
from ..core.timeouts import parse_duration
from .provider import EndpointProvider

_PROVIDER = EndpointProvider()
TYPE_TOKEN = "pulumi-python:dynamic/sagemaker:Endpoint"
DEFAULT_ORGANIZATION = "organization"  # what the engine calls the organization of a backend that has none


def custom_timeouts(opts: Optional[pulumi.ResourceOptions]) -> dict[str, float] | None:
    custom = opts.custom_timeouts if opts else None
    if custom is None:
        return None
    given = {op: getattr(custom, op) for op in ("create", "update", "delete") if getattr(custom, op, None)}
    return {op: parse_duration(text) for op, text in given.items()} or None


def owner_input(resource_name: str, parent: Optional[pulumi.Resource],
                type_token: str = TYPE_TOKEN) -> pulumi.Input[str]:
    """`<organization>/<URN>`; under a parent the URN is known once the parent's is (also during previews)."""
    organization = pulumi.get_organization() or DEFAULT_ORGANIZATION
    project, stack = pulumi.get_project(), pulumi.get_stack()
    if parent is None:
        return owner(organization, urn(stack, project, type_token, resource_name))
    return value_only(parent.urn).apply(lambda parent_urn: owner(organization, urn(stack, project, type_token,
                                                                                   resource_name, parent_urn)))


def value_only(output: pulumi.Output[str]) -> pulumi.Output[str]:
    """`output` without the resources it depends on. The SDK reads a dependency on a component resource as one on
    all its children, this Endpoint among them, and refuses the program as a cycle (found under the real engine)."""
    return pulumi.Output(set(), output.future(), output.is_known(), output.is_secret())


def import_as_adoption(opts: Optional[pulumi.ResourceOptions]) -> tuple[Optional[str], Optional[pulumi.ResourceOptions]]:
    """(the import_ id, the options without it). The engine's import cannot reach dynamic providers
    (pulumi/pulumi#16175): the resource adopts on create instead."""
    if opts is None or not opts.import_:
        return None, opts
    import_id, opts = opts.import_, pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions())
    opts.import_ = None
    return import_id, opts


def endpoint_props(owner: pulumi.Input[str], timeouts: dict[str, float] | None = None,
                   delete_before_replace: bool | None = None, **inputs: Any) -> dict[str, Any]:
    """The properties an Endpoint registers: its inputs (camelCase), what the engine keeps to itself but the
    provider needs (owner, customTimeouts in seconds, the delete_before_replace option), and every other property
    as a placeholder, so that each attribute exists."""
    props = {**inputs, "owner": owner, "timeouts": timeouts, "deleteBeforeReplace": delete_before_replace}
    return {**{p.state: None for p in PROPERTIES}, **props}


Self = TypeVar("Self", bound="SnakeNames")


class SnakeNames:
    """snake_case names for the camelCase state keys (ep.endpoint_config_name is ep.endpointConfigName), and
    `get`, for a resource whose keyword arguments include region and role_arn."""

    SNAKE: Mapping[str, str] = SNAKE

    def __getattr__(self, attribute: str) -> Any:
        key = self.SNAKE.get(attribute)
        if key is not None and key in self.__dict__:
            return self.__dict__[key]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {attribute!r}")

    @classmethod
    def get(cls: type[Self], resource_name: str, id: pulumi.Input[str], opts: Optional[pulumi.ResourceOptions] = None,
            region: Optional[str] = None, role_arn: Optional[str] = None) -> Self:
        """Look up an existing resource by name without managing it."""
        merged = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return cls(resource_name, region=region, role_arn=role_arn, opts=merged)


class Endpoint(SnakeNames, Resource, module="sagemaker", name="Endpoint"):
    """An Amazon SageMaker endpoint. Its configuration changes only through a new `endpoint_config_name`."""

    arn: pulumi.Output[str]
    name: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        endpoint_config_name: pulumi.Input[str] | None = None,
        name: Optional[pulumi.Input[str]] = None,
        deployment_config: Optional[pulumi.Input[Any]] = None,
        tags: Optional[pulumi.Input[Mapping[str, pulumi.Input[str]]]] = None,
        retain_all_variant_properties: Optional[pulumi.Input[bool]] = None,
        exclude_retained_variant_properties: Optional[pulumi.Input[Sequence[Any]]] = None,
        retain_deployment_config: Optional[pulumi.Input[bool]] = None,
        variant_weights: Optional[pulumi.Input[Mapping[str, pulumi.Input[float]]]] = None,
        desired_instance_counts: Optional[pulumi.Input[Mapping[str, pulumi.Input[int]]]] = None,
        region: Optional[pulumi.Input[str]] = None,
        role_arn: Optional[pulumi.Input[str]] = None,
        autoscaling: Optional[pulumi.Input[str]] = None,
        inference_components: Optional[pulumi.Input[str]] = None,
        opts: Optional[pulumi.ResourceOptions] = None,
    ) -> None:
        import_id, opts = import_as_adoption(opts)
        props = endpoint_props(
            owner_input(resource_name, opts.parent if opts else None), custom_timeouts(opts),
            opts.delete_before_replace if opts else None,
            endpointConfigName=endpoint_config_name, name=name, deploymentConfig=deployment_config, tags=tags,
            retainAllVariantProperties=retain_all_variant_properties,
            excludeRetainedVariantProperties=exclude_retained_variant_properties,
            retainDeploymentConfig=retain_deployment_config, variantWeights=variant_weights,
            desiredInstanceCounts=desired_instance_counts, region=region, roleArn=role_arn, importId=import_id,
            autoscaling=autoscaling, inferenceComponents=inference_components,
        )
        super().__init__(_PROVIDER, resource_name, props, opts)

    @staticmethod
    def from_cli_input(resource_name: str, path_or_mapping: Any,
                       opts: Optional[pulumi.ResourceOptions] = None) -> "Endpoint":
        """An Endpoint from the document `aws sagemaker create-endpoint --cli-input-json/--cli-input-yaml` takes."""
        from ..check.document import endpoint_kwargs

        return Endpoint(resource_name, **endpoint_kwargs(path_or_mapping), opts=opts)

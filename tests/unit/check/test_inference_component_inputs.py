"""aws-native's Args reach the InferenceComponent as the SDK serializes input types: a mapping under their Pulumi
names (camelCase), which check() takes as it takes the API's shape. aws-native is not installed here, so its
`InferenceComponentSpecificationArgs` and `InferenceComponentComputeResourceRequirementsArgs` are written as its
generated code writes them (same Pulumi names)."""
from __future__ import annotations

import asyncio

import pulumi
from pulumi.runtime import rpc

from pulumi_sagemaker_endpoint.check.inference_component.review import check_inputs

OWNER = "organization/urn:pulumi:dev::test::pulumi-python:dynamic/sagemaker:InferenceComponent::llm"


@pulumi.input_type
class InferenceComponentComputeResourceRequirementsArgs:
    def __init__(__self__, *, min_memory_required_in_mb: pulumi.Input[int]):
        pulumi.set(__self__, "min_memory_required_in_mb", min_memory_required_in_mb)

    @property
    @pulumi.getter(name="minMemoryRequiredInMb")
    def min_memory_required_in_mb(self) -> pulumi.Input[int]:
        return pulumi.get(self, "min_memory_required_in_mb")


@pulumi.input_type
class InferenceComponentSpecificationArgs:
    def __init__(__self__, *, model_name: pulumi.Input[str],
                 compute_resource_requirements: InferenceComponentComputeResourceRequirementsArgs):
        pulumi.set(__self__, "model_name", model_name)
        pulumi.set(__self__, "compute_resource_requirements", compute_resource_requirements)

    @property
    @pulumi.getter(name="modelName")
    def model_name(self) -> pulumi.Input[str]:
        return pulumi.get(self, "model_name")

    @property
    @pulumi.getter(name="computeResourceRequirements")
    def compute_resource_requirements(self) -> InferenceComponentComputeResourceRequirementsArgs:
        return pulumi.get(self, "compute_resource_requirements")


def test_aws_natives_args_are_checked_as_the_apis_shape():
    args = InferenceComponentSpecificationArgs(
        model_name="llm",
        compute_resource_requirements=InferenceComponentComputeResourceRequirementsArgs(min_memory_required_in_mb=1024))
    sent = asyncio.run(rpc.serialize_property(args, [], None))
    from_args, failures = check_inputs({}, {"endpointName": "host", "specification": sent, "owner": OWNER})
    from_api, _ = check_inputs({}, {"EndpointName": "host", "owner": OWNER, "Specification": {
        "ModelName": "llm", "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}}})
    assert not failures and from_args == from_api

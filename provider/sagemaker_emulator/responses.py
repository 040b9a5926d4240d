"""The wire side: moto's SageMaker response class plus UpdateEndpoint, the inference component operations, the
parameters moto drops (DeploymentConfig, ExecutionRoleArn) and fault injection.

Everything is serialized by moto from botocore's service model; this module
only maps parameters to backend calls.
"""

from __future__ import annotations

from typing import Any, cast

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, EmptyResult
from moto.sagemaker.responses import SageMakerResponse

from .exceptions import InjectedFault
from .faults import FAULTS
from .models import EmulatorSageMakerBackend, sagemaker_arn
from .validation import validate_input

_RESOURCE_PARAMS = (
    ("InferenceComponentName", "inference-component"),
    ("EndpointName", "endpoint"),
    ("EndpointConfigName", "endpoint-config"),
    ("ModelName", "model"),
)


class EmulatorSageMakerResponse(SageMakerResponse):
    @property
    def emulator_backend(self) -> EmulatorSageMakerBackend:
        return cast(EmulatorSageMakerBackend, self.sagemaker_backend)

    def _resource_arn(self) -> str:
        params = getattr(self, "params", None) or {}
        if params.get("ResourceArn"):
            return str(params["ResourceArn"])
        for param, kind in _RESOURCE_PARAMS:
            if params.get(param):
                return sagemaker_arn(kind, str(params[param]), self.current_account, self.region)
        return "*"

    def _error(self, error: ServiceException) -> tuple[int, dict[str, Any], Any]:
        status, headers, body = self.serialized(ActionResult(error))
        status = getattr(error, "http_status", status)
        return status, headers, body

    def call_action(self) -> Any:
        action = self._get_action()
        try:
            FAULTS.check(f"sagemaker:{action}", self._resource_arn(), self.current_account)
            params = getattr(self, "params", None)
            if action and isinstance(params, dict):
                validate_input(action, params)
        except InjectedFault as fault:
            return self._error(fault)
        except ServiceException as error:
            return self._error(error)
        return super().call_action()

    def create_endpoint(self) -> ActionResult:
        endpoint = self.emulator_backend.create_endpoint(
            endpoint_name=self._get_param("EndpointName"),
            endpoint_config_name=self._get_param("EndpointConfigName"),
            tags=self._get_param("Tags"),
            deployment_config=self._get_param("DeploymentConfig"),
        )
        return ActionResult({"EndpointArn": endpoint.arn})

    def update_endpoint(self) -> ActionResult:
        arn = self.emulator_backend.update_endpoint(
            endpoint_name=self._get_param("EndpointName"),
            endpoint_config_name=self._get_param("EndpointConfigName"),
            retain_all_variant_properties=self._get_param("RetainAllVariantProperties"),
            exclude_retained_variant_properties=self._get_param("ExcludeRetainedVariantProperties"),
            deployment_config=self._get_param("DeploymentConfig"),
            retain_deployment_config=self._get_param("RetainDeploymentConfig"),
        )
        return ActionResult({"EndpointArn": arn})

    def create_endpoint_config(self) -> ActionResult:
        config = self.emulator_backend.create_endpoint_config(
            endpoint_config_name=self._get_param("EndpointConfigName"),
            production_variants=self._get_param("ProductionVariants"),
            data_capture_config=self._get_param("DataCaptureConfig"),
            async_inference_config=self._get_param("AsyncInferenceConfig"),
            tags=self._get_param("Tags"),
            kms_key_id=self._get_param("KmsKeyId"),
            execution_role_arn=self._get_param("ExecutionRoleArn"),
        )
        return ActionResult({"EndpointConfigArn": config.endpoint_config_arn})

    # -- inference components ------------------------------------------------------------
    def create_inference_component(self) -> ActionResult:
        component = self.emulator_backend.create_inference_component(
            name=self._get_param("InferenceComponentName"),
            endpoint_name=self._get_param("EndpointName"),
            variant_name=self._get_param("VariantName"),
            specification=self._get_param("Specification"),
            specifications=self._get_param("Specifications"),
            runtime_config=self._get_param("RuntimeConfig"),
            tags=self._get_param("Tags"),
        )
        return ActionResult({"InferenceComponentArn": component.arn})

    def describe_inference_component(self) -> ActionResult:
        return ActionResult(self.emulator_backend.describe_inference_component(self._get_param("InferenceComponentName")))

    def list_inference_components(self) -> ActionResult:
        components, next_token = self.emulator_backend.list_inference_components(
            sort_by=self._get_param("SortBy"),
            sort_order=self._get_param("SortOrder"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
            name_contains=self._get_param("NameContains"),
            creation_time_before=self._get_param("CreationTimeBefore"),
            creation_time_after=self._get_param("CreationTimeAfter"),
            last_modified_time_before=self._get_param("LastModifiedTimeBefore"),
            last_modified_time_after=self._get_param("LastModifiedTimeAfter"),
            status_equals=self._get_param("StatusEquals"),
            endpoint_name_equals=self._get_param("EndpointNameEquals"),
            variant_name_equals=self._get_param("VariantNameEquals"),
        )
        return ActionResult({"InferenceComponents": [c.summary() for c in components], "NextToken": next_token})

    def update_inference_component(self) -> ActionResult:
        arn = self.emulator_backend.update_inference_component(
            name=self._get_param("InferenceComponentName"),
            specification=self._get_param("Specification"),
            specifications=self._get_param("Specifications"),
            runtime_config=self._get_param("RuntimeConfig"),
            deployment_config=self._get_param("DeploymentConfig"),
        )
        return ActionResult({"InferenceComponentArn": arn})

    def update_inference_component_runtime_config(self) -> ActionResult:
        arn = self.emulator_backend.update_inference_component_runtime_config(
            name=self._get_param("InferenceComponentName"),
            desired_runtime_config=self._get_param("DesiredRuntimeConfig"),
        )
        return ActionResult({"InferenceComponentArn": arn})

    def delete_inference_component(self) -> ActionResult:
        self.emulator_backend.delete_inference_component(self._get_param("InferenceComponentName"))
        return EmptyResult()

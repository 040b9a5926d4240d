"""The wire side: moto's SageMaker response class plus UpdateEndpoint and fault injection.

Everything is serialized by moto from botocore's service model; this module
only maps parameters to backend calls.
"""

from __future__ import annotations

from typing import Any, cast

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.sagemaker.responses import SageMakerResponse

from .exceptions import InjectedFault
from .faults import FAULTS
from .models import EmulatorSageMakerBackend, sagemaker_arn
from .validation import validate_input

_RESOURCE_PARAMS = (
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

"""Backend rules: moto's SageMaker backend with SageMaker's hosting rules.

:class:`EmulatorSageMakerBackend` extends moto's ``SageMakerModelBackend``:
it decides whether a request is valid and which rollout it starts; the
rollout itself runs in the endpoint's state machine (``lifecycle.py``).
``install()`` makes moto build this backend for every account and region.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from moto.sagemaker import models as moto_models
from moto.sagemaker.models import FakeEndpointConfig, SageMakerModelBackend
from moto.sagemaker.utils import arn_formatter
from moto.utilities.paginator import paginate

from . import alarms, capacity, deployments, listing, variants
from .consistency import Consistency
from .exceptions import ControlError, ResourceLimitExceeded, ValidationException
from .inference_component_rules import InferenceComponentRules
from .inference_components import KIND as INFERENCE_COMPONENT
from .inference_components import EmulatedInferenceComponent
from .lifecycle import EmulatedEndpoint
from .managed_scaling import ManagedScalingRules
from .requestlog import RECORDER
from .scaling import AutoscalingRules
from .settings import SETTINGS
from .timeline import PHASE_KINDS, Hold
from .validation import validate_tags

IN_PROGRESS = {"Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"}

PAGINATION_MODEL = {
    "list_endpoints": {
        "input_token": "next_token",
        "limit_key": "max_results",
        "limit_default": 10,
        "unique_attribute": "arn",
    },
}


def sagemaker_arn(kind: str, name: str, account_id: str, region: str) -> str:
    """SageMaker ARNs carry the resource name in lower case."""
    return arn_formatter(kind, name.lower(), account_id, region)


class EmulatedEndpointConfig(FakeEndpointConfig):
    """moto's FakeEndpointConfig without its outdated instance-type list, with the ExecutionRoleArn moto drops.

    Instance types are checked against botocore's current enum by
    ``validation.validate_input`` before the backend is called.  A config may
    host inference components (``inference_component_rules.py``): its
    production variants name no model and it has an ExecutionRoleArn; its
    variants' ManagedInstanceScaling and RoutingConfig are kept as given (and
    described, as moto describes the variants it keeps).
    """

    execution_role_arn: str | None = None

    def validate_instance_type(self, instance_type: str) -> None:
        return None


class EmulatorSageMakerBackend(AutoscalingRules, ManagedScalingRules, InferenceComponentRules, SageMakerModelBackend):
    """moto's SageMaker backend with SageMaker's hosting rules and timing."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.lock = threading.RLock()
        self.consistency = Consistency()
        self.holds: dict[str, list[Hold]] = {}
        self.inference_components: dict[str, EmulatedInferenceComponent] = {}

    # -- helpers -------------------------------------------------------------
    def _arn(self, kind: str, name: str) -> str:
        return sagemaker_arn(kind, name, self.account_id, self.region_name)

    def advance(self, now: float | None = None) -> float:
        now = time.time() if now is None else now
        for name, endpoint in list(self.endpoints.items()):
            endpoint.advance(now)  # type: ignore[attr-defined]
            if getattr(endpoint, "gone", False):
                del self.endpoints[name]
        for name, component in list(self.inference_components.items()):
            component.advance(now)
            if component.gone:
                del self.inference_components[name]
        return now

    def find_endpoint(self, name: str) -> EmulatedEndpoint | None:
        """Endpoint names are unique case-insensitively."""
        wanted = name.lower()
        for endpoint in self.endpoints.values():
            if endpoint.endpoint_name.lower() == wanted:
                return endpoint  # type: ignore[return-value]
        return None

    def _endpoint(self, name: str) -> EmulatedEndpoint:
        endpoint = self.find_endpoint(name)
        if endpoint is None:
            raise ValidationException(f'Could not find endpoint "{self._arn("endpoint", name)}".')
        return endpoint

    @staticmethod
    def _check_updatable(endpoint: EmulatedEndpoint) -> None:
        if endpoint.endpoint_status in IN_PROGRESS:
            raise ValidationException(f'Cannot update in-progress endpoint "{endpoint.arn}".')
        if endpoint.endpoint_status == "Failed":
            raise ValidationException(f'Cannot update failed endpoint "{endpoint.arn}".')

    def _visible_config(self, name: str, now: float) -> FakeEndpointConfig:
        """The EndpointConfig as CreateEndpoint/UpdateEndpoint see it (eventually consistent)."""
        config = self.endpoint_configs.get(name)
        if config is not None and self.consistency.hides(name, now):
            RECORDER.fault("consistency")
            config = None
        if config is None:
            raise ValidationException(
                f'Could not find endpoint configuration "{self._arn("endpoint-config", name)}".'
            )
        return config

    def _guardrails_exclusion(self, fleet: list[dict[str, Any]]) -> str | None:
        """The feature of the old or new fleet that deployment guardrails exclude ("Exclusions"), if any."""
        for variant in fleet:
            if str(variant.get("InstanceType") or "").startswith("ml.inf1."):
                return "endpoints that use Inf1 instances"
            model = self._models.get(variant.get("ModelName") or "")
            containers = [] if model is None else [model.primary_container or {}, *(model.containers or [])]
            if any(c.get("ModelPackageName") for c in containers):
                return "AWS Marketplace containers"
        return None

    def _check_deployment_config(
        self, deployment_config: dict[str, Any] | None, config: FakeEndpointConfig, target: list[dict[str, Any]]
    ) -> None:
        if not deployment_config:
            return
        serverless = any(v.get("ServerlessConfig") for v in config.production_variants)
        deployments.validate(deployment_config, variants.instance_counts(target), serverless)
        alarms.check_exist(self.account_id, self.region_name, deployments.alarm_names(deployment_config))

    # -- models and endpoint configs -----------------------------------------
    def create_model(self, model_name: str, *args: Any, **kwargs: Any) -> Any:
        if any(name.lower() == model_name.lower() for name in self._models):
            raise ValidationException(f'Cannot create already existing model "{self._arn("model", model_name)}".')
        return super().create_model(model_name, *args, **kwargs)

    def describe_model(self, model_name: str) -> Any:
        if model_name not in self._models:
            raise ValidationException(f'Could not find model "{self._arn("model", model_name)}".')
        return super().describe_model(model_name)

    def validate_production_variants(
        self, production_variants: list[dict[str, Any]], execution_role_arn: str | None = None
    ) -> None:
        """Named models must exist; variants without a model make a config for inference components, which
        needs all its variants without a model, instance-based, and an ExecutionRoleArn (moto requires a model
        everywhere).  ManagedInstanceScaling: minimum at most the maximum; a minimum of 0 ("scale to zero")
        only for inference components.  The wording of these refusals is the emulator's."""
        modelless = [v["VariantName"] for v in production_variants if not v.get("ModelName")]
        for variant in production_variants:
            model = variant.get("ModelName")
            if model and model not in self._models:
                raise ValidationException(f'Could not find model "{self._arn("model", model)}".')
            if not model and variant.get("ServerlessConfig"):
                raise ValidationException(
                    f'Production variant "{variant["VariantName"]}" names no model: inference components need '
                    "instance-based production variants, not serverless ones."
                )
            scaling = variant.get("ManagedInstanceScaling") or {}
            low, high = scaling.get("MinInstanceCount"), scaling.get("MaxInstanceCount")
            if low is not None and high is not None and low > high:
                raise ValidationException(
                    f'ManagedInstanceScaling of production variant "{variant["VariantName"]}": MinInstanceCount '
                    f"({low}) cannot be greater than MaxInstanceCount ({high})."
                )
            if low == 0 and model:
                raise ValidationException(
                    f'ManagedInstanceScaling of production variant "{variant["VariantName"]}": MinInstanceCount 0 '
                    "(scaling to zero instances) is only supported for endpoints that host inference components."
                )
        if modelless and len(modelless) < len(production_variants):
            raise ValidationException(
                f"Production variant(s) [{', '.join(modelless)}] name no model while others do: either every "
                "production variant names a model, or none does (an endpoint configuration for inference "
                "components)."
            )
        if modelless and not execution_role_arn:
            raise ValidationException(
                "ExecutionRoleArn is required for an endpoint configuration whose production variants name no "
                "model (an endpoint configuration for inference components)."
            )

    def create_endpoint_config(
        self,
        endpoint_config_name: str,
        production_variants: list[dict[str, Any]],
        data_capture_config: dict[str, Any],
        async_inference_config: dict[str, Any],
        tags: list[dict[str, str]],
        kms_key_id: str,
        execution_role_arn: str | None = None,
    ) -> FakeEndpointConfig:
        with self.lock:
            if any(name.lower() == endpoint_config_name.lower() for name in self.endpoint_configs):
                arn = self._arn("endpoint-config", endpoint_config_name)
                raise ValidationException(f'Cannot create already existing endpoint configuration "{arn}".')
            self.validate_production_variants(production_variants, execution_role_arn)
            validate_tags(tags or [])
            config = EmulatedEndpointConfig(
                account_id=self.account_id,
                region_name=self.region_name,
                endpoint_config_name=endpoint_config_name,
                production_variants=production_variants,
                async_inference_config=async_inference_config,
                data_capture_config=data_capture_config,
                tags=tags,
                kms_key_id=kms_key_id,
            )
            if execution_role_arn:
                config.execution_role_arn = execution_role_arn
            config.endpoint_config_arn = self._arn("endpoint-config", endpoint_config_name)
            config.arn = (config.endpoint_config_arn,)
            self.endpoint_configs[endpoint_config_name] = config
            self.consistency.created(endpoint_config_name, time.time(), SETTINGS.current)
            return config

    def describe_endpoint_config(self, endpoint_config_name: str) -> dict[str, Any]:
        if endpoint_config_name not in self.endpoint_configs:
            arn = self._arn("endpoint-config", endpoint_config_name)
            raise ValidationException(f'Could not find endpoint configuration "{arn}".')
        return super().describe_endpoint_config(endpoint_config_name)

    def delete_endpoint_config(self, endpoint_config_name: str) -> None:
        with self.lock:
            self.describe_endpoint_config(endpoint_config_name)
            super().delete_endpoint_config(endpoint_config_name)
            self.consistency.forget(endpoint_config_name)

    # -- endpoints -----------------------------------------------------------------
    def create_endpoint(  # type: ignore[override]
        self,
        endpoint_name: str,
        endpoint_config_name: str,
        tags: list[dict[str, str]] | None,
        deployment_config: dict[str, Any] | None = None,
    ) -> EmulatedEndpoint:
        with self.lock:
            now = self.advance()
            tags = tags or []
            validate_tags(tags)
            existing = self.find_endpoint(endpoint_name)
            if existing is not None:
                raise ValidationException(f'Cannot create already existing endpoint "{existing.arn}".')
            limit = SETTINGS.current.endpoint_limit
            if limit is not None and len(self.endpoints) >= limit:
                used = len(self.endpoints)
                raise ResourceLimitExceeded(
                    f"The account-level service limit 'Number of endpoints' is {limit} Endpoints, with current "
                    f"utilization of {used} Endpoints and a request delta of 1 Endpoints. Please use AWS Service "
                    "Quotas to request an increase for this quota. If AWS Service Quotas is not available, "
                    "contact AWS support to request an increase for this quota."
                )
            config = self._visible_config(endpoint_config_name, now)
            self._check_deployment_config(deployment_config, config, variants.fleet(config))
            endpoint = EmulatedEndpoint(
                self.account_id,
                self.region_name,
                self._arn("endpoint", endpoint_name),
                endpoint_name,
                config,
                tags,
                deployment_config,
                now,
                self.holds,
            )
            self.endpoints[endpoint_name] = endpoint
            return endpoint

    def update_endpoint(
        self,
        endpoint_name: str,
        endpoint_config_name: str,
        retain_all_variant_properties: bool | None = None,
        exclude_retained_variant_properties: list[dict[str, str]] | None = None,
        deployment_config: dict[str, Any] | None = None,
        retain_deployment_config: bool | None = None,
    ) -> str:
        with self.lock:
            now = self.advance()
            endpoint = self._endpoint(endpoint_name)
            self._check_updatable(endpoint)
            config = self._visible_config(endpoint_config_name, now)
            if endpoint_config_name == endpoint.endpoint_config_name:
                raise ValidationException(
                    f'Cannot update endpoint "{endpoint.arn}" with endpoint configuration "{endpoint_config_name}": '
                    "it is already the endpoint's current configuration. Create a new endpoint configuration "
                    "to update the endpoint."
                )
            if exclude_retained_variant_properties and not retain_all_variant_properties:
                raise ValidationException(
                    "ExcludeRetainedVariantProperties can only be specified when RetainAllVariantProperties is true."
                )
            if not deployment_config and retain_deployment_config:
                deployment_config = endpoint.last_deployment_config
            target = variants.retained(
                endpoint.production_variants,
                config,
                bool(retain_all_variant_properties),
                exclude_retained_variant_properties or [],
            )
            if deployment_config:
                live = sorted(v["VariantName"] for v in endpoint.production_variants)
                new = sorted(v["VariantName"] for v in target)
                if live and live != new:
                    raise ValidationException(
                        f'The production variants of endpoint configuration "{endpoint_config_name}" '
                        f"({', '.join(new)}) must have the same names as those of the current endpoint "
                        f'configuration "{endpoint.endpoint_config_name}" ({", ".join(live)}) to use a '
                        "DeploymentConfig."
                    )
            self._check_scalable_targets(endpoint, target)
            self._check_hosting_update(endpoint, config)
            self._check_deployment_config(deployment_config, config, target)
            fallback = self._guardrails_exclusion(endpoint.production_variants + target)
            endpoint.start_update(config, target, deployment_config, now, fallback)
            excluded = {p.get("VariantPropertyType") for p in exclude_retained_variant_properties or []}
            if not retain_all_variant_properties or "DataCaptureConfig" in excluded:
                endpoint.data_capture_config = config.data_capture_config
            return endpoint.arn

    def update_endpoint_weights_and_capacities(
        self, endpoint_name: str, desired_weights_and_capacities: list[dict[str, Any]]
    ) -> str:
        with self.lock:
            now = self.advance()
            endpoint = self._endpoint(endpoint_name)
            self._check_updatable(endpoint)
            desired = capacity.changes(
                endpoint.production_variants, endpoint.endpoint_config_name, desired_weights_and_capacities
            )
            endpoint.start_capacity(desired, now, "Updating the weights and capacities of the production variants.")
            return endpoint.arn

    def describe_endpoint(self, endpoint_name: str) -> dict[str, Any]:
        with self.lock:
            self.advance()
            return self._endpoint(endpoint_name).response_object

    def delete_endpoint(self, endpoint_name: str) -> None:
        with self.lock:
            now = self.advance()
            endpoint = self._endpoint(endpoint_name)
            if endpoint.endpoint_status in IN_PROGRESS:
                raise ValidationException(f'Cannot update in-progress endpoint "{endpoint.arn}".')
            self._check_no_hosted_components(endpoint)
            self._deregister_scalable_targets(endpoint)
            endpoint.start_delete(now)
            self.advance(now)

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_endpoints(self, **filters: Any) -> list[EmulatedEndpoint]:  # type: ignore[override]
        with self.lock:
            self.advance()
            endpoints: list[EmulatedEndpoint] = list(self.endpoints.values())  # type: ignore[arg-type]
        return listing.listed(endpoints, lambda e: e.endpoint_name, lambda e: e.endpoint_status, filters)

    # -- holds (control routes) -------------------------------------------------
    def hold(self, endpoint_name: str, phases: list[str]) -> dict[str, dict[str, Any]]:
        """Stop ``endpoint_name`` (which need not exist yet) at its next phase of each kind in ``phases``."""
        unknown = [p for p in phases if p not in PHASE_KINDS]
        if unknown or not phases:
            raise ControlError(f"hold needs phases among {', '.join(PHASE_KINDS)}; got {phases!r}")
        with self.lock:
            now = self.advance()
            self.holds.setdefault(endpoint_name.lower(), []).extend(Hold(p, now) for p in phases)
            return self.hold_states()

    def release(self, endpoint_name: str, phase: str | None = None) -> dict[str, dict[str, Any]]:
        """Let the endpoint (or ``inference-component/<name>``) go on from the phase it is held in (only if of kind
        ``phase``, when given).

        Its other holds stay set.
        """
        with self.lock:
            now = self.advance()
            kind, _, name = endpoint_name.rpartition("/")
            resource: Any = self.find_inference_component(name) if kind == INFERENCE_COMPONENT else (
                self.find_endpoint(endpoint_name))
            if resource is not None:
                resource.release(now, phase)
            return self.hold_states()

    def unhold(self, endpoint_name: str) -> dict[str, dict[str, Any]]:
        """Release the endpoint and forget every hold set for it."""
        with self.lock:
            self.release(endpoint_name)
            self.holds.pop(endpoint_name.lower(), None)
            return self.hold_states()

    def hold_states(self) -> dict[str, dict[str, Any]]:
        """``{endpoint: {"pending": [phase kinds], "reached": phase kind or None}}`` (lower-case names)."""
        with self.lock:
            self.advance()
            return {
                name: {
                    "pending": [h.phase for h in holds if h.reached_at is None],
                    "reached": next((h.phase for h in holds if h.reached_at is not None), None),
                }
                for name, holds in self.holds.items()
                if holds
            }

    # -- tags ------------------------------------------------------------------------
    def _get_resource_from_arn(self, arn: str) -> Any:
        kind, _, name = arn.split(":")[-1].partition("/")
        if kind == "endpoint":
            return self._endpoint(name)
        if kind == INFERENCE_COMPONENT:
            return self._inference_component(name)
        if kind == "endpoint-config":
            for config_name, config in self.endpoint_configs.items():
                if config_name.lower() == name.lower():
                    return config
            raise ValidationException(f'Could not find endpoint configuration "{arn}".')
        return super()._get_resource_from_arn(arn)

    def add_tags(self, arn: str, tags: list[dict[str, str]]) -> list[dict[str, str]]:
        with self.lock:
            self.advance()
            resource = self._get_resource_from_arn(arn)
            validate_tags(tags, resource.tags)
            new = {t["Key"]: t.get("Value", "") for t in tags}
            resource.tags = [t for t in resource.tags if t["Key"] not in new] + [
                {"Key": k, "Value": v} for k, v in new.items()
            ]
            return resource.tags

    def delete_tags(self, arn: str, tag_keys: list[str]) -> None:
        with self.lock:
            self.advance()
            super().delete_tags(arn, tag_keys)


_INSTALLED = False


def install() -> None:
    """Make moto build :class:`EmulatorSageMakerBackend` for SageMaker (idempotent)."""
    global _INSTALLED
    if not _INSTALLED:
        moto_models.sagemaker_backends.backend = EmulatorSageMakerBackend
        moto_models.sagemaker_backends.clear()
        _INSTALLED = True

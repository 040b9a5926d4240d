"""Backend rules for inference components: which request is valid and which rollout it starts.

Mixed into the SageMaker backend (``models.py``) as ``scaling.py`` is; the
component's state machine is ``inference_components.py``.  moto has no
inference components, so the six operations are the emulator's own, shaped
by botocore's model (``responses.py`` maps their parameters).

Rules (``ValidationException``):

* names are unique per account and region, case-insensitively as endpoint
  names are (``Cannot create already existing inference component "arn"``);
* a component is placed only on an existing endpoint that is ``InService``,
  whose EndpointConfig hosts inference components (its production variants
  name no model: ``models.hosts_inference_components``), and on a variant of
  it; without ``VariantName`` an endpoint with one variant takes it;
* exactly one of ``Specification``/``Specifications``; a named model must
  exist; ``RuntimeConfig`` is required except for an adapter (a specification
  with ``BaseInferenceComponentName``, which must be a component on the same
  endpoint);
* update and runtime-config changes only when ``InService``
  (``Cannot update in-progress|failed inference component "arn"``); delete
  not while ``Creating``/``Updating``/``Deleting``, nor while adapters name
  the component as their base;
* the InferenceComponentDeploymentConfig rules of ``deployments.py``, and its
  alarms must exist.

Where the documentation gives no wording (every message here but the
"Could not find" ones) or no rule (placement while the endpoint is not
InService, deleting a base under its adapters, the missing-VariantName
default), the behaviour and text are the emulator's choice.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any, Callable

from moto.sagemaker.models import FakeEndpointConfig
from moto.utilities.paginator import paginate

from . import alarms, deployments, listing
from .autoscaling import models as autoscaling
from .exceptions import ControlError, ValidationException
from .inference_components import KIND, EmulatedInferenceComponent, Specs
from .lifecycle import EmulatedEndpoint
from .scaling import check_autoscale, fitted
from .timeline import Hold
from .validation import validate_tags

IC_IN_PROGRESS = {"Creating", "Updating", "Deleting"}

PAGINATION_MODEL = {
    "list_inference_components": {
        "input_token": "next_token",
        "limit_key": "max_results",
        "limit_default": 10,
        "unique_attribute": "arn",
    },
}


def hosts_inference_components(config: FakeEndpointConfig) -> bool:
    """An EndpointConfig hosts inference components when its production variants name no model."""
    return bool(config.production_variants) and not any(v.get("ModelName") for v in config.production_variants)


class InferenceComponentRules:
    """Mixed into the SageMaker backend (``models.py``), which provides the attributes below."""

    account_id: str
    region_name: str
    lock: threading.RLock
    holds: dict[str, list[Hold]]
    inference_components: dict[str, EmulatedInferenceComponent]
    endpoint_configs: dict[str, FakeEndpointConfig]
    _models: dict[str, Any]
    advance: Callable[..., float]
    _arn: Callable[[str, str], str]
    _endpoint: Callable[[str], EmulatedEndpoint]

    # -- lookups -------------------------------------------------------------
    def find_inference_component(self, name: str) -> EmulatedInferenceComponent | None:
        """Inference component names are unique case-insensitively (as endpoint names are)."""
        return next((c for c in self.inference_components.values() if c.name.lower() == name.lower()), None)

    def _inference_component(self, name: str) -> EmulatedInferenceComponent:
        component = self.find_inference_component(name)
        if component is None:
            raise ValidationException(f'Could not find inference component "{self._arn(KIND, name)}".')
        return component

    def hosted_inference_components(self, endpoint_name: str) -> list[EmulatedInferenceComponent]:
        """The components placed on ``endpoint_name``, in any status, by name."""
        hosted = [c for c in self.inference_components.values() if c.endpoint_name.lower() == endpoint_name.lower()]
        return sorted(hosted, key=lambda c: c.name)

    # -- what endpoints must respect ------------------------------------------------
    def _check_no_hosted_components(self, endpoint: EmulatedEndpoint) -> None:
        """DeleteEndpoint is refused while components are on the endpoint (SageMaker refuses; the text is ours)."""
        hosted = self.hosted_inference_components(endpoint.endpoint_name)
        if hosted:
            raise ValidationException(
                f'Cannot delete endpoint "{endpoint.arn}" while it hosts inference components '
                f"[{', '.join(c.name for c in hosted)}]. Delete the inference components first."
            )

    def _check_hosting_update(self, endpoint: EmulatedEndpoint, config: FakeEndpointConfig) -> None:
        """UpdateEndpoint of an endpoint with components.

        The documentation does not say what an update does to hosted components.  The emulator's choice: the
        components stay on their variants, so the new config must host components too and keep every variant
        a component is placed on; otherwise the update is refused.
        """
        hosted = self.hosted_inference_components(endpoint.endpoint_name)
        if not hosted:
            return
        names = ", ".join(c.name for c in hosted)
        if not hosts_inference_components(config):
            raise ValidationException(
                f'Cannot update endpoint "{endpoint.arn}", which hosts inference components [{names}], with '
                f'endpoint configuration "{config.endpoint_config_name}": its production variants name a model, '
                "so it cannot host inference components."
            )
        kept = {v["VariantName"] for v in config.production_variants}
        dropped = sorted({c.variant_name for c in hosted} - kept)
        if dropped:
            raise ValidationException(
                f'Cannot update endpoint "{endpoint.arn}" with endpoint configuration "{config.endpoint_config_name}": '
                f"it removes the production variant(s) [{', '.join(dropped)}] that inference components are "
                "placed on."
            )

    # -- create ------------------------------------------------------------------------
    def _specs(
        self,
        endpoint: EmulatedEndpoint,
        specification: dict[str, Any] | None,
        specifications: list[dict[str, Any]] | None,
        runtime_config: dict[str, Any] | None,
    ) -> Specs:
        if bool(specification) == bool(specifications):
            raise ValidationException("Exactly one of Specification and Specifications must be specified.")
        specs = Specs(specification, specifications, None if runtime_config is None else runtime_config["CopyCount"])
        adapter = False
        for spec in specs.all():
            model = spec.get("ModelName")
            if model and model not in self._models:
                raise ValidationException(f'Could not find model "{self._arn("model", model)}".')
            base = spec.get("BaseInferenceComponentName")
            if base:
                adapter = True
                found = self.find_inference_component(base)
                if found is None or found.endpoint_name.lower() != endpoint.endpoint_name.lower():
                    raise ValidationException(
                        f'Could not find base inference component "{self._arn(KIND, base)}" on endpoint '
                        f'"{endpoint.arn}".'
                    )
            elif not model and not spec.get("Container"):
                raise ValidationException("The inference component specification must name a ModelName or a Container.")
        if specs.copies is None and not adapter:
            raise ValidationException("RuntimeConfig is required for an inference component that is not an adapter.")
        return specs

    def create_inference_component(
        self,
        name: str,
        endpoint_name: str,
        variant_name: str | None,
        specification: dict[str, Any] | None,
        specifications: list[dict[str, Any]] | None,
        runtime_config: dict[str, Any] | None,
        tags: list[dict[str, str]] | None,
    ) -> EmulatedInferenceComponent:
        with self.lock:
            now = self.advance()
            existing = self.find_inference_component(name)
            if existing is not None:
                raise ValidationException(f'Cannot create already existing inference component "{existing.arn}".')
            endpoint = self._endpoint(endpoint_name)
            config = self.endpoint_configs.get(endpoint.endpoint_config_name)
            if config is None or not hosts_inference_components(config):
                raise ValidationException(
                    f'Endpoint "{endpoint.arn}" cannot host inference components: the production variants of its '
                    f'endpoint configuration "{endpoint.endpoint_config_name}" name a model. Use an endpoint '
                    "configuration whose production variants name no model, with an ExecutionRoleArn."
                )
            if endpoint.endpoint_status != "InService":
                raise ValidationException(
                    f'Cannot create inference component "{name}" on endpoint "{endpoint.arn}" while the endpoint '
                    f"is {endpoint.endpoint_status}; it must be InService."
                )
            live = [v["VariantName"] for v in endpoint.production_variants]
            if variant_name is None and len(live) == 1:
                variant_name = live[0]
            if variant_name is None:
                raise ValidationException(
                    f'VariantName must be specified: endpoint "{endpoint.arn}" has production variants '
                    f"[{', '.join(live)}]."
                )
            if variant_name not in live:
                raise ValidationException(
                    f'The variant name(s) "{variant_name}" is/are not present within endpoint configuration '
                    f'"{endpoint.endpoint_config_name}".'
                )
            specs = self._specs(endpoint, specification, specifications, runtime_config)
            tags = tags or []
            validate_tags(tags)
            component = EmulatedInferenceComponent(
                self.account_id, self.region_name, self._arn(KIND, name), name, endpoint, variant_name, specs,
                tags, now, self.holds,
            )
            self.inference_components[name] = component
            return component

    # -- read ------------------------------------------------------------------------------
    def describe_inference_component(self, name: str) -> dict[str, Any]:
        with self.lock:
            self.advance()
            return self._inference_component(name).response_object

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_inference_components(
        self, endpoint_name_equals: str | None = None, variant_name_equals: str | None = None, **filters: Any
    ) -> list[EmulatedInferenceComponent]:
        with self.lock:
            self.advance()
            components = list(self.inference_components.values())

        def placed(c: EmulatedInferenceComponent) -> bool:
            return (not endpoint_name_equals or c.endpoint_name.lower() == endpoint_name_equals.lower()) and (
                not variant_name_equals or c.variant_name == variant_name_equals
            )

        return listing.listed(filter(placed, components), lambda c: c.name, lambda c: c.status, filters)

    # -- update ------------------------------------------------------------------------
    def _updatable(self, name: str) -> EmulatedInferenceComponent:
        component = self._inference_component(name)
        if component.status in IC_IN_PROGRESS:
            raise ValidationException(f'Cannot update in-progress inference component "{component.arn}".')
        if component.status == "Failed":
            raise ValidationException(f'Cannot update failed inference component "{component.arn}".')
        return component

    def update_inference_component(
        self,
        name: str,
        specification: dict[str, Any] | None,
        specifications: list[dict[str, Any]] | None,
        runtime_config: dict[str, Any] | None,
        deployment_config: dict[str, Any] | None,
    ) -> str:
        with self.lock:
            now = self.advance()
            component = self._updatable(name)
            if not (specification or specifications or runtime_config or deployment_config):
                raise ValidationException(
                    "At least one of Specification, Specifications, RuntimeConfig or DeploymentConfig must be "
                    "specified."
                )
            if not (specification or specifications or deployment_config):
                component.start_capacity(runtime_config["CopyCount"], now, "Updating the copy count.")  # type: ignore[index]
                return component.arn
            copies = {"CopyCount": component.specs.copies} if component.specs.copies is not None else None
            runtime = runtime_config or copies
            if specification or specifications:
                target = self._specs(self._endpoint(component.endpoint_name), specification, specifications, runtime)
            else:
                target = dataclasses.replace(component.specs, copies=runtime and runtime["CopyCount"])
            deployments.validate_inference_component(deployment_config, component.name, target.copies or 0)
            alarms.check_exist(self.account_id, self.region_name, deployments.alarm_names(deployment_config))
            component.start_update(target, deployment_config, now)
            return component.arn

    def update_inference_component_runtime_config(self, name: str, desired_runtime_config: dict[str, Any]) -> str:
        with self.lock:
            now = self.advance()
            component = self._updatable(name)
            component.start_capacity(desired_runtime_config["CopyCount"], now, "Updating the copy count.")
            return component.arn

    # -- delete ------------------------------------------------------------------------
    def delete_inference_component(self, name: str) -> None:
        with self.lock:
            now = self.advance()
            component = self._inference_component(name)
            if component.status in IC_IN_PROGRESS:
                raise ValidationException(f'Cannot delete in-progress inference component "{component.arn}".')
            adapters = sorted(c.name for c in self.inference_components.values() if c.base_name
                              and c.base_name.lower() == component.name.lower())
            if adapters:
                raise ValidationException(
                    f'Cannot delete inference component "{component.arn}": adapter inference component(s) '
                    f"[{', '.join(adapters)}] use it as their base. Delete them first."
                )
            component.start_delete(now)
            self.advance(now)

    # -- Application Auto Scaling ----------------------------------------------------------
    def fit_inference_component(self, name: str, low: int | None, high: int | None) -> None:
        """RegisterScalableTarget: an InService component's copy count is moved into ``[low, high]``."""
        with self.lock:
            now = self.advance()
            component = self.find_inference_component(name)
            if component is None or component.status != "InService" or component.desired is None:
                return
            count = fitted(component.desired, low, high)
            if count != component.desired:
                component.start_capacity(
                    count, now,
                    f"Application Auto Scaling is moving the copy count into the scalable target's range [{low}, {high}].",
                )

    def autoscale_inference_component(self, name: str, copies: int) -> dict[str, Any]:
        """Play the autoscaler for a component's copy count (``POST /_emulator/autoscale``), within its target."""
        count = int(copies)
        with self.lock:
            now = self.advance()
            component = self.find_inference_component(name)
            if component is None:
                raise ControlError(f"no inference component {name!r}")
            rid = autoscaling.component_resource_id(component.name)
            target = autoscaling.backend(self.account_id, self.region_name).component_target(component.name)
            check_autoscale(target, rid, count, component.name, component.status)
            if count != component.desired:
                component.start_capacity(count, now, f"Application Auto Scaling is setting the copy count to {count}.")
            return component.response_object

"""State and rules: moto's Application Auto Scaling backend, extended where SageMaker depends on it.

* Registering a new scalable target needs ``MinCapacity`` and ``MaxCapacity``
  ("This parameter is required if you are registering a scalable target",
  RegisterScalableTarget), and the minimum may not exceed the maximum.
* Registering or updating a SageMaker variant's target fits the variant's
  capacity into the range ("If the specified resource is not active in the
  target service, this operation does not change the resource's current
  capacity. Otherwise, it changes the resource's current capacity to a value
  that is inside of this range"): an InService endpoint goes through
  ``Updating``.
* Inference components scale by copy count: dimension
  ``sagemaker:inference-component:DesiredCopyCount``, resource
  ``inference-component/<name>``, minimum 0 allowed (moto's dimension list
  lacks it, so such targets are kept here without moto's check); registering
  fits an InService component's copy count into the range as for variants.
* Deregistering a target also deletes its scaling policies and scheduled
  actions ("Deregistering a scalable target deletes the scaling policies and
  the scheduled actions that are associated with it", DeregisterScalableTarget);
  moto keeps them.

:meth:`EmulatorAutoscalingBackend.variant_targets` and
:meth:`~EmulatorAutoscalingBackend.deregister_endpoint` are what the
SageMaker backend reads and calls.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from moto.applicationautoscaling import models as moto_models
from moto.applicationautoscaling.exceptions import AWSValidationException
from moto.applicationautoscaling.models import ApplicationAutoscalingBackend, FakeScalableTarget

NAMESPACE = "sagemaker"
DIMENSION = "sagemaker:variant:DesiredInstanceCount"
RESOURCE_ID = re.compile(r"endpoint/(?P<endpoint>[^/]+)/variant/(?P<variant>[^/]+)")
COMPONENT_DIMENSION = "sagemaker:inference-component:DesiredCopyCount"
COMPONENT_RESOURCE_ID = re.compile(r"inference-component/(?P<component>[^/]+)")


def resource_id(endpoint_name: str, variant_name: str) -> str:
    return f"endpoint/{endpoint_name}/variant/{variant_name}"


def component_resource_id(component_name: str) -> str:
    return f"inference-component/{component_name}"


class EmulatorAutoscalingBackend(ApplicationAutoscalingBackend):
    """moto's Application Auto Scaling backend with the rules SageMaker variants depend on."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.lock = threading.RLock()

    def register_scalable_target(  # type: ignore[override]
        self,
        namespace: str,
        r_id: str,
        dimension: str,
        min_capacity: int | None,
        max_capacity: int | None,
        role_arn: str,
        suspended_state: Any,
    ) -> FakeScalableTarget:
        with self.lock:
            existing = self.targets.get(dimension, {}).get(r_id)
            if existing is None and (min_capacity is None or max_capacity is None):
                raise AWSValidationException(
                    "MinCapacity and MaxCapacity are required to register a new scalable target."
                )
            low = existing.min_capacity if min_capacity is None and existing else min_capacity
            high = existing.max_capacity if max_capacity is None and existing else max_capacity
            if low is not None and high is not None and low > high:
                raise AWSValidationException("Minimum capacity cannot be greater than maximum capacity.")
            if dimension == COMPONENT_DIMENSION:
                target = self._register_component(
                    namespace, r_id, min_capacity, max_capacity, role_arn, suspended_state, existing
                )
            else:
                target = super().register_scalable_target(
                    namespace, r_id, dimension, min_capacity, max_capacity, role_arn, suspended_state
                )
        self._fit(target)
        return target

    def _register_component(
        self,
        namespace: str,
        r_id: str,
        min_capacity: int | None,
        max_capacity: int | None,
        role_arn: str,
        suspended_state: Any,
        existing: FakeScalableTarget | None,
    ) -> FakeScalableTarget:
        """An inference component's copy-count target (moto's own check knows no such dimension)."""
        if namespace != NAMESPACE or not COMPONENT_RESOURCE_ID.fullmatch(r_id):
            raise AWSValidationException("Unsupported service namespace, resource type or scalable dimension")
        if existing is not None:
            existing.update(min_capacity, max_capacity, suspended_state)
            return existing
        target = FakeScalableTarget(
            self, namespace, r_id, COMPONENT_DIMENSION, min_capacity, max_capacity, role_arn, suspended_state
        )
        self._add_scalable_target(target)
        return target

    def deregister_scalable_target(self, namespace: str, r_id: str, dimension: str) -> None:
        with self.lock:
            super().deregister_scalable_target(namespace, r_id, dimension)
            for key, policy in list(self.policies.items()):
                if (policy.service_namespace, policy.resource_id, policy.scalable_dimension) == (namespace, r_id, dimension):
                    policy.delete_alarms(self.account_id, self.region_name)
                    del self.policies[key]
            self.scheduled_actions = [
                a
                for a in self.scheduled_actions
                if (a.service_namespace, a.resource_id, a.scalable_dimension) != (namespace, r_id, dimension)
            ]

    # -- what SageMaker reads and calls --------------------------------------------
    def variant_targets(self, endpoint_name: str) -> dict[str, FakeScalableTarget]:
        """The scalable targets of ``endpoint_name``'s variants, by variant name (endpoint names ignore case)."""
        with self.lock:
            found = {}
            for target in self.targets.get(DIMENSION, {}).values():
                match = RESOURCE_ID.fullmatch(target.resource_id)
                if target.service_namespace == NAMESPACE and match and match["endpoint"].lower() == endpoint_name.lower():
                    found[match["variant"]] = target
            return found

    def deregister_endpoint(self, endpoint_name: str) -> None:
        """Deregister every variant target of the endpoint (DeleteEndpoint does)."""
        with self.lock:
            for target in self.variant_targets(endpoint_name).values():
                self.deregister_scalable_target(NAMESPACE, target.resource_id, DIMENSION)

    def component_target(self, component_name: str) -> FakeScalableTarget | None:
        """The copy-count target of an inference component (names ignore case)."""
        with self.lock:
            for target in self.targets.get(COMPONENT_DIMENSION, {}).values():
                match = COMPONENT_RESOURCE_ID.fullmatch(target.resource_id)
                if match and match["component"].lower() == component_name.lower():
                    return target
            return None

    def _fit(self, target: FakeScalableTarget) -> None:
        """Tell SageMaker to fit the variant's or component's capacity into the target's range."""
        if target.service_namespace != NAMESPACE:
            return
        from moto.sagemaker.models import sagemaker_backends

        sagemaker = sagemaker_backends[self.account_id][self.region_name]
        low, high = target.min_capacity, target.max_capacity
        variant = RESOURCE_ID.fullmatch(target.resource_id)
        component = COMPONENT_RESOURCE_ID.fullmatch(target.resource_id)
        if target.scalable_dimension == DIMENSION and variant is not None:
            getattr(sagemaker, "fit_to_target")(variant["endpoint"], variant["variant"], low, high)
        elif target.scalable_dimension == COMPONENT_DIMENSION and component is not None:
            getattr(sagemaker, "fit_inference_component")(component["component"], low, high)


def backend(account_id: str, region: str) -> EmulatorAutoscalingBackend:
    return moto_models.applicationautoscaling_backends[account_id][region]  # type: ignore[return-value]


_INSTALLED = False


def install() -> None:
    """Make moto build :class:`EmulatorAutoscalingBackend` for Application Auto Scaling (idempotent)."""
    global _INSTALLED
    if not _INSTALLED:
        moto_models.applicationautoscaling_backends.backend = EmulatorAutoscalingBackend
        moto_models.applicationautoscaling_backends.clear()
        _INSTALLED = True

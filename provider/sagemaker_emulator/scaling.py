"""The SageMaker side of Application Auto Scaling: what endpoints do about their variants' scalable targets.

"Update endpoints that use auto scaling": an UpdateEndpoint may neither remove
an autoscaled variant nor change its instance type (changing its model is
allowed).  "Delete endpoints configured for auto scaling": DeleteEndpoint
deregisters the targets, which needs application-autoscaling:DeregisterScalableTarget.
Application Auto Scaling changes capacity through UpdateEndpointWeightsAndCapacities,
so its changes are ``capacity`` rollouts (``lifecycle.py``).
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from .autoscaling import models as autoscaling
from .exceptions import ControlError, ValidationException
from .lifecycle import EmulatedEndpoint
from .settings import SETTINGS

DEREGISTER = "application-autoscaling:DeregisterScalableTarget"
#: DeleteEndpoint's refusal, verbatim as SageMaker answered it (awslabs/stable-diffusion-aws-extension#161).
CANNOT_DEREGISTER = (
    "An Application AutoScaling scalable target exists for a variant being deleted, and the IAM identity used to "
    "invoke DeleteEndpoint does not have application-autoscaling:DeregisterScalableTarget permission to deregister "
    "the scalable target."
)


def fitted(desired: int, low: int | None, high: int | None) -> int:
    """``desired`` moved into ``[low, high]`` (an open side where a bound is missing)."""
    return min(max(desired, low if low is not None else desired), high if high is not None else desired)


def check_autoscale(target: Any, rid: str, count: int, name: str, status: str) -> None:
    """What the autoscaler needs (ControlError otherwise): a registered target whose range holds ``count``,
    and the resource ``InService`` (autoscaling "is blocked while the update operation is in progress")."""
    if target is None:
        raise ControlError(f"no scalable target is registered for {rid}; register one with RegisterScalableTarget")
    if not target.min_capacity <= count <= target.max_capacity:
        raise ControlError(
            f"{count} is outside the scalable target's range [{target.min_capacity}, {target.max_capacity}] of {rid}"
        )
    if status != "InService":
        raise ControlError(f"autoscaling is blocked while {name} is {status}")


class AutoscalingRules:
    """Mixed into the SageMaker backend (``models.py``), which provides the attributes below."""

    account_id: str
    region_name: str
    lock: threading.RLock
    advance: Callable[..., float]
    find_endpoint: Callable[[str], EmulatedEndpoint | None]

    def _scaling(self) -> autoscaling.EmulatorAutoscalingBackend:
        return autoscaling.backend(self.account_id, self.region_name)

    def _check_scalable_targets(self, endpoint: EmulatedEndpoint, target: list[dict[str, Any]]) -> None:
        """An update may neither remove an autoscaled variant nor change its instance type ("Update endpoints
        that use auto scaling"); changing its model is allowed."""
        scaled = self._scaling().variant_targets(endpoint.endpoint_name)
        live = {v["VariantName"]: v.get("InstanceType") for v in endpoint.production_variants}
        new = {v["VariantName"]: v.get("InstanceType") for v in target}
        removed = sorted(name for name in scaled if name in live and name not in new)
        retyped = sorted(name for name in scaled if name in live and name in new and new[name] != live[name])
        for names, change in ((removed, "be removed"), (retyped, "have their instance type changed")):
            if names:
                raise ValidationException(
                    f"The production variant(s) [{', '.join(names)}] of endpoint \"{endpoint.arn}\" are registered "
                    f"as Application Auto Scaling scalable targets and cannot {change} by UpdateEndpoint. Delete "
                    "their scaling policies and deregister them with DeregisterScalableTarget before updating the "
                    "endpoint, then register them again."
                )

    def _deregister_scalable_targets(self, endpoint: EmulatedEndpoint) -> None:
        """DeleteEndpoint: deregister the endpoint's targets, or refuse when that is denied."""
        scaling = self._scaling()
        if scaling.variant_targets(endpoint.endpoint_name):
            if SETTINGS.current.denies(DEREGISTER):
                raise ValidationException(CANNOT_DEREGISTER)
            scaling.deregister_endpoint(endpoint.endpoint_name)

    def fit_to_target(self, endpoint_name: str, variant_name: str, low: int | None, high: int | None) -> None:
        """RegisterScalableTarget: an InService variant's capacity is moved into ``[low, high]``."""
        with self.lock:
            now = self.advance()
            endpoint = self.find_endpoint(endpoint_name)
            if endpoint is None or endpoint.endpoint_status != "InService":
                return
            variant = endpoint.variant(variant_name)
            if variant is None or "DesiredInstanceCount" not in variant:
                return
            desired = variant["DesiredInstanceCount"]
            fitted_count = fitted(desired, low, high)
            if fitted_count != desired:
                endpoint.start_capacity(
                    {variant_name: {"DesiredInstanceCount": fitted_count}},
                    now,
                    f"Application Auto Scaling is moving the instance count into the scalable target's range "
                    f"[{low}, {high}].",
                )

    def autoscale(self, endpoint_name: str, variant_name: str, desired_instance_count: int) -> dict[str, Any]:
        """Play the autoscaler: set the variant's desired instance count, within its scalable target's range.

        Autoscaling goes through UpdateEndpointWeightsAndCapacities, so the endpoint is ``Updating`` for
        ``capacity_seconds``; it is blocked while the endpoint is not InService ("Update endpoints that use
        auto scaling") and in a direction its target's SuspendedState suspends.
        """
        count = int(desired_instance_count)
        with self.lock:
            now = self.advance()
            endpoint = self.find_endpoint(endpoint_name)
            if endpoint is None:
                raise ControlError(f"no endpoint {endpoint_name!r}")
            rid = autoscaling.resource_id(endpoint.endpoint_name, variant_name)
            target = self._scaling().variant_targets(endpoint_name).get(variant_name)
            check_autoscale(target, rid, count, endpoint_name, endpoint.endpoint_status)
            variant = endpoint.variant(variant_name)
            if variant is None or "DesiredInstanceCount" not in variant:
                raise ControlError(f"{endpoint_name} has no instance-based production variant {variant_name!r}")
            current = variant["DesiredInstanceCount"]
            suspended = target.suspended_state or {}
            direction = "DynamicScalingOutSuspended" if count > current else "DynamicScalingInSuspended"
            if count != current and suspended.get(direction):
                raise ControlError(f"{direction} is set on the scalable target of {rid}")
            if count != current:
                endpoint.start_capacity(
                    {variant_name: {"DesiredInstanceCount": count}},
                    now,
                    f"Application Auto Scaling is setting the desired instance count to {count}.",
                )
            return endpoint.response_object

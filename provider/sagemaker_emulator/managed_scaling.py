"""Managed instance scaling: SageMaker sets the instance count of a variant whose ManagedInstanceScaling is ENABLED.

ProductionVariantManagedInstanceScaling: "the range in the number of instances that the endpoint provisions as it
scales up or down"; "Scale an endpoint to zero instances": an endpoint scales to and from zero only when it is in
service, hosts inference components and has a ``MinInstanceCount`` of 0.  SageMaker decides from the copies its
inference components need; the emulator places no copies, so a test decides instead (``POST
/_emulator/managed-scale``, ``Emulator.managed_scale``): the endpoint must be InService and the count within the
variant's range (whether components are hosted is not checked; a minimum of 0 is only accepted for configs that can
host them).
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Mapping

from .exceptions import ControlError
from .lifecycle import EmulatedEndpoint
from .requestlog import RECORDER


def scaling_range(variant: Mapping[str, Any], endpoint_name: str) -> tuple[int, int]:
    """``(MinInstanceCount, MaxInstanceCount)`` of a live variant under ENABLED managed instance scaling."""
    scaling = variant.get("ManagedInstanceScaling") or {}
    if scaling.get("Status") != "ENABLED":
        raise ControlError(
            f"production variant {variant['VariantName']!r} of {endpoint_name} has no ENABLED managed instance "
            "scaling; SageMaker does not set its instance count"
        )
    # Both bounds are optional in the model; a missing one leaves that side open at the API's limits.
    return int(scaling.get("MinInstanceCount", 0)), int(scaling.get("MaxInstanceCount", 2**31 - 1))


def scaled_variant(endpoint: EmulatedEndpoint, variant_name: str, count: int) -> dict[str, Any]:
    """The live variant managed instance scaling may give ``count`` instances (ControlError otherwise): the
    endpoint InService, the variant instance-based with ENABLED managed instance scaling, ``count`` in its range."""
    name, status = endpoint.endpoint_name, endpoint.endpoint_status
    if status != "InService":
        raise ControlError(f"managed instance scaling acts only on an InService endpoint; {name} is {status}")
    variant = endpoint.variant(variant_name)
    if variant is None or "DesiredInstanceCount" not in variant:
        raise ControlError(f"{name} has no instance-based production variant {variant_name!r}")
    low, high = scaling_range(variant, name)
    if not low <= count <= high:
        raise ControlError(
            f"{count} is outside the managed instance scaling range [{low}, {high}] of production variant "
            f"{variant_name!r} of {name}"
        )
    return variant


class ManagedScalingRules:
    """Mixed into the SageMaker backend (``models.py``), which provides the attributes below."""

    lock: threading.RLock
    advance: Callable[..., float]
    find_endpoint: Callable[[str], EmulatedEndpoint | None]

    def managed_scale(self, endpoint_name: str, variant_name: str, instance_count: int) -> dict[str, Any]:
        """Play managed instance scaling: the variant's current and desired instance count become ``instance_count``
        at once and the endpoint stays InService; answers the endpoint as DescribeEndpoint shows it."""
        count = int(instance_count)
        with self.lock:
            now = self.advance()
            endpoint = self.find_endpoint(endpoint_name)
            if endpoint is None:
                raise ControlError(f"no endpoint {endpoint_name!r}")
            variant = scaled_variant(endpoint, variant_name, count)
            variant["CurrentInstanceCount"] = variant["DesiredInstanceCount"] = count
            RECORDER.event(
                resource=endpoint.hold_key, rollout="managed-scaling", phase="managed-scaling", at=now,
                message=f"Managed instance scaling set the instance count of {variant_name} to {count}.",
            )
            return endpoint.response_object

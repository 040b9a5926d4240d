"""DeploymentConfig rules and rollout plans (plain data, no I/O).

A rollout is a list of :class:`Phase` objects that an endpoint or an inference
component walks through in time (``timeline.py``).  An endpoint's
DeploymentConfig rolls instances; an inference component's
(InferenceComponentDeploymentConfig) rolls copies, with the same rolling
batches (:func:`inference_component_plan`).  Durations taken from the DeploymentConfig
(``WaitIntervalInSeconds``, ``TerminationWaitInSeconds``,
``MaximumExecutionTimeoutInSeconds``) are multiplied by ``time_scale``; the
provisioning durations (``update_seconds``) are used as they are.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Mapping, Sequence

from .exceptions import ValidationException


@dataclasses.dataclass
class Phase:
    """One step of a rollout.

    ``kind`` is one of ``provision`` (new capacity comes up), ``shift``
    (traffic moves to the new fleet), ``bake`` (alarms watched),
    ``termination-wait`` (alarms still watched, old fleet still up),
    ``terminate`` (old capacity goes away).
    """

    kind: str
    seconds: float
    variant_status: str
    message: str
    monitored: bool = False
    traffic: float | None = None  # share of traffic on the new fleet once this phase ends
    new_instances: float | None = None  # share of new capacity provisioned once this phase ends
    old_instances: float | None = None  # share of old capacity left once this phase ends


@dataclasses.dataclass
class Plan:
    phases: list[Phase]
    alarms: list[str]
    timeout: int | None  # MaximumExecutionTimeoutInSeconds as configured (not scaled)


#: The unit of a CapacitySize (endpoints) or InferenceComponentCapacitySize (inference components) by Type.
UNITS = {"INSTANCE_COUNT": "instance(s)", "COPY_COUNT": "copy(ies)", "CAPACITY_PERCENT": "%"}


def _capacity_text(size: Mapping[str, Any]) -> str:
    unit = UNITS.get(size["Type"], "")
    return f"{size['Value']}{unit}" if unit == "%" else f"{size['Value']} {unit}"


def _share(size: Mapping[str, Any], count: int) -> float:
    """A CapacitySize as a share (0..1] of a variant with ``count`` instances (or a component with ``count`` copies)."""
    if size["Type"] == "CAPACITY_PERCENT":
        return size["Value"] / 100.0
    return size["Value"] / max(count, 1)


def _check_share(
    field: str,
    size: Mapping[str, Any],
    variants: Mapping[str, int],
    low: float,
    high: float,
    subject: str = "production variant",
    whole: str = "the variant's total instance count",
) -> None:
    unit = "instance(s)" if subject == "production variant" else "copy(ies)"
    for variant, count in variants.items():
        share = _share(size, count)
        if not (low - 1e-9 <= share <= high + 1e-9):
            bounds = f"less than or equal to {high:.0%}" if low == 0 else f"between {low:.0%} and {high:.0%}"
            raise ValidationException(
                f"{field} of {_capacity_text(size)} is not valid for {subject} \"{variant}\" "
                f"with {count} {unit}: it must be {bounds} of {whole}."
            )


def alarm_names(config: Mapping[str, Any] | None) -> list[str]:
    alarms = ((config or {}).get("AutoRollbackConfiguration") or {}).get("Alarms") or []
    return [a["AlarmName"] for a in alarms if a.get("AlarmName")]


def validate(config: Mapping[str, Any] | None, variants: Mapping[str, int], serverless: bool) -> None:
    """The DeploymentConfig rules the botocore model cannot express.

    ``variants`` maps each production variant of the target EndpointConfig to
    its instance count.
    """
    if not config:
        return
    blue_green = config.get("BlueGreenUpdatePolicy")
    rolling = config.get("RollingUpdatePolicy")
    if blue_green and rolling:
        raise ValidationException(
            "Only one update policy can be specified in DeploymentConfig: "
            "BlueGreenUpdatePolicy or RollingUpdatePolicy."
        )
    if blue_green:
        routing = blue_green["TrafficRoutingConfiguration"]
        kind = routing["Type"]
        for field, wanted in (("CanarySize", "CANARY"), ("LinearStepSize", "LINEAR")):
            if routing.get(field) and kind != wanted:
                raise ValidationException(
                    f"{field} can only be specified when TrafficRoutingConfiguration Type is {wanted}."
                )
            if kind == wanted and not routing.get(field):
                raise ValidationException(
                    f"{field} must be specified when TrafficRoutingConfiguration Type is {wanted}."
                )
        if kind == "CANARY":
            _check_share("CanarySize", routing["CanarySize"], variants, 0.0, 0.5)
        if kind == "LINEAR":
            _check_share("LinearStepSize", routing["LinearStepSize"], variants, 0.1, 0.5)
        waits = routing["WaitIntervalInSeconds"] + blue_green.get("TerminationWaitInSeconds", 0)
        _check_timeout(blue_green.get("MaximumExecutionTimeoutInSeconds"), waits)
    if rolling:
        if len(variants) > 1:
            raise ValidationException(
                "RollingUpdatePolicy is not supported for endpoints with more than one production variant."
            )
        if serverless:
            raise ValidationException("RollingUpdatePolicy is not supported for serverless endpoints.")
        _check_share("MaximumBatchSize", rolling["MaximumBatchSize"], variants, 0.05, 0.5)
        _check_timeout(rolling.get("MaximumExecutionTimeoutInSeconds"), rolling["WaitIntervalInSeconds"])


def _check_timeout(timeout: int | None, waits: int) -> None:
    if timeout is not None and timeout <= waits:
        raise ValidationException(
            f"MaximumExecutionTimeoutInSeconds ({timeout}) must be larger than the total waiting time "
            f"specified in TerminationWaitInSeconds and WaitIntervalInSeconds ({waits})."
        )


def _traffic_steps(routing: Mapping[str, Any], count: int) -> list[float]:
    kind = routing["Type"]
    if kind == "CANARY":
        return [min(_share(routing["CanarySize"], count), 1.0), 1.0]
    if kind == "LINEAR":
        step = _share(routing["LinearStepSize"], count)
        steps = math.ceil(1.0 / step - 1e-9)
        return [min(step * (i + 1), 1.0) for i in range(steps)]
    return [1.0]


def plan(
    config: Mapping[str, Any] | None,
    variants: Mapping[str, int],
    update_seconds: float,
    time_scale: float,
) -> Plan:
    """The phases of an UpdateEndpoint rollout for ``config`` (None: plain update)."""
    config = config or {}
    count = sum(variants.values()) or 1
    alarms = alarm_names(config)
    rolling = config.get("RollingUpdatePolicy")
    if rolling:
        return _rolling(rolling, count, alarms, update_seconds, time_scale)
    blue_green = config.get("BlueGreenUpdatePolicy") or {}
    routing = blue_green.get("TrafficRoutingConfiguration") or {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}
    wait = routing["WaitIntervalInSeconds"] * time_scale
    phases = [Phase("provision", update_seconds, "Creating", "Provisioning the new fleet.", new_instances=1.0)]
    for share in _traffic_steps(routing, count):
        phases.append(
            Phase("shift", 0.0, "ActivatingTraffic", f"Shifting {share:.0%} of traffic to the new fleet.", traffic=share)
        )
        phases.append(
            Phase(
                "bake",
                wait,
                "Baking",
                f"Baking with {share:.0%} of traffic on the new fleet.",
                monitored=bool(alarms),
            )
        )
    termination = blue_green.get("TerminationWaitInSeconds", 0) * time_scale
    phases.append(
        Phase(
            "termination-wait",
            termination,
            "Baking",
            "Waiting TerminationWaitInSeconds before terminating the old fleet.",
            monitored=bool(alarms),
        )
    )
    phases.append(Phase("terminate", 0.0, "Deleting", "Terminating the old fleet.", old_instances=0.0))
    timeout = blue_green.get("MaximumExecutionTimeoutInSeconds")
    return Plan(phases, alarms, timeout)


def fallback(update_seconds: float, reason: str) -> Plan:
    """The deployment guardrails "Exclusions" fallback: "a blue/green deployment with all at once traffic
    shifting and no final baking period" (so no bake, no termination wait, no alarms, no deadline)."""
    phases = [
        Phase(
            "provision",
            update_seconds,
            "Creating",
            f"Provisioning the new fleet. Deployment guardrails are not supported for {reason}: all at once, "
            "no baking period.",
            new_instances=1.0,
        ),
        Phase("shift", 0.0, "ActivatingTraffic", "Shifting 100% of traffic to the new fleet.", traffic=1.0),
        Phase("terminate", 0.0, "Deleting", "Terminating the old fleet.", old_instances=0.0),
    ]
    return Plan(phases, [], None)


def validate_inference_component(config: Mapping[str, Any] | None, name: str, copies: int) -> None:
    """The InferenceComponentDeploymentConfig rules the botocore model cannot express, for ``copies`` copies.

    "The value must be between 5% to 50% of the copy count of the inference component"
    (InferenceComponentRollingUpdatePolicy.MaximumBatchSize); a rollback batch is at most all of them.
    """
    if not config:
        return
    rolling = config["RollingUpdatePolicy"]
    whole = "the inference component's copy count"
    _check_share("MaximumBatchSize", rolling["MaximumBatchSize"], {name: copies}, 0.05, 0.5, "inference component", whole)
    if rolling.get("RollbackMaximumBatchSize"):
        _check_share(
            "RollbackMaximumBatchSize", rolling["RollbackMaximumBatchSize"], {name: copies}, 0.0, 1.0,
            "inference component", whole,
        )
    _check_timeout(rolling.get("MaximumExecutionTimeoutInSeconds"), rolling["WaitIntervalInSeconds"])


#: An inference component update without a DeploymentConfig: all copies in one batch, no bake (the emulator's
#: choice; the API reference does not say how SageMaker rolls such an update).
ALL_COPIES_AT_ONCE = {"MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 100}, "WaitIntervalInSeconds": 0}


def inference_component_plan(
    config: Mapping[str, Any] | None, copies: int, update_seconds: float, time_scale: float
) -> Plan:
    """The phases of an UpdateInferenceComponent rollout to ``copies`` copies: per batch of ``MaximumBatchSize``
    copies provision new copies, shift, bake ``WaitIntervalInSeconds`` (alarms watched), terminate as many old."""
    rolling = (config or {}).get("RollingUpdatePolicy") or ALL_COPIES_AT_ONCE
    return _rolling(rolling, copies, alarm_names(config), update_seconds, time_scale, "copy(ies)")


def _rolling(
    rolling: Mapping[str, Any],
    count: int,
    alarms: Sequence[str],
    update_seconds: float,
    time_scale: float,
    unit: str = "instance(s)",
) -> Plan:
    batch = max(1, math.floor(_share(rolling["MaximumBatchSize"], count) * count + 1e-9))
    batches = max(1, math.ceil(count / batch))
    wait = rolling["WaitIntervalInSeconds"] * time_scale
    phases: list[Phase] = []
    done = 0
    for index in range(batches):
        size = min(batch, count - done)
        done += size
        share = done / count if count else 1.0
        label = f"batch {index + 1} of {batches} ({size} {unit})"
        phases += [
            Phase("provision", update_seconds / batches, "Creating", f"Provisioning {label}.", new_instances=share),
            Phase("shift", 0.0, "ActivatingTraffic", f"Shifting traffic to {label}.", traffic=share),
            Phase("bake", wait, "Baking", f"Baking {label}.", monitored=bool(alarms)),
            Phase(
                "terminate", 0.0, "Deleting", f"Terminating {size} old {unit}.", old_instances=1.0 - share
            ),
        ]
    timeout = rolling.get("MaximumExecutionTimeoutInSeconds")
    return Plan(phases, list(alarms), timeout)

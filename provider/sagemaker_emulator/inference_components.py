"""The inference component's timed state machine and its views (moto has no inference components).

:class:`EmulatedInferenceComponent` walks the rollouts of ``timeline.py``:

* create: ``Creating`` for ``create_seconds``, then ``InService`` with all
  its copies (or ``Failed`` with a FailureReason when ``fail_create`` names it);
* update (UpdateInferenceComponent with a specification or a
  DeploymentConfig): ``Updating`` through the rolling batches of
  ``deployments.inference_component_plan`` - per batch new copies are
  provisioned, traffic shifts, the batch bakes (alarms watched), as many old
  copies terminate - then ``InService`` on the new specification.  An alarm in
  ``ALARM`` while a batch bakes, or the MaximumExecutionTimeoutInSeconds
  deadline, rolls it back: still ``Updating`` (the component has no
  ``RollingBack`` status) for ``rollback_seconds``, then ``InService`` on the
  old specification and copy count with a FailureReason.  When
  ``fail_update`` names it, the first batch's new copies never come up: it is
  ``InService`` again on the old specification with that FailureReason;
* capacity (a copy count change alone: UpdateInferenceComponentRuntimeConfig,
  or UpdateInferenceComponent with only a RuntimeConfig, or the autoscaler):
  ``Updating`` for ``capacity_seconds`` with the new DesiredCopyCount and the
  old CurrentCopyCount, then ``InService``;
* delete: ``Deleting`` for ``delete_seconds``, then gone.

While an update runs, Specification stays the live (old) one and
CurrentCopyCount counts the copies up on either side; DesiredCopyCount is the
target.  (The emulator's choices, as for the endpoint's EndpointConfigName:
the API reference does not say which specification DescribeInferenceComponent
shows during an update.)  The rules deciding whether a request may start a
rollout live in ``inference_component_rules.py``.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from . import deployments, variants
from .deployments import Phase
from .settings import SETTINGS
from .timeline import Hold, Rollout, Timed, creating, timestamp

KIND = "inference-component"


def hold_key(name: str) -> str:
    """How holds, the event log and ARNs name an inference component."""
    return f"{KIND}/{name.lower()}"


def summary_of(specification: dict[str, Any], at: Any) -> dict[str, Any]:
    """An InferenceComponentSpecification as DescribeInferenceComponent shows it (SpecificationSummary):
    ``Container.Image`` becomes ``Container.DeployedImage`` (resolved to itself: the emulator has no registry)."""
    summary = {k: copy.deepcopy(v) for k, v in specification.items() if k in variants.members(
        "InferenceComponentSpecificationSummary")}
    container = specification.get("Container")
    if container:
        wanted = variants.members("InferenceComponentContainerSpecificationSummary")
        shown = {k: copy.deepcopy(v) for k, v in container.items() if k in wanted}
        if container.get("Image"):
            image = container["Image"]
            shown["DeployedImage"] = {"SpecifiedImage": image, "ResolvedImage": image, "ResolutionTime": at}
        summary["Container"] = shown
    return summary


@dataclasses.dataclass
class Specs:
    """What an inference component runs: ``Specification`` or ``Specifications`` (as given) and its copy count
    (``None`` for an adapter, which has no RuntimeConfig of its own)."""

    specification: dict[str, Any] | None
    specifications: list[dict[str, Any]] | None
    copies: int | None

    def all(self) -> list[dict[str, Any]]:
        return self.specifications or ([self.specification] if self.specification else [])


class EmulatedInferenceComponent(Timed):
    """An inference component whose status moves in time."""

    def __init__(
        self,
        account_id: str,
        region_name: str,
        arn: str,
        name: str,
        endpoint: Any,
        variant_name: str,
        specs: Specs,
        tags: list[dict[str, str]],
        now: float,
        holds: dict[str, list[Hold]],
    ) -> None:
        self.account_id = account_id
        self.region_name = region_name
        self.arn = arn
        self.name = name
        self.endpoint_name = endpoint.endpoint_name
        self.endpoint_arn = endpoint.arn
        self.variant_name = variant_name
        self.specs = specs  # the live specification; its copies are the DesiredCopyCount outside updates
        self.target: Specs | None = None  # what an update rolls out
        self.new_up = 0  # copies up (on the new specification during an update)
        self.old_up = 0  # copies still up on the old specification during an update
        self.old_total = 0  # copies up when the update started
        self.status = "Creating"
        self.failure_reason: str | None = None
        self.last_deployment_config: dict[str, Any] | None = None
        self.tags = tags
        self.creation_time = self.last_modified_time = timestamp(now)
        self.gone = False
        self.holds = holds
        self.rollout: Rollout | None = creating(now, name, "inference component")

    @property
    def hold_key(self) -> str:
        return hold_key(self.name)

    @property
    def desired(self) -> int | None:
        return (self.target or self.specs).copies

    @property
    def current(self) -> int:
        return self.new_up + self.old_up

    @property
    def base_name(self) -> str | None:
        """The BaseInferenceComponentName of an adapter component."""
        bases = [s["BaseInferenceComponentName"] for s in self.specs.all() if s.get("BaseInferenceComponentName")]
        return bases[0] if bases else None

    # -- starting a rollout ---------------------------------------------------
    def _start(self, kind: str, phases: list[Phase], now: float, **fields: Any) -> None:
        self.status = "Deleting" if kind == "delete" else "Updating"
        self.failure_reason = None
        self.last_modified_time = timestamp(now)
        self.rollout = Rollout(kind=kind, phases=phases, started=now, phase_started=now, **fields)

    def start_update(self, target: Specs, deployment_config: dict[str, Any] | None, now: float) -> None:
        """Roll ``target`` out in the batches of ``deployment_config`` (all copies at once without one)."""
        settings = SETTINGS.current
        plan = deployments.inference_component_plan(
            deployment_config, target.copies or 0, settings.update_seconds, settings.time_scale
        )
        self.target = target
        self.old_total, self.old_up, self.new_up = self.current, self.current, 0
        self.last_deployment_config = copy.deepcopy(deployment_config) if deployment_config else None
        self._start(
            "update",
            plan.phases,
            now,
            alarms=plan.alarms,
            deadline=None if plan.timeout is None else now + plan.timeout * settings.time_scale,
            timeout=plan.timeout,
            failure=settings.failure_for("fail_update", self.name),
        )

    def start_capacity(self, copies: int, now: float, message: str) -> None:
        self.specs = dataclasses.replace(self.specs, copies=copies)
        self._start("capacity", [Phase("capacity", SETTINGS.current.capacity_seconds, "Updating", message)], now)

    def start_delete(self, now: float) -> None:
        phases = [Phase("delete", SETTINGS.current.delete_seconds, "Deleting", "Deleting the inference component.")]
        self._start("delete", phases, now)

    # -- the timeline's hooks ---------------------------------------------------
    def _apply(self, rollout: Rollout, phase: Phase, at: float) -> None:
        if phase.kind == "delete":
            self.gone = True
            self.rollout = None
        elif phase.kind == "provision" and rollout.failure:
            self._restore(at, rollout.failure)  # the new copies never came up: the old ones keep serving
        elif rollout.kind == "update" and phase.new_instances is not None:
            self.new_up = round((self.desired or 0) * phase.new_instances)
        if rollout.kind == "update" and phase.old_instances is not None:
            self.old_up = round(self.old_total * phase.old_instances)

    def _finish(self, rollout: Rollout, at: float) -> None:
        if rollout.kind == "rollback":
            self._restore(at, rollout.reason)
            return
        if rollout.kind == "create" and rollout.failure:
            self._settle("Failed", at, rollout.failure)
            return
        if rollout.kind == "update" and self.target is not None:
            self.specs, self.target = self.target, None
        self.new_up, self.old_up = self.specs.copies or 0, 0
        self._settle("InService", at)

    def _roll_back(self, rollout: Rollout, at: float, reason: str) -> None:
        self.last_modified_time = timestamp(at)
        phase = Phase(
            "rollback", SETTINGS.current.rollback_seconds, "Updating", "Rolling back to the previous specification."
        )
        self.rollout = dataclasses.replace(
            rollout, kind="rollback", phases=[phase], phase_started=at, reason=reason, paused=0.0, released=False
        )

    def _rollback_reason(self, rollout: Rollout, alarm_names: list[str] | None) -> str:
        # The wording is the emulator's: SageMaker documents no FailureReason text for these rollbacks.
        if alarm_names is None:
            return (
                f"The update did not finish within MaximumExecutionTimeoutInSeconds ({rollout.timeout} seconds) "
                "and was rolled back to the previous specification."
            )
        return (
            "The update was rolled back to the previous specification because CloudWatch alarm(s) "
            f"[{', '.join(alarm_names)}] in the AutoRollbackConfiguration went into ALARM state."
        )

    def _restore(self, at: float, reason: str | None) -> None:
        """Back on the live specification with all its copies, ``InService`` with ``reason``."""
        self.target = None
        self.new_up, self.old_up = self.specs.copies or 0, 0
        self._settle("InService", at, reason)

    def _settle(self, status: str, at: float, failure: str | None = None) -> None:
        self.status = status
        self.failure_reason = failure
        self.last_modified_time = timestamp(at)
        self.rollout = None

    # -- views -------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """InferenceComponentSummary (ListInferenceComponents)."""
        return {
            "InferenceComponentName": self.name,
            "InferenceComponentArn": self.arn,
            "EndpointName": self.endpoint_name,
            "EndpointArn": self.endpoint_arn,
            "VariantName": self.variant_name,
            "InferenceComponentStatus": self.status,
            "CreationTime": self.creation_time,
            "LastModifiedTime": self.last_modified_time,
        }

    @property
    def response_object(self) -> dict[str, Any]:
        """DescribeInferenceComponentOutput."""
        response = {k: v for k, v in self.summary().items() if k != "InferenceComponentStatus"}
        if self.specs.specification:
            response["Specification"] = summary_of(self.specs.specification, self.creation_time)
        if self.specs.specifications:
            response["Specifications"] = [summary_of(s, self.creation_time) for s in self.specs.specifications]
        if self.desired is not None:
            response["RuntimeConfig"] = {"DesiredCopyCount": self.desired, "CurrentCopyCount": self.current}
        response["InferenceComponentStatus"] = self.status
        if self.failure_reason:
            response["FailureReason"] = self.failure_reason
        if self.last_deployment_config:
            response["LastDeploymentConfig"] = copy.deepcopy(self.last_deployment_config)
        return response

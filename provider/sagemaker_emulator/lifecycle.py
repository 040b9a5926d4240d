"""The endpoint's timed state machine: rollouts in phases, advanced lazily from timestamps.

:class:`EmulatedEndpoint` extends moto's ``FakeEndpoint`` with the timed
machinery of ``timeline.py`` (rollouts of phases, alarm trips from moto's
CloudWatch history, holds): this module says what each phase does to the
endpoint and its fleets, and how an update rolls back.  The rules that decide
whether a request may start a rollout live in ``models.py``.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig

from . import deployments, variants
from .deployments import Phase
from .settings import SETTINGS
from .timeline import Hold, Rollout, Timed, creating, timestamp


#: The Current* value that follows each Desired* value once a capacity change is done.
CURRENT_OF = {
    "DesiredWeight": "CurrentWeight",
    "DesiredInstanceCount": "CurrentInstanceCount",
    "DesiredServerlessConfig": "CurrentServerlessConfig",
}


class EmulatedEndpoint(Timed, FakeEndpoint):
    """moto's FakeEndpoint with a status that moves in time."""

    def __init__(
        self,
        account_id: str,
        region_name: str,
        arn: str,
        endpoint_name: str,
        config: FakeEndpointConfig,
        tags: list[dict[str, str]],
        deployment_config: dict[str, Any] | None,
        now: float,
        holds: dict[str, list[Hold]],
    ) -> None:
        super().__init__(
            account_id=account_id,
            region_name=region_name,
            endpoint_name=endpoint_name,
            endpoint_config_name=config.endpoint_config_name,
            production_variants=config.production_variants,
            data_capture_config=config.data_capture_config,
            tags=tags,
        )
        self.account_id = account_id
        self.region_name = region_name
        self.arn = arn
        self.endpoint_status = "Creating"
        self.creation_time = self.last_modified_time = timestamp(now)
        self.production_variants = []
        self.last_deployment_config = copy.deepcopy(deployment_config) if deployment_config else None
        self.gone = False
        self.holds = holds  # the backend's, by lower-case endpoint name
        self.rollout: Rollout | None = creating(
            now,
            endpoint_name,
            "endpoint",
            target_config=config.endpoint_config_name,
            target_variants=variants.unprovisioned(variants.fleet(config)),
        )

    @property
    def hold_key(self) -> str:
        return self.endpoint_name.lower()

    def _rollback_reason(self, rollout: Rollout, alarm_names: list[str] | None) -> str:
        if alarm_names is None:
            return (
                "The deployment did not finish within MaximumExecutionTimeoutInSeconds "
                f"({rollout.timeout} seconds) and was rolled back to endpoint configuration "
                f'"{rollout.old_config}".'
            )
        return (
            f"The deployment was rolled back to endpoint configuration \"{rollout.old_config}\" because "
            f"CloudWatch alarm(s) [{', '.join(alarm_names)}] in the AutoRollbackConfiguration went into "
            "ALARM state."
        )

    def _apply(self, rollout: Rollout, phase: Phase, at: float) -> None:
        if phase.kind == "delete":
            self.gone = True
            self.rollout = None
        elif phase.kind == "provision" and rollout.failure:
            # The new fleet never came up: the old one keeps serving.
            self._settle("InService", at, failure=rollout.failure)
        elif phase.new_instances is not None:
            for variant in rollout.target_variants:
                if "DesiredInstanceCount" in variant:
                    variant["CurrentInstanceCount"] = round(variant["DesiredInstanceCount"] * phase.new_instances)
        if phase.old_instances is not None:
            for variant, old in zip(self.production_variants, rollout.old_variants):
                if "DesiredInstanceCount" in old:
                    variant["CurrentInstanceCount"] = round(old["DesiredInstanceCount"] * phase.old_instances)

    def _finish(self, rollout: Rollout, at: float) -> None:
        if rollout.kind == "create":
            if rollout.failure:
                self._settle("Failed", at, failure=rollout.failure)
            else:
                self.production_variants = rollout.target_variants
                for variant in self.production_variants:
                    if "DesiredInstanceCount" in variant:
                        variant["CurrentInstanceCount"] = variant["DesiredInstanceCount"]
                self._settle("InService", at)
        elif rollout.kind == "update":
            self.endpoint_config_name = rollout.target_config
            self.production_variants = rollout.target_variants
            self._settle("InService", at)
        elif rollout.kind == "capacity":
            for variant in self.production_variants:
                for desired, current in CURRENT_OF.items():
                    if desired in variant:
                        variant[current] = copy.deepcopy(variant[desired])
            self._settle("InService", at, failure=self.failure_reason)
        elif rollout.kind == "rollback":
            if rollout.rollback_fails:
                self._settle(
                    "UpdateRollbackFailed",
                    at,
                    failure=f"{rollout.reason} The automatic rollback failed as well: the endpoint is in "
                    "service with a mix of the old and new endpoint configurations.",
                )
            else:
                self.production_variants = copy.deepcopy(rollout.old_variants)
                self._settle("InService", at, failure=rollout.reason)

    def _settle(self, status: str, at: float, failure: str | None = None) -> None:
        self.endpoint_status = status
        self.failure_reason = failure
        self.last_modified_time = timestamp(at)
        self.rollout = None

    def _roll_back(self, rollout: Rollout, at: float, reason: str) -> None:
        settings = SETTINGS.current
        fails = settings.rollback_fails(self.endpoint_name)
        self.endpoint_status = "RollingBack"
        self.last_modified_time = timestamp(at)
        self.rollout = dataclasses.replace(
            rollout,
            kind="rollback",
            phases=[
                Phase(
                    "rollback",
                    settings.rollback_seconds,
                    "Deleting",
                    f'Rolling back to endpoint configuration "{rollout.old_config}".',
                    old_instances=None if fails else 1.0,
                )
            ],
            phase_started=at,
            reason=reason,
            rollback_fails=fails,
            paused=0.0,
            released=False,
        )

    # -- starting a rollout ---------------------------------------------------
    def start_update(
        self,
        config: FakeEndpointConfig,
        target: list[dict[str, Any]],
        deployment_config: dict[str, Any] | None,
        now: float,
        excluded: str | None = None,
    ) -> None:
        """Start rolling out ``target``; ``excluded`` names the feature that makes the deployment fall back."""
        settings = SETTINGS.current
        if deployment_config and excluded:
            plan = deployments.fallback(settings.update_seconds, excluded)
        else:
            plan = deployments.plan(
                deployment_config, variants.instance_counts(target), settings.update_seconds, settings.time_scale
            )
        self.last_deployment_config = copy.deepcopy(deployment_config) if deployment_config else None
        self.endpoint_status = "Updating"
        self.failure_reason = None
        self.last_modified_time = timestamp(now)
        self.rollout = Rollout(
            kind="update",
            phases=plan.phases,
            started=now,
            phase_started=now,
            target_config=config.endpoint_config_name,
            target_variants=variants.unprovisioned(target),
            old_config=self.endpoint_config_name,
            old_variants=copy.deepcopy(self.production_variants),
            alarms=plan.alarms,
            deadline=None if plan.timeout is None else now + plan.timeout * settings.time_scale,
            timeout=plan.timeout,
            failure=settings.failure_for("fail_update", self.endpoint_name),
        )

    def variant(self, name: str) -> dict[str, Any] | None:
        """The live production variant of that name."""
        return next((v for v in self.production_variants if v["VariantName"] == name), None)

    def start_capacity(self, desired: dict[str, dict[str, Any]], now: float, message: str) -> None:
        """Move the live fleet to the ``desired`` Desired* values (by variant name); Current* follow when done."""
        for variant in self.production_variants:
            variant.update(copy.deepcopy(desired.get(variant["VariantName"], {})))
        self.endpoint_status = "Updating"
        self.last_modified_time = timestamp(now)
        self.rollout = Rollout(
            kind="capacity",
            phases=[Phase("capacity", SETTINGS.current.capacity_seconds, "Updating", message)],
            started=now,
            phase_started=now,
            target_config=self.endpoint_config_name,
            target_variants=[],
            resizing=[name for name, change in desired.items() if set(change) - {"DesiredWeight"}],
        )

    def start_delete(self, now: float) -> None:
        self.endpoint_status = "Deleting"
        self.last_modified_time = timestamp(now)
        self.rollout = Rollout(
            kind="delete",
            phases=[Phase("delete", SETTINGS.current.delete_seconds, "Deleting", "Deleting the endpoint.")],
            started=now,
            phase_started=now,
            target_config=self.endpoint_config_name,
            target_variants=[],
        )

    # -- views -------------------------------------------------------------
    def _pending_summary(self) -> dict[str, Any] | None:
        rollout = self.rollout
        if rollout is None or rollout.kind in ("delete", "capacity"):
            return None
        phase = rollout.phases[0] if rollout.phases else None
        status = {
            "Status": phase.variant_status if phase else "Updating",
            "StatusMessage": phase.message if phase else "",
            "StartTime": timestamp(rollout.phase_started),
        }
        return {
            "EndpointConfigName": rollout.target_config,
            "ProductionVariants": [
                {**v, "VariantStatus": [status]}
                for v in variants.view(rollout.target_variants, "PendingProductionVariantSummary")
            ],
            "StartTime": timestamp(rollout.started),
        }

    def _live_variants(self) -> list[dict[str, Any]]:
        """ProductionVariants; a variant whose capacity is changing reports VariantStatus ``Updating``."""
        live = variants.view(self.production_variants)
        rollout = self.rollout
        if rollout is not None and rollout.kind == "capacity" and rollout.phases:
            status = {
                "Status": rollout.phase.variant_status,
                "StatusMessage": rollout.phase.message,
                "StartTime": timestamp(rollout.phase_started),
            }
            for variant in live:
                if variant["VariantName"] in rollout.resizing:
                    variant["VariantStatus"] = [dict(status)]
        return live

    @property
    def response_object(self) -> dict[str, Any]:  # type: ignore[override]
        response: dict[str, Any] = {
            "EndpointName": self.endpoint_name,
            "EndpointArn": self.arn,
            "EndpointConfigName": self.endpoint_config_name,
            "EndpointStatus": self.endpoint_status,
            "CreationTime": self.creation_time,
            "LastModifiedTime": self.last_modified_time,
        }
        if self.production_variants:
            response["ProductionVariants"] = self._live_variants()
        if self.failure_reason:
            response["FailureReason"] = self.failure_reason
        if self.last_deployment_config:
            response["LastDeploymentConfig"] = copy.deepcopy(self.last_deployment_config)
        pending = self._pending_summary()
        if pending:
            response["PendingDeploymentSummary"] = pending
        capture = self.data_capture_config or {}
        if capture:
            response["DataCaptureConfig"] = {
                "EnableCapture": bool(capture.get("EnableCapture", False)),
                "CaptureStatus": "Started" if capture.get("EnableCapture") else "Stopped",
                "CurrentSamplingPercentage": int(capture.get("InitialSamplingPercentage", 0)),
                "DestinationS3Uri": capture.get("DestinationS3Uri", ""),
                "KmsKeyId": capture.get("KmsKeyId", ""),
            }
        return response

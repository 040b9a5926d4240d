"""State and rules: moto's SageMaker backend extended with endpoint lifecycles in time.

:class:`EmulatedEndpoint` extends moto's ``FakeEndpoint`` with a rollout (a
list of timed phases, see ``deployments.py``) that is advanced lazily, from
timestamps, whenever the backend is asked about it.  Alarm trips are read
from moto's CloudWatch alarm history (``alarms.py``), so the outcome does not
depend on when a client happens to poll.

:class:`EmulatorSageMakerBackend` extends moto's ``SageMakerModelBackend``;
``install()`` makes moto build it for every account and region.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import threading
import time
from typing import Any, Iterable

from moto.sagemaker import models as moto_models
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, SageMakerModelBackend
from moto.sagemaker.utils import arn_formatter
from moto.utilities.paginator import paginate

from . import alarms, deployments
from .deployments import Phase
from .exceptions import ResourceLimitExceeded, ValidationException
from .requestlog import RECORDER
from .settings import SETTINGS
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


def timestamp(seconds: float) -> dt.datetime:
    """Epoch seconds as the naive UTC datetime moto serializes."""
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).replace(tzinfo=None)


def sagemaker_arn(kind: str, name: str, account_id: str, region: str) -> str:
    """SageMaker ARNs carry the resource name in lower case."""
    return arn_formatter(kind, name.lower(), account_id, region)


def variant_summaries(config: FakeEndpointConfig) -> list[dict[str, Any]]:
    """ProductionVariantSummary entries for a fleet running ``config`` as configured."""
    summaries = []
    for variant in config.production_variants:
        summary: dict[str, Any] = {"VariantName": variant["VariantName"]}
        weight = float(variant.get("InitialVariantWeight", 1.0))
        summary["CurrentWeight"] = summary["DesiredWeight"] = weight
        if variant.get("ServerlessConfig"):
            summary["CurrentServerlessConfig"] = summary["DesiredServerlessConfig"] = variant["ServerlessConfig"]
        else:
            count = int(variant.get("InitialInstanceCount", 1))
            summary["CurrentInstanceCount"] = summary["DesiredInstanceCount"] = count
        summaries.append(summary)
    return summaries


def instance_counts(variants: Iterable[dict[str, Any]]) -> dict[str, int]:
    return {v["VariantName"]: int(v.get("DesiredInstanceCount", 1)) for v in variants}


@dataclasses.dataclass
class Rollout:
    """What an endpoint is doing: ``create``, ``update``, ``rollback`` or ``delete``."""

    kind: str
    phases: list[Phase]
    started: float
    phase_started: float
    target_config: str
    target_variants: list[dict[str, Any]]
    old_config: str = ""
    old_variants: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    alarms: list[str] = dataclasses.field(default_factory=list)
    deadline: float | None = None
    timeout: int | None = None  # MaximumExecutionTimeoutInSeconds as configured
    failure: str | None = None  # forced failure (fail_create / fail_update)
    reason: str = ""  # why a rollback runs
    rollback_fails: bool = False

    @property
    def phase(self) -> Phase:
        return self.phases[0]


class EmulatedEndpoint(FakeEndpoint):
    """moto's FakeEndpoint with a status that moves in time."""

    def __init__(
        self,
        backend: "EmulatorSageMakerBackend",
        endpoint_name: str,
        config: FakeEndpointConfig,
        tags: list[dict[str, str]],
        deployment_config: dict[str, Any] | None,
        now: float,
    ) -> None:
        super().__init__(
            account_id=backend.account_id,
            region_name=backend.region_name,
            endpoint_name=endpoint_name,
            endpoint_config_name=config.endpoint_config_name,
            production_variants=config.production_variants,
            data_capture_config=config.data_capture_config,
            tags=tags,
        )
        self.backend = backend
        self.arn = sagemaker_arn("endpoint", endpoint_name, backend.account_id, backend.region_name)
        self.endpoint_status = "Creating"
        self.creation_time = self.last_modified_time = timestamp(now)
        self.production_variants = []
        self.last_deployment_config = copy.deepcopy(deployment_config) if deployment_config else None
        self.gone = False
        settings = SETTINGS.current
        self.rollout: Rollout | None = Rollout(
            kind="create",
            phases=[Phase("create", settings.create_seconds, "Creating", "Creating the endpoint.")],
            started=now,
            phase_started=now,
            target_config=config.endpoint_config_name,
            target_variants=[{**v, "CurrentInstanceCount": 0} for v in variant_summaries(config)],
            failure=settings.failure_for("fail_create", endpoint_name),
        )

    # -- time ------------------------------------------------------------
    def advance(self, now: float) -> None:
        """Apply every transition due by ``now``, in order and at its own time."""
        while self.rollout is not None:
            rollout = self.rollout
            if not rollout.phases:
                self._finish(rollout, rollout.phase_started)
                continue
            phase = rollout.phase
            start = rollout.phase_started
            end = start + phase.seconds
            if rollout.kind == "update" and self._interrupt(rollout, phase, start, min(end, now)):
                continue
            if end > now:
                return
            rollout.phases.pop(0)
            rollout.phase_started = end
            self._apply(rollout, phase, end)

    def _interrupt(self, rollout: Rollout, phase: Phase, start: float, horizon: float) -> bool:
        """Start a rollback if an alarm tripped or the deadline passed in ``[start, horizon]``."""
        trip = None
        if phase.monitored and rollout.alarms:
            trip = alarms.first_trip(self.backend.account_id, self.backend.region_name, rollout.alarms, start, horizon)
        deadline = rollout.deadline
        if deadline is not None and deadline <= horizon and (trip is None or deadline < trip[0]):
            self._roll_back(
                rollout,
                deadline,
                "The deployment did not finish within MaximumExecutionTimeoutInSeconds "
                f"({rollout.timeout} seconds) and was rolled back to endpoint configuration "
                f'"{rollout.old_config}".',
            )
            return True
        if trip is not None:
            at, names = trip
            self._roll_back(
                rollout,
                at,
                f"The deployment was rolled back to endpoint configuration \"{rollout.old_config}\" because "
                f"CloudWatch alarm(s) [{', '.join(names)}] in the AutoRollbackConfiguration went into "
                "ALARM state.",
            )
            return True
        return False

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
        )

    # -- requests ----------------------------------------------------------
    def start_update(
        self,
        config: FakeEndpointConfig,
        variants: list[dict[str, Any]],
        deployment_config: dict[str, Any] | None,
        now: float,
    ) -> None:
        settings = SETTINGS.current
        plan = deployments.plan(deployment_config, instance_counts(variants), settings.update_seconds, settings.time_scale)
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
            target_variants=[{**v, "CurrentInstanceCount": 0} if "DesiredInstanceCount" in v else v for v in variants],
            old_config=self.endpoint_config_name,
            old_variants=copy.deepcopy(self.production_variants),
            alarms=plan.alarms,
            deadline=None if plan.timeout is None else now + plan.timeout * settings.time_scale,
            timeout=plan.timeout,
            failure=settings.failure_for("fail_update", self.endpoint_name),
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
        if rollout is None or rollout.kind == "delete":
            return None
        phase = rollout.phases[0] if rollout.phases else None
        status = {
            "Status": phase.variant_status if phase else "Updating",
            "StatusMessage": phase.message if phase else "",
            "StartTime": timestamp(rollout.phase_started),
        }
        return {
            "EndpointConfigName": rollout.target_config,
            "ProductionVariants": [{**v, "VariantStatus": [status]} for v in rollout.target_variants],
            "StartTime": timestamp(rollout.started),
        }

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
            response["ProductionVariants"] = copy.deepcopy(self.production_variants)
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


class EmulatedEndpointConfig(FakeEndpointConfig):
    """moto's FakeEndpointConfig without its outdated instance-type list.

    Instance types are checked against botocore's current enum by
    ``validation.validate_input`` before the backend is called.
    """

    def validate_instance_type(self, instance_type: str) -> None:
        return None


class EmulatorSageMakerBackend(SageMakerModelBackend):
    """moto's SageMaker backend with SageMaker's hosting rules and timing."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.lock = threading.RLock()
        self.config_visible_at: dict[str, float] = {}

    # -- helpers -------------------------------------------------------------
    def _arn(self, kind: str, name: str) -> str:
        return sagemaker_arn(kind, name, self.account_id, self.region_name)

    def advance(self, now: float | None = None) -> float:
        now = time.time() if now is None else now
        for name, endpoint in list(self.endpoints.items()):
            endpoint.advance(now)  # type: ignore[attr-defined]
            if getattr(endpoint, "gone", False):
                del self.endpoints[name]
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

    def _visible_config(self, name: str, now: float) -> FakeEndpointConfig:
        """The EndpointConfig as CreateEndpoint/UpdateEndpoint see it (eventually consistent)."""
        config = self.endpoint_configs.get(name)
        if config is not None and now < self.config_visible_at.get(name, 0.0):
            RECORDER.fault("consistency")
            config = None
        if config is None:
            raise ValidationException(
                f'Could not find endpoint configuration "{self._arn("endpoint-config", name)}".'
            )
        return config

    def _check_deployment_config(
        self, deployment_config: dict[str, Any] | None, config: FakeEndpointConfig, variants: list[dict[str, Any]]
    ) -> None:
        if not deployment_config:
            return
        serverless = any(v.get("ServerlessConfig") for v in config.production_variants)
        deployments.validate(deployment_config, instance_counts(variants), serverless)
        names = deployments.alarm_names(deployment_config)
        missing = alarms.missing(self.account_id, self.region_name, names)
        if missing:
            raise ValidationException(
                f"Could not find CloudWatch alarm(s) [{', '.join(missing)}] named in the AutoRollbackConfiguration."
            )

    # -- models and endpoint configs -----------------------------------------
    def create_model(self, model_name: str, *args: Any, **kwargs: Any) -> Any:
        if any(name.lower() == model_name.lower() for name in self._models):
            raise ValidationException(f'Cannot create already existing model "{self._arn("model", model_name)}".')
        return super().create_model(model_name, *args, **kwargs)

    def describe_model(self, model_name: str) -> Any:
        if model_name not in self._models:
            raise ValidationException(f'Could not find model "{self._arn("model", model_name)}".')
        return super().describe_model(model_name)

    def validate_production_variants(self, production_variants: list[dict[str, Any]]) -> None:
        for variant in production_variants:
            if variant["ModelName"] not in self._models:
                raise ValidationException(f'Could not find model "{self._arn("model", variant["ModelName"])}".')

    def create_endpoint_config(
        self,
        endpoint_config_name: str,
        production_variants: list[dict[str, Any]],
        data_capture_config: dict[str, Any],
        async_inference_config: dict[str, Any],
        tags: list[dict[str, str]],
        kms_key_id: str,
    ) -> FakeEndpointConfig:
        with self.lock:
            if any(name.lower() == endpoint_config_name.lower() for name in self.endpoint_configs):
                arn = self._arn("endpoint-config", endpoint_config_name)
                raise ValidationException(f'Cannot create already existing endpoint configuration "{arn}".')
            self.validate_production_variants(production_variants)
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
            config.endpoint_config_arn = self._arn("endpoint-config", endpoint_config_name)
            config.arn = (config.endpoint_config_arn,)
            self.endpoint_configs[endpoint_config_name] = config
            self.config_visible_at[endpoint_config_name] = time.time() + SETTINGS.current.consistency_seconds
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
            self.config_visible_at.pop(endpoint_config_name, None)

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
            self._check_deployment_config(deployment_config, config, variant_summaries(config))
            endpoint = EmulatedEndpoint(self, endpoint_name, config, tags, deployment_config, now)
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
            if endpoint.endpoint_status in IN_PROGRESS:
                raise ValidationException(f'Cannot update in-progress endpoint "{endpoint.arn}".')
            if endpoint.endpoint_status == "Failed":
                raise ValidationException(f'Cannot update failed endpoint "{endpoint.arn}".')
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
            variants = self._target_variants(
                endpoint, config, bool(retain_all_variant_properties), exclude_retained_variant_properties or []
            )
            if deployment_config:
                live = sorted(v["VariantName"] for v in endpoint.production_variants)
                new = sorted(v["VariantName"] for v in variants)
                if live and live != new:
                    raise ValidationException(
                        f'The production variants of endpoint configuration "{endpoint_config_name}" '
                        f"({', '.join(new)}) must have the same names as those of the current endpoint "
                        f'configuration "{endpoint.endpoint_config_name}" ({", ".join(live)}) to use a '
                        "DeploymentConfig."
                    )
            self._check_deployment_config(deployment_config, config, variants)
            endpoint.start_update(config, variants, deployment_config, now)
            excluded = {p.get("VariantPropertyType") for p in exclude_retained_variant_properties or []}
            if not retain_all_variant_properties or "DataCaptureConfig" in excluded:
                endpoint.data_capture_config = config.data_capture_config
            return endpoint.arn

    @staticmethod
    def _target_variants(
        endpoint: EmulatedEndpoint,
        config: FakeEndpointConfig,
        retain_all: bool,
        exclude: list[dict[str, str]],
    ) -> list[dict[str, Any]]:
        variants = variant_summaries(config)
        if not retain_all:
            return variants
        excluded = {p.get("VariantPropertyType") for p in exclude}
        live = {v["VariantName"]: v for v in endpoint.production_variants}
        for variant in variants:
            current = live.get(variant["VariantName"])
            if current is None:
                continue
            if "DesiredInstanceCount" not in excluded and "DesiredInstanceCount" in current:
                variant["DesiredInstanceCount"] = current["DesiredInstanceCount"]
            if "DesiredWeight" not in excluded and "DesiredWeight" in current:
                variant["DesiredWeight"] = variant["CurrentWeight"] = current["DesiredWeight"]
        return variants

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
            endpoint.start_delete(now)
            self.advance(now)

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_endpoints(  # type: ignore[override]
        self,
        sort_by: str | None,
        sort_order: str | None,
        name_contains: str | None,
        creation_time_before: dt.datetime | None,
        creation_time_after: dt.datetime | None,
        last_modified_time_before: dt.datetime | None,
        last_modified_time_after: dt.datetime | None,
        status_equals: str | None,
    ) -> list[EmulatedEndpoint]:
        with self.lock:
            self.advance()
            endpoints: list[EmulatedEndpoint] = list(self.endpoints.values())  # type: ignore[arg-type]

        def seconds(value: dt.datetime) -> float:
            return alarms.to_epoch(value)

        def keep(e: EmulatedEndpoint) -> bool:
            created, modified = seconds(e.creation_time), seconds(e.last_modified_time)
            return (
                (not name_contains or name_contains.lower() in e.endpoint_name.lower())
                and (not status_equals or e.endpoint_status == status_equals)
                and (creation_time_before is None or created < seconds(creation_time_before))
                and (creation_time_after is None or created >= seconds(creation_time_after))
                and (last_modified_time_before is None or modified < seconds(last_modified_time_before))
                and (last_modified_time_after is None or modified > seconds(last_modified_time_after))
            )

        keys = {
            "Name": lambda e: e.endpoint_name,
            "Status": lambda e: e.endpoint_status,
            "CreationTime": lambda e: seconds(e.creation_time),
        }
        key = keys.get(sort_by or "CreationTime", keys["CreationTime"])
        return sorted(filter(keep, endpoints), key=key, reverse=(sort_order or "Descending") == "Descending")

    # -- tags ------------------------------------------------------------------------
    def _get_resource_from_arn(self, arn: str) -> Any:
        kind, _, name = arn.split(":")[-1].partition("/")
        if kind == "endpoint":
            return self._endpoint(name)
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

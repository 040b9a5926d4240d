"""Helpers for the emulator's own tests.

The ``emulator`` and ``emulator_factory`` fixtures come from
``sagemaker_emulator.pytest_plugin``, registered in ``tests/conftest.py``.
Every test talks to an emulator subprocess over HTTP with plain boto3.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Callable, Iterable, TypeVar

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from sagemaker_emulator import Emulator

T = TypeVar("T")

ROLE = "arn:aws:iam::123456789012:role/emulator-tests"
NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1})
#: Seconds after which a poll for something that must happen gives up: a guard against a hang, never a window the
#: test depends on (what is waited for takes tenths of a second of emulator time, or is held until released).
GUARD = 120.0


def wait_for(check: Callable[[], T | None], timeout: float = GUARD, interval: float = 0.02, what: str = "") -> T:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or check}; last value: {last!r}")


def released_between(release: Callable[[], Any]) -> tuple[tuple[float, float], Any]:
    """Run ``release`` (an ``emulator.release``); the epoch seconds just before and after it, and its answer.

    The emulator runs on this machine's clock, so the instant it released the hold lies in that window.
    """
    before = time.time()
    answer = release()
    return (before, time.time()), answer


def within(stamp: datetime, window: tuple[float, float], seconds: float, precision: float = 0.002) -> bool:
    """Whether the emulator stamped ``stamp`` ``seconds`` after an instant in ``window`` (its times carry
    milliseconds): a released phase runs its full duration from the release, on the emulator's clock."""
    at = stamp.timestamp()
    return window[0] + seconds - precision <= at <= window[1] + seconds + precision


def error_of(call: Callable[[], Any]) -> dict[str, Any]:
    """The ``Error`` of the ClientError ``call`` raises, plus the HTTP status."""
    with pytest.raises(ClientError) as info:
        call()
    error = dict(info.value.response["Error"])
    error["HTTPStatusCode"] = info.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return error


def missing(describe: Callable[[], Any]) -> bool:
    """Whether ``describe`` answers ValidationException (what SageMaker says of a resource that is gone)."""
    try:
        describe()
    except ClientError as error:
        return error.response["Error"]["Code"] == "ValidationException"
    return False


class Hosting:
    """Models, endpoint configs and endpoints on one emulator, through boto3."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.sm = emulator.client("sagemaker", config=NO_RETRIES)
        self.cw = emulator.client("cloudwatch", config=NO_RETRIES)
        self.aas = emulator.client("application-autoscaling", config=NO_RETRIES)
        self._models: set[str] = set()

    def config(
        self,
        name: str,
        count: int = 4,
        variants: Iterable[str] = ("AllTraffic",),
        model: str = "model",
        instance_type: str = "ml.m5.large",
        container: dict[str, Any] | None = None,
    ) -> str:
        if model not in self._models:
            self.sm.create_model(ModelName=model, ExecutionRoleArn=ROLE, PrimaryContainer=container or {"Image": "image:1"})
            self._models.add(model)
        self.sm.create_endpoint_config(
            EndpointConfigName=name,
            ProductionVariants=[
                {
                    "VariantName": variant,
                    "ModelName": model,
                    "InstanceType": instance_type,
                    "InitialInstanceCount": count,
                    "InitialVariantWeight": 1.0,
                }
                for variant in variants
            ],
        )
        return name

    def describe(self, name: str) -> dict[str, Any]:
        return self.sm.describe_endpoint(EndpointName=name)

    def status(self, name: str) -> str:
        return self.describe(name)["EndpointStatus"]

    def wait_status(self, name: str, *statuses: str, timeout: float = GUARD) -> dict[str, Any]:
        return wait_for(
            lambda: (lambda d: d if d["EndpointStatus"] in statuses else None)(self.describe(name)),
            timeout=timeout,
            what=f"{name} in {statuses}",
        )

    def endpoint(self, name: str, config: str | None = None, count: int = 4, **kwargs: Any) -> dict[str, Any]:
        """An InService endpoint (with its own config unless ``config`` is given), created quickly."""
        config = config or self.config(f"{name}-cfg", count=count)
        create_seconds = self.emulator.config()["create_seconds"]
        self.emulator.configure(create_seconds=min(create_seconds, 0.02))
        try:
            self.sm.create_endpoint(EndpointName=name, EndpointConfigName=config, **kwargs)
        finally:
            self.emulator.configure(create_seconds=create_seconds)
        return self.wait_status(name, "InService")

    def through(self, name: str, phases: Iterable[str]) -> list[dict[str, Any]]:
        """Describe ``name`` standing in each of ``phases`` in turn, releasing it from each.

        The holds were set beforehand (``emulator.hold``): whatever the machine's load, every
        description is taken inside its phase.
        """
        seen = []
        for phase in phases:
            reached = self.emulator.wait_held(name)
            assert reached == phase, f"{name} stopped in {reached}, expected {phase}"
            seen.append(self.describe(name))
            self.emulator.release(name, phase)
        return seen

    def gone(self, name: str) -> bool:
        return missing(lambda: self.describe(name))

    def alarm(self, name: str, state: str | None = None) -> str:
        self.cw.put_metric_alarm(
            AlarmName=name,
            Namespace="AWS/SageMaker",
            MetricName="Invocation5XXErrors",
            Statistic="Sum",
            Period=60,
            EvaluationPeriods=1,
            Threshold=1,
            ComparisonOperator="GreaterThanOrEqualToThreshold",
        )
        if state:
            self.set_alarm(name, state)
        return name

    def set_alarm(self, name: str, state: str) -> None:
        self.cw.set_alarm_state(AlarmName=name, StateValue=state, StateReason="set by test")

    def watch(self, name: str, until: Iterable[str], timeout: float = GUARD) -> list[dict[str, Any]]:
        """Describe ``name`` until its status is one of ``until``; every description seen, in order."""
        final = set(until)
        seen: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            described = self.describe(name)
            seen.append(described)
            if described["EndpointStatus"] in final:
                return seen
            time.sleep(0.01)
        raise AssertionError(f"{name} did not reach {final}; last: {seen[-1]['EndpointStatus'] if seen else None}")


def statuses(descriptions: Iterable[dict[str, Any]]) -> list[str]:
    """Distinct consecutive statuses."""
    result: list[str] = []
    for described in descriptions:
        if not result or result[-1] != described["EndpointStatus"]:
            result.append(described["EndpointStatus"])
    return result


def messages(descriptions: Iterable[dict[str, Any]]) -> list[str]:
    """Distinct consecutive VariantStatus messages of the pending deployment."""
    result: list[str] = []
    for described in descriptions:
        pending = described.get("PendingDeploymentSummary")
        if not pending:
            continue
        message = pending["ProductionVariants"][0]["VariantStatus"][0]["StatusMessage"]
        if not result or result[-1] != message:
            result.append(message)
    return result


@pytest.fixture
def hosting(emulator: Emulator) -> Hosting:
    return Hosting(emulator)

"""Helpers for the inference component tests: IC-hosting configs and endpoints, components, holds by key."""

from __future__ import annotations

from typing import Any, Iterable

from .conftest import ROLE, Hosting, missing, wait_for

ARN = "arn:aws:sagemaker:us-east-1:123456789012"
SPEC = {"ModelName": "llm", "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}}
SPEC_V2 = {
    "Container": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:2"},
    "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 2048},
}


def key(name: str) -> str:
    """How holds and the event log name an inference component."""
    return f"inference-component/{name}"


def rolling(size: int, kind: str = "COPY_COUNT", wait: int = 300, alarm: str | None = None, **policy: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": kind, "Value": size}, "WaitIntervalInSeconds": wait, **policy}
    }
    if alarm:
        config["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": alarm}]}
    return config


class Components:
    """Inference components on one emulator, through boto3."""

    def __init__(self, hosting: Hosting) -> None:
        self.hosting = hosting
        self.emulator = hosting.emulator
        self.sm = hosting.sm
        self._models: set[str] = set()

    def model(self, name: str = "llm") -> str:
        if name not in self._models:
            self.sm.create_model(ModelName=name, ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "llm:1"})
            self._models.add(name)
        return name

    def config(self, name: str, variants: Iterable[str] = ("AllTraffic",), count: int = 1, **variant: Any) -> str:
        """An EndpointConfig for inference components: variants without a model, an ExecutionRoleArn."""
        self.sm.create_endpoint_config(
            EndpointConfigName=name,
            ExecutionRoleArn=ROLE,
            ProductionVariants=[
                {"VariantName": v, "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": count, **variant}
                for v in variants
            ],
        )
        return name

    def endpoint(self, name: str, variants: Iterable[str] = ("AllTraffic",), **variant: Any) -> dict[str, Any]:
        """An InService endpoint that hosts inference components."""
        return self.hosting.endpoint(name, config=self.config(f"{name}-cfg", variants, **variant))

    def create(self, name: str, endpoint: str, copies: int | None = 2, spec: dict[str, Any] | None = None, **extra: Any) -> str:
        self.model()
        params: dict[str, Any] = {"InferenceComponentName": name, "EndpointName": endpoint, **extra}
        params.setdefault("VariantName", "AllTraffic")
        if "Specifications" not in params:
            params["Specification"] = spec or SPEC
        if copies is not None:
            params["RuntimeConfig"] = {"CopyCount": copies}
        return self.sm.create_inference_component(**params)["InferenceComponentArn"]

    def in_service(self, name: str, endpoint: str, copies: int | None = 2, **extra: Any) -> dict[str, Any]:
        """A component created quickly and waited InService."""
        create_seconds = self.emulator.config()["create_seconds"]
        self.emulator.configure(create_seconds=min(create_seconds, 0.02))
        try:
            self.create(name, endpoint, copies, **extra)
        finally:
            self.emulator.configure(create_seconds=create_seconds)
        return self.wait(name, "InService")

    def describe(self, name: str) -> dict[str, Any]:
        return self.sm.describe_inference_component(InferenceComponentName=name)

    def wait(self, name: str, *statuses: str) -> dict[str, Any]:
        return wait_for(
            lambda: (lambda d: d if d["InferenceComponentStatus"] in statuses else None)(self.describe(name)),
            what=f"{name} in {statuses}",
        )

    def gone(self, name: str) -> bool:
        return missing(lambda: self.describe(name))

    def through(self, name: str, phases: Iterable[str]) -> list[dict[str, Any]]:
        """Describe ``name`` standing in each of ``phases`` in turn (held beforehand), releasing it from each."""
        seen = []
        for phase in phases:
            reached = self.emulator.wait_held(key(name))
            assert reached == phase, f"{name} stopped in {reached}, expected {phase}"
            seen.append(self.describe(name))
            self.emulator.release(key(name), phase)
        return seen

    def copies(self, described: dict[str, Any]) -> tuple[int, int]:
        runtime = described["RuntimeConfig"]
        return runtime["DesiredCopyCount"], runtime["CurrentCopyCount"]

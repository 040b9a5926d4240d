"""Shared set-up for the InferenceComponent's integration tests: an IC-hosting endpoint in the emulator, and what
`InferenceComponent(resource, **inputs)` registers in a program of project "test"."""
from __future__ import annotations

import threading
from typing import Any, Callable

from pulumi_sagemaker_endpoint.check.inference_component.review import check_inputs
from pulumi_sagemaker_endpoint.core.owner import owner, urn
from pulumi_sagemaker_endpoint.face.inference_component.provider import InferenceComponentProvider
from pulumi_sagemaker_endpoint.face.inference_component.resource import TYPE_TOKEN, inference_component_props
from pulumi_sagemaker_endpoint.face.resource import DEFAULT_ORGANIZATION

from .support import GUARD, wait_until

PROVIDER = InferenceComponentProvider()
ROLE = "arn:aws:iam::123456789012:role/sagemaker"
SPEC = {"ModelName": "llm", "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}}
SPEC_V2 = {"model_name": "llm-v2", "compute_resource_requirements": {"min_memory_required_in_mb": 2048}}
BY_HAND = {**SPEC, "ModelName": "llm-v2"}  # SPEC on another model, as `aws sagemaker update-inference-component` sets


def hosting_config(sm: Any, name: str, variants: tuple[str, ...] = ("AllTraffic",)) -> str:
    """An EndpointConfig that hosts inference components, and the models llm and llm-v2."""
    models = {m["ModelName"] for m in sm.list_models()["Models"]}
    for model in {"llm", "llm-v2"} - models:
        sm.create_model(ModelName=model, ExecutionRoleArn=ROLE, PrimaryContainer={"Image": f"{model}:1"})
    sm.create_endpoint_config(EndpointConfigName=name, ExecutionRoleArn=ROLE, ProductionVariants=[
        {"VariantName": v, "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1} for v in variants])
    return name


def hosting_endpoint(sm: Any, name: str = "host", variants: tuple[str, ...] = ("AllTraffic",)) -> str:
    """An InService endpoint whose config hosts inference components, and the models llm and llm-v2."""
    sm.create_endpoint(EndpointName=name, EndpointConfigName=hosting_config(sm, f"{name}-cfg", variants))
    sm.get_waiter("endpoint_in_service").wait(EndpointName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 1200})
    return name


def update_by_hand(sm: Any, name: str, specification: dict[str, Any] = BY_HAND) -> None:
    """UpdateInferenceComponent outside Pulumi, followed until the component is InService on `specification`."""
    sm.update_inference_component(InferenceComponentName=name, Specification=specification)

    def done() -> bool:
        live = sm.describe_inference_component(InferenceComponentName=name)
        return live["InferenceComponentStatus"] == "InService" and \
            live["Specification"]["ModelName"] == specification["ModelName"]
    wait_until(done, f"the update of {name} by hand")


def rolling(size: int, kind: str = "COPY_COUNT", wait: int = 60, alarm: str | None = None) -> dict[str, Any]:
    """A deployment_config in snake_case, as a program writes it."""
    config: dict[str, Any] = {"rolling_update_policy": {"maximum_batch_size": {"type": kind, "value": size},
                                                        "wait_interval_in_seconds": wait}}
    if alarm:
        config["auto_rollback_configuration"] = {"alarms": [{"alarm_name": alarm}]}
    return config


def owner_of(resource: str = "llm", stack: str = "dev") -> str:
    return owner(DEFAULT_ORGANIZATION, urn(stack, "test", TYPE_TOKEN, resource))


def ic_props(resource: str = "llm", **inputs: Any) -> dict[str, Any]:
    registered = inference_component_props(owner_of(resource), None, **inputs)
    return {k: v for k, v in registered.items() if v is not None}


def up(engine: Any, resource: str = "llm", **inputs: Any) -> Any:
    return engine.up(resource, ic_props(resource, **inputs), PROVIDER, type_token=TYPE_TOKEN)


def preview(engine: Any, resource: str = "llm", **inputs: Any) -> Any:
    return engine.preview(resource, ic_props(resource, **inputs), PROVIDER, type_token=TYPE_TOKEN)


def physical_name(resource: str = "llm") -> str:
    inputs, _ = check_inputs({}, ic_props(resource, endpointName="host", specification=SPEC))
    return inputs["name"]


def key(name: str) -> str:
    return f"inference-component/{name}"


class Background:
    """A call run on a thread (an `up` the test holds in the emulator), its result or error collected by `join`."""

    def __init__(self, call: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self._thread.start()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            self.result = call()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            self.error = error

    def join(self) -> Any:
        self._thread.join(GUARD)
        assert not self._thread.is_alive(), "the operation did not end"
        return self.result

"""Shared set-up for the integration tests: models and EndpointConfigs in the emulator, engine inputs."""
from __future__ import annotations

import time
from typing import Any, Callable

from pulumi_sagemaker_endpoint.check.review import check_inputs
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider
from pulumi_sagemaker_endpoint.core.owner import owner, tag_value, urn
from pulumi_sagemaker_endpoint.face.resource import DEFAULT_ORGANIZATION, endpoint_props

TYPE = "pulumi-python:dynamic/sagemaker:Endpoint"
PROVIDER = EndpointProvider()
REGION = "us-east-1"
CONFIG = {"aws:region": REGION}
#: Seconds after which waiting for something that must happen fails: a guard against a hang, never a window a test
#: depends on (what is waited for is held in the emulator until the test releases it, or takes tenths of a second).
GUARD = 120.0


def make_config(sm: Any, name: str, instances: int = 4, model: str = "model-v1", instance_type: str = "ml.m5.large",
                variants: tuple[str, ...] = ("primary",)) -> None:
    try:
        sm.create_model(ModelName=model, ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
                        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:latest"})
    except sm.exceptions.ClientError:
        pass  # shared by several configs
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[{
        "VariantName": variant, "ModelName": model, "InitialInstanceCount": instances,
        "InstanceType": instance_type, "InitialVariantWeight": 1.0} for variant in variants])


def make_alarm(cloudwatch: Any, name: str, reason: str = "quiet") -> None:
    """A CloudWatch alarm on the endpoint's ModelLatency, in state OK (a rollout's auto-rollback alarm)."""
    cloudwatch.put_metric_alarm(AlarmName=name, MetricName="ModelLatency", Namespace="AWS/SageMaker",
                                Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=1.0,
                                ComparisonOperator="GreaterThanThreshold")
    cloudwatch.set_alarm_state(AlarmName=name, StateValue="OK", StateReason=reason)


def props(resource: str = "inference", stack: str = "dev", timeouts: dict | None = None, **inputs: Any) -> dict:
    """What `Endpoint(resource, **inputs)` registers in a program of project "test"."""
    registered = endpoint_props(owner_of(resource, stack), timeouts, **inputs)
    return {k: v for k, v in registered.items() if v is not None}


def owner_of(resource: str = "inference", stack: str = "dev", parent_urn: str | None = None,
             organization: str = DEFAULT_ORGANIZATION) -> str:
    """The owner the Endpoint class registers for a resource of project "test" (core/owner.py)."""
    return owner(organization, urn(stack, "test", TYPE, resource, parent_urn))


def owner_tag(resource: str = "inference", stack: str = "dev") -> str:
    return tag_value(owner_of(resource, stack))


def up(engine: Any, resource: str = "inference", **inputs: Any) -> Any:
    return engine.up(resource, props(resource, **inputs), PROVIDER, type_token=TYPE)


def preview(engine: Any, **inputs: Any) -> Any:
    return engine.preview("inference", props(**inputs), PROVIDER, type_token=TYPE)


def tags_of(sm: Any, name: str) -> dict[str, str]:
    arn = sm.describe_endpoint(EndpointName=name)["EndpointArn"]
    return {t["Key"]: t["Value"] for t in sm.list_tags(ResourceArn=arn)["Tags"]}


def calls(emulator: Any, operation: str) -> int:
    return emulator.stats()["calls"].get(operation, 0)


def physical_name(resource: str = "inference", stack: str = "dev") -> str:
    """The name the provider's Check gives `resource` when the program names none (`<logical>-<7 hex>`, derived
    from its owner): known before the first `up`, so a test can hold the endpoint in the emulator beforehand."""
    inputs, _ = check_inputs({}, props(resource, stack, endpointConfigName="any"))
    return inputs["name"]


def wait_until(condition: Callable[[], Any], what: str, guard: float = GUARD, interval: float = 0.02) -> Any:
    """Poll `condition` until it returns something truthy; AssertionError naming `what` after `guard` seconds."""
    end = time.monotonic() + guard
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= end:
            raise AssertionError(f"timed out after {guard} s waiting for {what}")
        time.sleep(interval)


def held(emulator: Any) -> list[str]:
    """The endpoints (lower-case names) standing in a held phase."""
    return sorted(name for name, hold in emulator.holds().items() if hold["reached"])


def provider_output(engine: Any) -> str:
    """What the provider server printed (warnings, progress) since this test's engine was made: the session's
    server is shared."""
    return engine.server.stderr_text()[getattr(engine, "output_from", 0):]

"""examples/promotion under `pulumi.runtime.set_mocks`, once per stack file: the same program registers what each
stage's config asks for, and later stages serve the model version the stage before them exports."""
from __future__ import annotations

import asyncio
import gc
import json
import runpy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import pulumi
import pytest
import yaml

from pulumi_sagemaker_endpoint.check.review import check_inputs
from pulumi_sagemaker_endpoint.check.rules import variant_failures

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "promotion"
PROJECT = "sagemaker-promotion"
ORG = "acme"
ENDPOINT = "pulumi-python:dynamic/sagemaker:Endpoint"
REFERENCE = "pulumi:pulumi:StackReference"


@dataclass
class Resource:
    type: str
    name: str
    inputs: dict[str, Any]
    provider: str


@dataclass
class Run:
    resources: list[Resource] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    exports: dict[str, Any] = field(default_factory=dict)

    def one(self, type_: str) -> Resource:
        [found] = [r for r in self.resources if r.type == type_]
        return found

    def all(self, type_: str) -> list[Resource]:
        return [r for r in self.resources if r.type == type_]


class StageMocks(pulumi.runtime.Mocks):
    """Answers StackReference reads from `upstream` (stack name -> its outputs); auto-names like Pulumi does."""

    def __init__(self, run: Run, upstream: Mapping[str, Mapping[str, Any]]) -> None:
        self.run = run
        self.upstream = upstream

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        if args.typ == REFERENCE:
            name = args.inputs["name"]
            self.run.references.append(name)
            stack = name.rsplit("/", 1)[1]
            return name, {"name": name, "outputs": dict(self.upstream.get(stack, {})), "secretOutputNames": []}
        self.run.resources.append(Resource(args.typ, args.name, dict(args.inputs), args.provider or ""))
        outputs = dict(args.inputs)
        outputs.setdefault("name", f"{args.name}-{len(self.run.resources):07x}")
        return f"{args.name}-id", outputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list]:
        return {}, []


def stack_config(stack: str) -> dict[str, str]:
    """Pulumi.<stack>.yaml as the CLI hands it to the program: scalars as text, lists and objects as JSON."""
    raw = yaml.safe_load((EXAMPLE / f"Pulumi.{stack}.yaml").read_text())["config"]

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else json.dumps(value)

    return {key: text(value) for key, value in raw.items()}


def run_stack(stack: str, upstream: Mapping[str, Mapping[str, Any]] | None = None,
              monkeypatch: pytest.MonkeyPatch | None = None) -> Run:
    run = Run()
    exported: dict[str, Any] = {}
    patch = monkeypatch or pytest.MonkeyPatch()
    patch.setattr(pulumi, "export", lambda name, value: exported.__setitem__(name, value))
    pulumi.runtime.set_all_config(stack_config(stack))
    pulumi.runtime.set_mocks(StageMocks(run, upstream or {}), project=PROJECT, stack=stack, preview=False,
                             organization=ORG)

    def program() -> pulumi.Output:
        runpy.run_path(str(EXAMPLE / "__main__.py"), run_name="__main__")
        return pulumi.Output.all(**exported).apply(run.exports.update)

    sys.path.insert(0, str(EXAMPLE))
    try:
        pulumi.runtime.test(program)()
    finally:
        sys.path.remove(str(EXAMPLE))
        if monkeypatch is None:
            patch.undo()
    return run


def endpoint_state(run: Run) -> dict[str, Any]:
    inputs, failures = check_inputs({}, run.one(ENDPOINT).inputs)
    assert failures == [], failures
    return inputs


def variant(run: Run) -> dict[str, Any]:
    [production] = run.one("aws:sagemaker/endpointConfiguration:EndpointConfiguration").inputs["productionVariants"]
    return production


def assume_roles(run: Run) -> list[dict[str, Any]]:
    roles = run.one("pulumi:providers:aws").inputs.get("assumeRoles") or []
    return json.loads(roles) if isinstance(roles, str) else roles


@pytest.fixture
def dev(monkeypatch) -> Run:
    return run_stack("dev", monkeypatch=monkeypatch)


@pytest.fixture
def staging(monkeypatch) -> Run:
    return run_stack("staging", {"dev": {"modelVersion": "1.4.0"}}, monkeypatch)


@pytest.fixture
def prod(monkeypatch) -> Run:
    return run_stack("prod", {"staging": {"modelVersion": "1.3.2"}}, monkeypatch)


def test_dev_serves_its_own_model_version_all_at_once(dev):
    assert dev.references == [], "dev promotes from nobody"
    image = dev.one("aws:sagemaker/model:Model").inputs["primaryContainer"]["image"]
    assert image == "111111111111.dkr.ecr.us-west-2.amazonaws.com/churn-model:1.4.0"
    assert (variant(dev)["instanceType"], variant(dev)["initialInstanceCount"]) == ("ml.m5.large", 1)
    state = endpoint_state(dev)
    assert state["deploymentConfig"] == {"blueGreenUpdatePolicy": {"trafficRoutingConfiguration": {
        "type": "ALL_AT_ONCE", "waitIntervalInSeconds": 0}}}
    assert dev.all("aws:cloudwatch/metricAlarm:MetricAlarm") == []
    assert (state["region"], state["roleArn"]) == ("us-west-2", "arn:aws:iam::111111111111:role/pulumi-deployer")
    assert dev.exports["modelVersion"] == "1.4.0"


def test_staging_promotes_what_dev_exports_as_a_canary_with_an_alarm(staging):
    assert staging.references == [f"{ORG}/{PROJECT}/dev"]
    image = staging.one("aws:sagemaker/model:Model").inputs["primaryContainer"]["image"]
    assert image.endswith("churn-model:1.4.0")
    assert staging.exports["modelVersion"] == "1.4.0", "exported for prod"
    assert (variant(staging)["instanceType"], variant(staging)["initialInstanceCount"]) == ("ml.m5.xlarge", 2)
    state = endpoint_state(staging)
    policy = state["deploymentConfig"]["blueGreenUpdatePolicy"]
    assert policy["trafficRoutingConfiguration"] == {"type": "CANARY", "waitIntervalInSeconds": 300,
                                                     "canarySize": {"type": "INSTANCE_COUNT", "value": 1}}
    assert policy["maximumExecutionTimeoutInSeconds"] > 300
    assert state["deploymentConfig"]["autoRollbackConfiguration"] == {
        "alarms": [{"alarmName": "sagemaker-promotion-staging-Invocation5XXErrors"}]}
    [alarm] = staging.all("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert alarm.inputs["name"] == "sagemaker-promotion-staging-Invocation5XXErrors"
    assert alarm.inputs["dimensions"]["EndpointName"] == state["name"] == "sagemaker-promotion-staging"
    assert (state["region"], state["roleArn"]) == ("us-east-1", "arn:aws:iam::222222222222:role/pulumi-deployer")


def test_prod_promotes_what_staging_exports_as_a_canary_with_two_alarms(prod):
    assert prod.references == [f"{ORG}/{PROJECT}/staging"]
    image = prod.one("aws:sagemaker/model:Model").inputs["primaryContainer"]["image"]
    assert image.endswith("churn-model:1.3.2"), "staging's version, not dev's"
    assert prod.exports["modelVersion"] == "1.3.2"
    assert (variant(prod)["instanceType"], variant(prod)["initialInstanceCount"]) == ("ml.c5.2xlarge", 4)
    state = endpoint_state(prod)
    routing = state["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]
    assert (routing["type"], routing["waitIntervalInSeconds"]) == ("CANARY", 600)
    names = [a["alarmName"] for a in state["deploymentConfig"]["autoRollbackConfiguration"]["alarms"]]
    assert names == ["sagemaker-promotion-prod-Invocation5XXErrors", "sagemaker-promotion-prod-ModelLatency"]
    assert sorted(a.inputs["name"] for a in prod.all("aws:cloudwatch/metricAlarm:MetricAlarm")) == names
    assert (state["region"], state["roleArn"]) == ("eu-west-1", "arn:aws:iam::333333333333:role/pulumi-deployer")


def test_every_aws_resource_is_created_in_the_stage_account_and_region(staging):
    provider = staging.one("pulumi:providers:aws")
    assert provider.inputs["region"] == "us-east-1"
    assert [role["roleArn"] for role in assume_roles(staging)] == ["arn:aws:iam::222222222222:role/pulumi-deployer"]
    for resource in staging.resources:
        if resource.type.startswith("aws:"):
            assert "pulumi:providers:aws::stage" in resource.provider, resource.name


def test_the_endpoint_rolls_out_a_new_auto_named_config_and_fits_the_canary_rules(prod):
    config = prod.one("aws:sagemaker/endpointConfiguration:EndpointConfiguration")
    assert "name" not in config.inputs, "auto-named: a new model version gets a new EndpointConfig name"
    state = endpoint_state(prod)
    assert state["endpointConfigName"].startswith("config-")
    described = {"ProductionVariants": [{"VariantName": "primary", "InitialInstanceCount": 4}]}
    assert variant_failures(state, described) == [], "a one-instance canary fits prod's four instances"


def test_the_stacks_differ_only_in_config(monkeypatch):
    dev = run_stack("dev", monkeypatch=monkeypatch)
    staging = run_stack("staging", {"dev": dev.exports}, monkeypatch)
    prod = run_stack("prod", {"staging": staging.exports}, monkeypatch)
    assert dev.exports["modelVersion"] == staging.exports["modelVersion"] == prod.exports["modelVersion"] == "1.4.0"
    shapes = [sorted((r.type, r.name) for r in run.resources if r.type != "aws:cloudwatch/metricAlarm:MetricAlarm")
              for run in (dev, staging, prod)]
    assert shapes[0] == shapes[1] == shapes[2], "one program: the same resources in every stage"
    differences = {(variant(run)["instanceType"], variant(run)["initialInstanceCount"], endpoint_state(run)["region"])
                   for run in (dev, staging, prod)}
    assert len(differences) == 3
    keys = {stack: set(stack_config(stack)) for stack in ("dev", "staging", "prod")}
    assert keys["staging"] - keys["dev"] == {f"{PROJECT}:promoteFrom", f"{PROJECT}:alarms"}
    assert keys["dev"] - keys["staging"] == {f"{PROJECT}:modelVersion"}, "later stages never pin a version"
    assert keys["prod"] == keys["staging"]


def test_a_stage_whose_source_exports_no_version_fails_naming_it(monkeypatch):
    with pytest.raises(ValueError, match=f"Stack {ORG}/{PROJECT}/dev exports no modelVersion, so staging has nothing "
                                         f"to promote; run `pulumi up --stack dev` first"):
        run_stack("staging", {"dev": {}}, monkeypatch)
    retrieve_failed_futures()


def retrieve_failed_futures() -> None:
    """The failed run leaves asyncio futures holding its error that nothing awaits. Whenever one is collected, asyncio
    logs "Future exception was never retrieved" with a formatted traceback, and on CPython 3.11 formatting a traceback
    calls ast.parse: collected while pytest parses a module it rewrites, that nested parse resets the AST constructor's
    shared recursion counter and the outer one fails with SystemError "AST constructor recursion depth mismatch" (seen
    when this test ran with the emulator-driven tests of examples/inference-components). Mark them retrieved."""
    for value in gc.get_objects():
        if isinstance(value, asyncio.Future) and value.done() and not value.cancelled():
            value.exception()

"""A program with an EndpointConfig and the Endpoint that uses it: the config is replaced (a new model) while the
endpoint rolls out to it, and an alarm rolls the rollout back. Is the config that is still live ever deleted?

The engine deletes a replaced resource only in a deployment's post steps, which a failed step cancels
(deployment_executor.go performPostSteps), so after a rollback the old config stays, and the next `up` that
succeeds deletes it after the endpoint has moved. It does delete a still-live config in two cases: a second
`--continue-on-error` deployment whose rollout rolls back again (the errored endpoint's dependency on the config
URN resolves to the new config, so the old one is not protected), and `--target` of the config alone. There
`retain_on_delete=True` on the EndpointConfig keeps it; the endpoint's refresh warns when its live config is gone."""
from __future__ import annotations

from typing import Any

import pytest

from engine_standin import Declaration, Engine, Options, Ref

from .config_provider import TYPE as CONFIG_TYPE
from .config_provider import EndpointConfigProvider
from .support import make_alarm, provider_output
from .test_engine_paths import endpoint

ALARM = "p99-latency"
CANARY = {"blue_green_update_policy": {
    "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 60,
                                      "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
    "maximum_execution_timeout_in_seconds": 3600},
    "auto_rollback_configuration": {"alarms": [{"alarm_name": ALARM}]}}
CONFIGS = EndpointConfigProvider()


class Stack:
    """`cfg` (model v<version>) and `inference` on it; `retain` puts retain_on_delete on the config."""

    def __init__(self, engine: Engine, emulator: Any, retain: bool = False) -> None:
        self.engine, self.retain = engine, retain
        self.sm, self.cloudwatch = emulator.client("sagemaker"), emulator.client("cloudwatch")
        make_alarm(self.cloudwatch, ALARM, reason="test")  # OK, with the StateReason self.alarm gives
        self.cfg, self.ep = engine.urn("cfg", CONFIG_TYPE), engine.urn("inference", "pulumi-python:dynamic/sagemaker:"
                                                                                      "Endpoint")
        assert self.up(1).ok
        self.first = self.live_config()

    def program(self, version: int) -> list[Declaration]:
        return [Declaration("cfg", CONFIG_TYPE, {"model": f"model-v{version}", "instances": 2, "prefix": "cfg"},
                            CONFIGS, Options(retain_on_delete=self.retain or None)),
                endpoint(self.engine, endpointConfigName=Ref("cfg", "name"), deploymentConfig=CANARY)]

    def up(self, version: int, **kwargs: Any) -> Any:
        return self.engine.deploy(self.program(version), **kwargs)

    def alarm(self, firing: bool) -> None:
        self.cloudwatch.set_alarm_state(AlarmName=ALARM, StateValue="ALARM" if firing else "OK", StateReason="test")

    def live_config(self) -> str:
        return self.sm.describe_endpoint(EndpointName=self.engine.state("inference").id)["EndpointConfigName"]

    def exists(self, config: str) -> bool:
        return any(c["EndpointConfigName"] == config for c in self.sm.list_endpoint_configs(MaxResults=100)[
            "EndpointConfigs"])

    def recorded_config(self) -> str:
        return self.engine.state("inference").outputs["endpointConfigName"]


@pytest.fixture
def stack(engine, emulator) -> Stack:
    return Stack(engine, emulator)


def rolled_back(result: Any) -> bool:
    return any("rolled back" in getattr(error, "details", str(error)) for error in result.errors)


def test_after_a_rollback_the_live_config_stays_until_the_endpoint_has_moved(stack):
    stack.alarm(True)
    result = stack.up(2)
    assert rolled_back(result) and not result.post_steps_ran
    assert stack.live_config() == stack.first == stack.recorded_config(), "the state keeps the live config"
    assert stack.exists(stack.first), "the replaced config is still there: it is live"
    stack.alarm(False)
    result = stack.up(2)
    assert result.ok, result.errors
    assert stack.live_config() != stack.first and stack.recorded_config() == stack.live_config()
    assert result.ops_of(stack.cfg)[-1] == "delete-replaced" and not stack.exists(stack.first), \
        "deleted after the endpoint moved"


def test_a_second_rollback_keeps_the_live_config_too(stack):
    stack.alarm(True)
    assert rolled_back(stack.up(2)) and rolled_back(stack.up(2))
    assert stack.live_config() == stack.first and stack.exists(stack.first)


def test_continue_on_error_deletes_the_live_config_on_the_second_rollback(stack):
    stack.alarm(True)
    first = stack.up(2, continue_on_error=True)
    assert rolled_back(first) and first.post_steps_ran and stack.exists(stack.first), \
        "the first time its delete is skipped: a dependency of the failed step"
    second = stack.up(2, continue_on_error=True)
    assert rolled_back(second) and stack.live_config() == stack.first
    assert not stack.exists(stack.first), "the engine deleted the config the endpoint serves"
    refreshed = stack.engine.refresh("inference")
    assert refreshed.outputs["endpointConfigName"] == stack.first
    assert "no longer exists" in provider_output(stack.engine), "refresh warns that the live config is gone"


def test_targeting_the_config_alone_deletes_the_live_config(stack):
    result = stack.up(2, targets=[stack.cfg])
    assert result.ok and result.ops_of(stack.ep) in ([], ["same"])
    assert stack.live_config() == stack.first and not stack.exists(stack.first)


@pytest.mark.parametrize("how", ["continue-on-error", "target"])
def test_retain_on_delete_on_the_config_keeps_the_live_config(engine, emulator, how):
    stack = Stack(engine, emulator, retain=True)
    stack.alarm(how == "continue-on-error")
    if how == "continue-on-error":
        assert rolled_back(stack.up(2, continue_on_error=True)) and rolled_back(stack.up(2, continue_on_error=True))
    else:
        assert stack.up(2, targets=[stack.cfg]).ok
    assert stack.live_config() == stack.first and stack.exists(stack.first)
    stack.alarm(False)
    assert stack.up(2).ok and stack.live_config() != stack.first


def test_targeting_the_endpoint_alone_leaves_the_config_to_a_later_up(stack):
    result = stack.up(2, targets=[stack.ep])
    assert result.ok and stack.live_config() == stack.first and stack.exists(stack.first)
    result = stack.up(2)
    assert result.ok and stack.live_config() != stack.first and not stack.exists(stack.first)

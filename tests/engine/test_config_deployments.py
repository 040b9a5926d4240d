"""The real `pulumi` CLI: an EndpointConfig resource replaced (a new model) while the endpoint rolls out to it and an
alarm rolls it back. When is the still-live config deleted? (README: "EndpointConfigs that are still live".)"""
from __future__ import annotations

import pytest

from tests.integration.support import make_alarm

from .programs import CONFIG_AND_ENDPOINT

ALARM = "p99-latency"
CONFIG_TYPE = "pulumi-python:dynamic/sagemaker:EndpointConfiguration"


class Stack:
    def __init__(self, project, emulator, retain: bool = False) -> None:
        self.sm, self.cloudwatch = emulator.client("sagemaker"), emulator.client("cloudwatch")
        make_alarm(self.cloudwatch, ALARM)
        config = {"model": "model-v1", **({"retain": "true"} if retain else {})}
        self.project = project(CONFIG_AND_ENDPOINT).init(config=config)
        self.project.up()
        self.name = self.project.endpoint()["id"]
        self.first = self.live_config()
        self.project.configure({"model": "model-v2"})

    def up(self, *args: str, expect: int | None = 0):
        return self.project.up(*args, expect=expect)

    def alarm(self, firing: bool) -> None:
        self.cloudwatch.set_alarm_state(AlarmName=ALARM, StateValue="ALARM" if firing else "OK", StateReason="t")

    def live_config(self) -> str:
        return self.sm.describe_endpoint(EndpointName=self.name)["EndpointConfigName"]

    def recorded_config(self) -> str:
        return self.project.endpoint()["outputs"]["endpointConfigName"]

    def exists(self, config: str) -> bool:
        return any(c["EndpointConfigName"] == config
                   for c in self.sm.list_endpoint_configs(MaxResults=100)["EndpointConfigs"])


def rolled_back(run) -> bool:
    return run.code != 0 and "rolled back because CloudWatch alarm(s) p99-latency went into ALARM" in run.stdout


def test_after_a_rollback_the_live_config_stays_until_the_endpoint_has_moved(project, emulator):
    stack = Stack(project, emulator)
    stack.alarm(True)
    assert rolled_back(stack.up(expect=None))
    assert stack.live_config() == stack.first == stack.recorded_config()
    assert stack.exists(stack.first)
    assert rolled_back(stack.up(expect=None)), "a second rollback keeps it too"
    assert stack.exists(stack.first)
    stack.alarm(False)
    stack.up()
    assert stack.live_config() != stack.first and stack.recorded_config() == stack.live_config()
    assert not stack.exists(stack.first), "deleted once the endpoint has moved"


def test_continue_on_error_deletes_the_live_config_on_the_second_rollback(project, emulator):
    stack = Stack(project, emulator)
    stack.alarm(True)
    assert rolled_back(stack.up("--continue-on-error", expect=None))
    assert stack.exists(stack.first), "the first time its delete is skipped: a dependency of the failed step"
    assert rolled_back(stack.up("--continue-on-error", expect=None))
    assert stack.live_config() == stack.first
    assert not stack.exists(stack.first), "the engine deleted the config the endpoint serves"
    refreshed = stack.project.pulumi("refresh", "--yes", "--skip-preview")
    assert "no longer exists" in refreshed.stdout, refreshed
    assert stack.recorded_config() == stack.first


def test_targeting_the_config_alone_deletes_the_live_config(project, emulator):
    stack = Stack(project, emulator)
    stack.up("--target", stack.project.urn("cfg", CONFIG_TYPE))
    assert stack.live_config() == stack.first and not stack.exists(stack.first)


@pytest.mark.parametrize("how", ["continue-on-error", "target"])
def test_retain_on_delete_on_the_config_keeps_the_live_config(project, emulator, how):
    stack = Stack(project, emulator, retain=True)
    if how == "continue-on-error":
        stack.alarm(True)
        assert rolled_back(stack.up("--continue-on-error", expect=None))
        assert rolled_back(stack.up("--continue-on-error", expect=None))
    else:
        stack.up("--target", stack.project.urn("cfg", CONFIG_TYPE))
    assert stack.live_config() == stack.first and stack.exists(stack.first)
    stack.alarm(False)
    stack.up()
    assert stack.live_config() != stack.first


def test_targeting_the_endpoint_alone_leaves_the_config_to_a_later_up(project, emulator):
    stack = Stack(project, emulator)
    stack.up("--target", stack.project.urn("inference"))
    assert stack.live_config() == stack.first and stack.exists(stack.first), "the endpoint's config is not replaced"
    stack.up()
    assert stack.live_config() != stack.first and not stack.exists(stack.first)

"""An EndpointConfig-like resource replaced (create-before-delete) while the resource that uses
it is updated, and that update fails: when is the old config deleted?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine_standin import Declaration, DeploymentResult, Engine, Options, Ref

from .conftest import journal
from .dummy_provider import TYPE_TOKEN, ThingProvider

PROVIDER = ThingProvider()


class Stack:
    """A config "cfg" (replaced when its name changes) and an endpoint "ep" using its name."""

    def __init__(self, engine: Engine, store: Path, prefix: str) -> None:
        self.engine, self.store, self.prefix = engine, store, prefix
        self.cfg = engine.urn("cfg", TYPE_TOKEN)
        self.ep = engine.urn("ep", TYPE_TOKEN)
        assert self.up(1).ok

    def program(self, version: int, fail_update: bool) -> list[Declaration]:
        endpoint: dict[str, Any] = {"name": f"{self.prefix}-ep", "config": Ref("cfg", "name")}
        if fail_update:
            endpoint["fail_update"] = "endpoint update failed"
        return [
            Declaration("cfg", TYPE_TOKEN, {"name": f"{self.prefix}-cfg-v{version}"}, PROVIDER, Options()),
            Declaration("ep", TYPE_TOKEN, endpoint, PROVIDER, Options()),
        ]

    def up(self, version: int, fail_update: bool = False, **kwargs: Any) -> DeploymentResult:
        return self.engine.deploy(self.program(version, fail_update), **kwargs)

    def pending(self) -> list[str]:
        return [s.id for s in self.engine.pending_deletes()]

    def endpoint_config(self) -> str:
        return self.engine.snapshot()[self.ep].inputs["config"]

    def exists(self, version: int) -> bool:
        return (self.store / f"{self.prefix}-cfg-v{version}.json").exists()

    def mutations(self, since: int) -> list[tuple[str, str]]:
        return [(e["op"], e["id"]) for e in journal(self.store)[since:] if e["op"] in ("create", "update", "delete")]


@pytest.fixture
def stack(engine: Engine, store: Path, request: pytest.FixtureRequest) -> Stack:
    return Stack(engine, store, request.node.name.replace("_", "")[-24:])


def test_a_failed_update_leaves_the_old_config_marked_for_deletion(stack: Stack) -> None:
    result = stack.up(2, fail_update=True)
    assert result.ops() == [("create-replacement", stack.cfg), ("replace", stack.cfg), ("update", stack.ep)]
    assert [type(e).__name__ for e in result.errors] == ["ProviderError"] and not result.post_steps_ran
    # The new config exists; the old one was not deleted: it stays in the state, `delete: true`.
    assert stack.pending() == [f"{stack.prefix}-cfg-v1"] and stack.exists(1) and stack.exists(2)
    assert stack.endpoint_config() == f"{stack.prefix}-cfg-v1"  # the failed update changed nothing


def test_b_the_next_successful_deployment_deletes_it_after_the_update(stack: Stack) -> None:
    stack.up(2, fail_update=True)
    since = len(journal(stack.store))
    result = stack.up(2)
    assert result.ok and result.ops() == [("same", stack.cfg), ("update", stack.ep), ("delete-replaced", stack.cfg)]
    assert stack.mutations(since) == [("update", f"{stack.prefix}-ep"), ("delete", f"{stack.prefix}-cfg-v1")]
    assert stack.pending() == [] and not stack.exists(1)
    assert stack.endpoint_config() == f"{stack.prefix}-cfg-v2"


def test_c_a_deployment_that_fails_again_still_keeps_it(stack: Stack) -> None:
    stack.up(2, fail_update=True)
    result = stack.up(2, fail_update=True)
    assert result.ops() == [("same", stack.cfg), ("update", stack.ep)] and not result.post_steps_ran
    assert stack.pending() == [f"{stack.prefix}-cfg-v1"] and stack.exists(1)


def test_d_continue_on_error_keeps_it_in_the_failing_deployment_but_deletes_it_in_the_next(stack: Stack) -> None:
    first = stack.up(2, fail_update=True, continue_on_error=True)
    # The post steps ran, but the old config is a dependency of the endpoint whose update
    # failed (the errored step's old state): its delete is skipped.
    assert first.post_steps_ran
    [skipped] = [s for s in first.steps if s.op == "delete-replaced"]
    assert skipped.skipped and stack.pending() == [f"{stack.prefix}-cfg-v1"]

    since = len(journal(stack.store))
    second = stack.up(2, fail_update=True, continue_on_error=True)
    # Now the state holds both configs under one URN: the endpoint's dependency resolves to
    # the new one (TransitiveDependenciesOf), so the old config is deleted although the
    # endpoint, whose update failed again, still uses it.
    assert second.ops() == [("same", stack.cfg), ("update", stack.ep), ("delete-replaced", stack.cfg)]
    assert stack.mutations(since) == [("update", f"{stack.prefix}-ep"), ("delete", f"{stack.prefix}-cfg-v1")]
    assert stack.endpoint_config() == f"{stack.prefix}-cfg-v1" and not stack.exists(1)


def test_e_target_on_the_endpoint_updates_it_and_keeps_the_old_config(stack: Stack) -> None:
    stack.up(2, fail_update=True)
    since = len(journal(stack.store))
    result = stack.up(2, targets=[stack.ep])
    # The config is not targeted: an untargeted same with its (new) state, no Check; the
    # replaced config's URN is not a target, so its delete is not allowed.
    assert result.ok and result.ops() == [("same", stack.cfg), ("update", stack.ep)]
    assert result.methods(stack.cfg) == []
    assert stack.mutations(since) == [("update", f"{stack.prefix}-ep")]
    assert stack.endpoint_config() == f"{stack.prefix}-cfg-v2" and stack.pending() == [f"{stack.prefix}-cfg-v1"]
    # A later untargeted deployment deletes it.
    assert stack.up(2).ops()[-1] == ("delete-replaced", stack.cfg) and stack.pending() == []


def test_e_target_on_the_endpoint_with_a_failing_update(stack: Stack) -> None:
    stack.up(2, fail_update=True)
    result = stack.up(2, fail_update=True, targets=[stack.ep])
    assert not result.post_steps_ran and stack.pending() == [f"{stack.prefix}-cfg-v1"]


def test_target_on_the_config_replaces_and_deletes_it_while_the_endpoint_still_uses_it(stack: Stack) -> None:
    since = len(journal(stack.store))
    result = stack.up(2, targets=[stack.cfg])
    # The endpoint is untargeted (same, old state: still the v1 name); the replaced config's
    # URN is a target, so the post steps delete v1 under the endpoint.
    assert result.ok and result.ops() == [
        ("create-replacement", stack.cfg),
        ("replace", stack.cfg),
        ("same", stack.ep),
        ("delete-replaced", stack.cfg),
    ]
    assert stack.mutations(since) == [("create", f"{stack.prefix}-cfg-v2"), ("delete", f"{stack.prefix}-cfg-v1")]
    assert stack.endpoint_config() == f"{stack.prefix}-cfg-v1" and not stack.exists(1)

"""The ResourceProvider: maps the engine's RPCs to the lifecycle functions and holds no state between calls.

Serialized by reference (its class lives in this installed package) and carries no credentials: `configure()`
runs in the provider process and keeps only the stack's aws:region / aws:profile names.
"""
from __future__ import annotations

from typing import Any

from pulumi.dynamic import (CheckFailure, CheckResult, ConfigureRequest, CreateResult, DiffResult, ReadResult,
                            ResourceProvider, UpdateResult)

from ..aws.clients import Target, target_for
from ..check.review import check
from ..lifecycle.adopt import adopt
from ..lifecycle.create import create
from ..lifecycle.delete import delete
from ..lifecycle.diff import diff
from ..lifecycle.read import read
from ..lifecycle.update import update
from . import concurrency
from .sentences import in_sentences

STACK_CONFIG_KEYS = ("aws:region", "aws:profile")


def as_engine_shows(path: str, reason: str) -> str:
    """The engine prints a failure as "property <path> value {...} has a problem: <reason>" (step_generator.go
    issueCheckFailures): a reason that starts with its own path says it once, not twice."""
    return reason[len(path) + 1:] if path and reason.startswith(f"{path} ") else reason


class EndpointProvider(ResourceProvider):
    serialize_as_secret_always = False  # it is a class reference with no fields: nothing to hide
    # The resource's check and lifecycle functions; the provider of another resource names its own.
    _check, _diff, _adopt, _create = staticmethod(check), staticmethod(diff), staticmethod(adopt), staticmethod(create)
    _read, _update, _delete = staticmethod(read), staticmethod(update), staticmethod(delete)

    def configure(self, req: ConfigureRequest) -> None:
        self.stack_config = {key: req.config.get(key) for key in STACK_CONFIG_KEYS if req.config.get(key)}
        concurrency.widen_dynamic_server()

    def _target(self, props: dict[str, Any]) -> Target:
        return target_for(props, getattr(self, "stack_config", {}))

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs, failures = self._check(_olds, news, self._target)
        return CheckResult(inputs, [CheckFailure(f.property, as_engine_shows(f.property, f.reason)) for f in failures])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        result = self._diff(_olds, _news)
        return DiffResult(changes=bool(result.changes), replaces=result.replaces,
                          delete_before_replace=result.delete_before_replace)

    @in_sentences
    def create(self, props: dict[str, Any]) -> CreateResult:
        outs = (self._adopt if props.get("importId") else self._create)(props, self._target(props))
        return CreateResult(outs["name"], outs)

    @in_sentences
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        found = self._read(id_, props, self._target(props))
        if found is None:
            return ReadResult(None, {})
        outs, inputs = found
        return ReadResult(outs["name"], outs, inputs)

    @in_sentences
    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(self._update(_id, _olds, _news, self._target(_news)))

    @in_sentences
    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        self._delete(_id, _props, self._target(_props))

"""The InferenceComponent's ResourceProvider: maps the engine's RPCs to its lifecycle functions, as the Endpoint's
provider does (configuration, targeting and failure wording are that provider's), and holds no state."""
from __future__ import annotations

from typing import Any

from pulumi.dynamic import CheckFailure, CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult

from ...check.inference_component.review import check
from ...lifecycle.inference_component.adopt import adopt
from ...lifecycle.inference_component.create import create
from ...lifecycle.inference_component.delete import delete
from ...lifecycle.inference_component.diff import diff
from ...lifecycle.inference_component.read import read
from ...lifecycle.inference_component.update import update
from ..provider import EndpointProvider, as_engine_shows
from ..sentences import in_sentences


class InferenceComponentProvider(EndpointProvider):
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs, failures = check(_olds, news, self._target)
        return CheckResult(inputs, [CheckFailure(f.property, as_engine_shows(f.property, f.reason)) for f in failures])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        result = diff(_olds, _news)
        return DiffResult(changes=bool(result.changes), replaces=result.replaces,
                          delete_before_replace=result.delete_before_replace)

    @in_sentences
    def create(self, props: dict[str, Any]) -> CreateResult:
        outs = (adopt if props.get("importId") else create)(props, self._target(props))
        return CreateResult(outs["name"], outs)

    @in_sentences
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        found = read(id_, props, self._target(props))
        if found is None:
            return ReadResult(None, {})
        outs, inputs = found
        return ReadResult(outs["name"], outs, inputs)

    @in_sentences
    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(update(_id, _olds, _news, self._target(_news)))

    @in_sentences
    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        delete(_id, _props, self._target(_props))

"""A provider error reaches the engine as its sentence: the servicer's context is aborted with it, and the SDK's
later abort with the traceback (pulumi >= 3.260) keeps it. Other exceptions are bugs and pass through untouched.
(Through the real server, on the floor SDK and the newest: tests/integration/test_lifecycle.py.)"""
from __future__ import annotations

import traceback

import grpc
import pytest

from pulumi_sagemaker_endpoint.aws.errors import EndpointError
from pulumi_sagemaker_endpoint.face.sentences import in_sentences


class Aborted(Exception):
    pass


class Context(grpc.ServicerContext):
    """What grpc's servicer context does on abort: records the status and raises."""

    def __init__(self) -> None:
        self.details: str | None = None

    def abort(self, code, details):
        self.code, self.details = code, details
        raise Aborted()

    def __getattr__(self, name):  # the rest of ServicerContext is not used
        raise AttributeError(name)


for method in grpc.ServicerContext.__abstractmethods__:
    if method != "abort":
        setattr(Context, method, lambda self, *args: None)
Context.__abstractmethods__ = frozenset()


@in_sentences
def failing(error: Exception) -> None:
    raise error


def serve(context: grpc.ServicerContext, error: Exception, sdk_aborts_with_traceback: bool) -> None:
    """A servicer method as the SDK writes it, with or without `_abort_with_traceback`."""
    try:
        failing(error)
    except Aborted:
        raise
    except Exception:
        if not sdk_aborts_with_traceback:
            raise
        context.abort(grpc.StatusCode.UNKNOWN, traceback.format_exc())


@pytest.mark.parametrize("sdk_aborts_with_traceback", [True, False])
def test_an_endpoint_error_is_the_sentence_the_engine_receives(sdk_aborts_with_traceback):
    context = Context()
    with pytest.raises(Aborted):
        serve(context, EndpointError("Endpoint 'ep' failed; fix it."), sdk_aborts_with_traceback)
    assert context.details == "Endpoint 'ep' failed; fix it." and context.code == grpc.StatusCode.UNKNOWN


def test_the_sdks_own_abort_afterwards_keeps_the_sentence():
    context = Context()
    try:
        serve(context, EndpointError("Endpoint 'ep' failed; fix it."), False)
    except Aborted:
        pass
    with pytest.raises(Aborted):
        context.abort(grpc.StatusCode.UNKNOWN, "Traceback (most recent call last): ...")
    assert context.details == "Endpoint 'ep' failed; fix it."


def test_a_bug_keeps_its_traceback():
    context = Context()
    with pytest.raises(Aborted):
        serve(context, KeyError("surprise"), True)
    assert context.details.startswith("Traceback") and "KeyError: 'surprise'" in context.details


def test_outside_the_server_the_exception_is_the_sentence():
    with pytest.raises(EndpointError, match="fix it"):
        failing(EndpointError("fix it."))

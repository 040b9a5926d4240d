"""What the engine shows for a provider error: the provider's one sentence, not a Python traceback.

The SDK's dynamic provider server turns any exception into the gRPC status details the engine prints: from
pulumi 3.260 through `_abort_with_traceback` (`context.abort(UNKNOWN, traceback.format_exc())`), before that
through grpc itself ("Exception calling application: <message>"). Neither lets a provider choose its words. So
for an EndpointError — whose message is already the sentence the user should read — the RPC's own servicer
context is found on the call stack and aborted with that sentence, and any later abort of the same call (the
SDK's, with the traceback) keeps it. Any other exception is a bug and keeps its traceback for the bug report.
"""
from __future__ import annotations

import functools
import sys
from typing import Any, Callable, TypeVar

from ..aws.errors import EndpointError

Method = TypeVar("Method", bound=Callable[..., Any])


def in_sentences(method: Method) -> Method:
    @functools.wraps(method)
    def speaking(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except EndpointError as error:
            context = _servicer_context()
            if context is None:  # not called by the server (tests, the CLI): the exception is the sentence
                raise
            _abort_with(context, str(error))
            raise  # not reached: abort raises

    return speaking  # type: ignore[return-value]


def _servicer_context() -> Any:
    """The `context` argument of the gRPC servicer method that called the provider, if one did."""
    grpc = sys.modules.get("grpc")
    if grpc is None:
        return None
    frame = sys._getframe(2)
    while frame is not None:
        context = frame.f_locals.get("context")
        if isinstance(context, grpc.ServicerContext):
            return context
        frame = frame.f_back
    return None


def _abort_with(context: Any, sentence: str) -> None:
    import grpc

    abort = context.abort
    context.abort = lambda code, _details: abort(code, sentence)
    context.abort(grpc.StatusCode.UNKNOWN, sentence)

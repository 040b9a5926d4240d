"""A record of the provider RPCs a `python -m pulumi.dynamic` server receives, for comparing the engine stand-in
with the real engine: set SAGEMAKER_ENDPOINT_TEST_RPC_LOG=FILE in the server's environment (with
tests/harness/provider_site first on its PYTHONPATH, whose sitecustomize installs this) and each RPC appends one
JSON line, `{"method", "request"}`, the request as protobuf's JSON form without the serialized provider.
Test-only: the product never reads the variable."""
from __future__ import annotations

import json
import os
import threading
from typing import Any, Callable

from google.protobuf.json_format import MessageToDict

ENV = "SAGEMAKER_ENDPOINT_TEST_RPC_LOG"
METHODS = ("Configure", "CheckConfig", "DiffConfig", "Check", "Diff", "Create", "Read", "Update", "Delete")
HIDDEN = "__provider"
_LOCK = threading.Lock()


def _without_provider(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_provider(v) for k, v in value.items() if k != HIDDEN}
    if isinstance(value, list):
        return [_without_provider(v) for v in value]
    return value


def _recording(path: str, method: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    def recorded(request: Any, context: Any) -> Any:
        line = json.dumps({"method": method, "request": _without_provider(MessageToDict(request))}, sort_keys=True)
        with _LOCK, open(path, "a", encoding="utf-8") as log:
            log.write(line + "\n")
        return handler(request, context)

    return recorded


def install() -> None:
    path = os.environ.get(ENV)
    if not path:
        return
    from pulumi.runtime.proto import provider_pb2_grpc

    add = provider_pb2_grpc.add_ResourceProviderServicer_to_server

    def add_recorded(servicer: Any, server: Any) -> None:
        for method in METHODS:
            setattr(servicer, method, _recording(path, method, getattr(servicer, method)))
        add(servicer, server)

    provider_pb2_grpc.add_ResourceProviderServicer_to_server = add_recorded


def read(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.proto import provider_pb2

from engine_standin import Engine

from . import ProviderServer
from .dummy_provider import STORE_ENV

# pulumi 3.140's server has no Handshake and its Read never returns inputs.
OLD_SDK = not hasattr(provider_pb2, "ProviderHandshakeRequest")
# From pulumi 3.260 the server sends a provider's traceback as the gRPC details (`_abort_with_traceback`);
# before, grpc sends "Exception calling application: <message>".
TRACEBACKS = "_abort_with_traceback" in Path(find_spec("pulumi.dynamic.__main__").origin).read_text()


def journal(store: Path, op: str | None = None, id_: str | None = None) -> list[dict[str, Any]]:
    """What the provider itself was called with, in order."""
    path = store / "journal.jsonl"
    if not path.exists():
        return []
    entries = [json.loads(line) for line in path.read_text().splitlines()]
    return [e for e in entries if (op is None or e["op"] == op) and (id_ is None or e.get("id") == id_)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("things")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Any]:
    with ProviderServer({STORE_ENV: str(store)}) as srv:
        yield srv


@pytest.fixture
def engine(server: Any) -> Engine:
    return Engine(server, {"aws:region": "us-east-1"})

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.proto import provider_pb2

from engine_standin import Engine

from . import ProviderServer
from .dummy_provider import STORE_ENV

# pulumi 3.140's server has no Handshake and its Read never returns inputs.
OLD_SDK = not hasattr(provider_pb2, "ProviderHandshakeRequest")


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

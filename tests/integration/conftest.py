from typing import Iterator

import pytest

from sagemaker_emulator import Emulator
from tests.harness import Engine, ProviderServer

from .support import CONFIG


@pytest.fixture(scope="session")
def _provider_servers() -> Iterator[dict[str, ProviderServer]]:
    """`python -m pulumi.dynamic` servers pointed at an emulator, by its URL, started once for the session."""
    servers: dict[str, ProviderServer] = {}
    yield servers
    for server in servers.values():
        server.__exit__(None, None, None)


@pytest.fixture
def engine(emulator: Emulator, _provider_servers: dict[str, ProviderServer]) -> Engine:
    """The engine stand-in with an empty state, on the session's `python -m pulumi.dynamic` server pointed at the
    emulator (reset before each test); each test configures it anew, as each `pulumi up` configures its provider.
    The provider keeps nothing between calls but its AWS clients and its status sweeper, which serve any test."""
    server = _provider_servers.get(emulator.url)
    if server is None or not server.alive():
        if server is not None:
            server.__exit__(None, None, None)
        server = _provider_servers[emulator.url] = ProviderServer(emulator.env()).start()
    return Engine(server, CONFIG)

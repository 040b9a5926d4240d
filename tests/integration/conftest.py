import pytest

from tests.harness import Engine, ProviderServer

from .support import CONFIG


@pytest.fixture
def engine(provider_server: ProviderServer) -> Engine:
    """The engine stand-in with an empty state on the session's `python -m pulumi.dynamic` server, pointed at the
    emulator (reset before each test)."""
    return Engine(provider_server, CONFIG)

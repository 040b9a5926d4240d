import pytest

from tests.harness import Engine, ProviderServer

from .support import CONFIG


@pytest.fixture
def engine(provider_server: ProviderServer) -> Engine:
    """The engine stand-in with an empty state on the session's `python -m pulumi.dynamic` server, pointed at the
    emulator (reset before each test)."""
    engine = Engine(provider_server, CONFIG)
    engine.output_from = len(provider_server.stderr_text())  # the shared server's output before this test
    return engine

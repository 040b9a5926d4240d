import pytest

from tests.harness import open_engine

from .support import CONFIG


@pytest.fixture
def engine(emulator):
    """The engine stand-in on a fresh `python -m pulumi.dynamic`, pointed at the emulator."""
    with open_engine(CONFIG, env=emulator.env()) as engine:
        yield engine

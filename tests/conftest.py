from typing import Any, Callable, Iterator

import pytest

from sagemaker_emulator import FAST, Emulator
from tests.harness import STARTUP_TIMEOUT
from tests.integration.support import make_config

pytest_plugins = ["sagemaker_emulator.pytest_plugin"]


# The plugin's emulator fixtures, with the start-up guard of tests.harness instead of the plugin's 60 s.
@pytest.fixture(scope="session")
def sagemaker_emulator_session() -> Iterator[Emulator]:
    with Emulator(**FAST, startup_timeout=STARTUP_TIMEOUT) as emulator:
        yield emulator


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., Emulator]]:
    started: list[Emulator] = []

    def factory(**settings: Any) -> Emulator:
        emulator = Emulator(**{**FAST, **settings}, startup_timeout=STARTUP_TIMEOUT).start()
        started.append(emulator)
        return emulator

    yield factory
    for emulator in started:
        emulator.stop()


@pytest.fixture
def sm(emulator):
    """boto3 SageMaker on the shared emulator, with EndpointConfigs cfg-v1 and cfg-v2 (modules may override)."""
    client = emulator.client("sagemaker")
    make_config(client, "cfg-v1")
    make_config(client, "cfg-v2", model="model-v2")
    return client

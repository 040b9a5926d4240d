"""pytest fixtures for the SageMaker emulator.

Load with ``pytest_plugins = ["sagemaker_emulator.pytest_plugin"]`` in the
root ``conftest.py``.

* ``emulator`` — one fast emulator process per test session, reset (state,
  counters, settings back to :data:`~sagemaker_emulator.FAST`) before each test.
* ``emulator_factory`` — ``factory(**settings) -> Emulator``: a new, started
  process per call (fast timings unless overridden), all stopped at teardown.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest

from .process import FAST, Emulator


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., Emulator]]:
    started: list[Emulator] = []

    def factory(**settings: Any) -> Emulator:
        emulator = Emulator(**{**FAST, **settings}).start()
        started.append(emulator)
        return emulator

    yield factory
    for emulator in started:
        emulator.stop()


@pytest.fixture(scope="session")
def sagemaker_emulator_session() -> Iterator[Emulator]:
    with Emulator(**FAST) as emulator:
        yield emulator


@pytest.fixture
def emulator(sagemaker_emulator_session: Emulator) -> Emulator:
    if not sagemaker_emulator_session.running:
        sagemaker_emulator_session.stop()
        sagemaker_emulator_session.start()
    sagemaker_emulator_session.reset()
    return sagemaker_emulator_session

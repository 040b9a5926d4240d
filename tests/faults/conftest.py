"""The fault batch runs once per session in a process of its own (tests/faults/batch.py), beside the other tests, and
the tests in this folder assert on its outcomes."""
from __future__ import annotations

import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.harness import REPO_ROOT

from . import batch, scenarios


BATCH_GUARD = 1800.0  # s: how long the tests wait for the batch before that is a failure (a guard, not a window)


class _Batch:
    """The batch process (tests/faults/batch.py), started once the tests are collected."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="fault-batch-"))
        self.out, self.log = self.folder / "outcomes.pickle", self.folder / "batch.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.faults.batch", str(self.out)],
                                            cwd=REPO_ROOT, env=dict(os.environ), stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT)

    def outcomes(self) -> dict[tuple[str, ...], scenarios.Outcome]:
        code = self.process.wait(timeout=BATCH_GUARD)
        assert code == 0, f"the fault batch failed ({code}):\n{self.log.read_text(errors='replace')[-5000:]}"
        with open(self.out, "rb") as out:
            return pickle.load(out)

    def close(self) -> None:
        if self.process.poll() is None:  # the session ended early: let the batch stop its emulators and servers
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_BATCH: _Batch | None = None
_OUTCOMES: dict[tuple[str, ...], scenarios.Outcome] | None = None


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the batch as soon as the tests are collected, when a selected test needs it: it runs (mostly waiting
    on emulator time and status sweeps) beside every test before and in this folder; `fault_outcomes` waits."""
    global _BATCH
    if _BATCH is None and any("fault_outcomes" in getattr(item, "fixturenames", ()) for item in session.items):
        _BATCH = _Batch()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _BATCH is not None:
        _BATCH.close()


@pytest.fixture(scope="session")
def fault_outcomes() -> dict[tuple[str, ...], scenarios.Outcome]:
    global _OUTCOMES
    if _OUTCOMES is None:
        _OUTCOMES = _BATCH.outcomes() if _BATCH is not None else batch.batch()
    return _OUTCOMES


def sentence(details: str) -> str:
    """The provider's error as the engine receives it (the gRPC details): the sentence, and nothing more."""
    assert "Traceback" not in details and "\n" not in details.strip(), f"not the sentence alone:\n{details}"
    return details


def one_sentence(text: str) -> bool:
    """One sentence: one line, one final full stop (AWS names and quoted values aside)."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\([^)]*\)", "", text)
    return "\n" not in text and text.endswith(".") and not re.search(r"\.\s+[A-Z]", unquoted)

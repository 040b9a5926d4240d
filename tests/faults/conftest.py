"""The fault batches run once per session, side by side (each scenario owns its emulator and provider server
processes and mostly waits), and the tests in this folder assert on their outcomes."""
from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterator

import pytest

from . import scenarios

def _batch() -> dict[tuple[str, ...], scenarios.Outcome]:
    jobs = {("transient", fault): (lambda fault=fault: scenarios.transient(fault)) for fault in scenarios.TRANSIENT}
    for kind in scenarios.KINDS:
        jobs[("reference", kind)] = lambda kind=kind: scenarios.interrupted(kind, "settled", kill=False)
        for rerun in scenarios.RERUNS:
            jobs[("interrupted", kind, rerun)] = lambda kind=kind, rerun=rerun: scenarios.interrupted(kind, rerun)
    return scenarios.run_all(jobs)


@pytest.fixture(scope="session", autouse=True)
def _fault_batch(request: pytest.FixtureRequest) -> Iterator[Future | None]:
    """Started with the first test of this folder, so the batch (about 30 s, mostly waiting on emulator time) runs
    while the sequential tests here run; `fault_outcomes` waits for it. Not started when no selected test needs it."""
    if not any("fault_outcomes" in getattr(item, "fixturenames", ()) for item in request.session.items):
        yield None
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fault-batch") as pool:
        yield pool.submit(_batch)


@pytest.fixture(scope="session")
def fault_outcomes(_fault_batch: Future | None) -> dict[tuple[str, ...], scenarios.Outcome]:
    return _fault_batch.result(timeout=600) if _fault_batch is not None else _batch()


def sentence(details: str) -> str:
    """The provider's error as the engine receives it (the gRPC details): the sentence, and nothing more."""
    assert "Traceback" not in details and "\n" not in details.strip(), f"not the sentence alone:\n{details}"
    return details


def one_sentence(text: str) -> bool:
    """One sentence: one line, one final full stop (AWS names and quoted values aside)."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\([^)]*\)", "", text)
    return "\n" not in text and text.endswith(".") and not re.search(r"\.\s+[A-Z]", unquoted)

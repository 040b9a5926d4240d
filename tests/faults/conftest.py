"""The fault batches run once per session, a few side by side (each scenario leases an emulator of a pool, reset for
it, and starts its own provider server processes; they mostly wait), and the tests in this folder assert on their
outcomes."""
from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterator

import pytest

from . import scenarios

ERROR_LINE = re.compile(r"^pulumi_sagemaker_endpoint\.aws\.errors\.(\w+): (.*)$", re.M)


PARALLEL = 4  # scenarios at once, on as many pooled emulators (each scenario starts its own provider servers)
BATCH_GUARD = 1800.0  # s: how long the tests wait for the batch before that is a failure (a guard, not a window)


def _batch() -> dict[tuple[str, ...], scenarios.Outcome]:
    pool = scenarios.EmulatorPool()
    try:
        jobs = {("transient", fault): (lambda fault=fault: scenarios.transient(fault, pool=pool))
                for fault in scenarios.TRANSIENT}
        for kind in scenarios.KINDS:
            jobs[("reference", kind)] = lambda kind=kind: scenarios.interrupted(kind, "settled", kill=False, pool=pool)
            for rerun in scenarios.RERUNS:
                jobs[("interrupted", kind, rerun)] = (
                    lambda kind=kind, rerun=rerun: scenarios.interrupted(kind, rerun, pool=pool))
        return scenarios.run_all(jobs, parallel=PARALLEL)
    finally:
        pool.close()


@pytest.fixture(scope="session", autouse=True)
def _fault_batch(request: pytest.FixtureRequest) -> Iterator[Future | None]:
    """Started with the first test of this folder, so the batch (mostly waiting on emulator time and status sweeps)
    runs while the sequential tests here run; `fault_outcomes` waits for it. Not started when no selected test needs
    it."""
    if not any("fault_outcomes" in getattr(item, "fixturenames", ()) for item in request.session.items):
        yield None
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fault-batch") as pool:
        yield pool.submit(_batch)


@pytest.fixture(scope="session")
def fault_outcomes(_fault_batch: Future | None) -> dict[tuple[str, ...], scenarios.Outcome]:
    return _fault_batch.result(timeout=BATCH_GUARD) if _fault_batch is not None else _batch()


def sentence(details: str) -> str:
    """The provider's error as the user reads it: the EndpointError line of the server's traceback."""
    found = ERROR_LINE.findall(details)
    assert found, f"no EndpointError in:\n{details}"
    return found[-1][1]


def one_sentence(text: str) -> bool:
    """One sentence: one line, one final full stop (AWS names and quoted values aside)."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\([^)]*\)", "", text)
    return "\n" not in text and text.endswith(".") and not re.search(r"\.\s+[A-Z]", unquoted)

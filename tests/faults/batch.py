"""The fault batch in a process of its own: `python -m tests.faults.batch OUT` runs every scenario the tests in this
folder assert on (a few side by side, each on an emulator of a pool, reset for it, with its own provider server
processes) and pickles their outcomes to OUT.

tests/faults/conftest.py starts it as soon as the tests are collected, so it runs beside the whole suite, and with
the environment as it was then: tests that monkeypatch os.environ (AWS_PROFILE, AWS_ENDPOINT_URL_SAGEMAKER ...)
cannot leak into the processes the scenarios start."""
from __future__ import annotations

import pickle
import sys

from . import scenarios

PARALLEL = 4  # scenarios at once, on as many pooled emulators (each scenario starts its own provider servers)


def batch() -> dict[tuple[str, ...], scenarios.Outcome]:
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


def main(argv: list[str]) -> int:
    outcomes = batch()
    with open(argv[0], "wb") as out:
        pickle.dump(outcomes, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

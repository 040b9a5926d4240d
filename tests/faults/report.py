"""Print the fault table: every transient fault at its rate, and every interrupted operation, run N times each on
its own emulator (the same scenarios the tests in this folder assert on).

    python -m tests.faults.report [--runs 3] [--parallel 8]

Columns: runs and successes (the run ended as asked); orphaned endpoints (in the emulator, known to no state, summed
over the runs; must be 0); data lost (runs whose final state differs from a fault-free run, timestamps aside; must be
none); retries (requests the emulator answered with the fault, each retried by the provider) against the requests
that succeeded, summed; the mean seconds per run.
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Any, Callable

from . import scenarios
from .scenarios import KINDS, RERUNS, TRANSIENT, Outcome

RATES = {"none": "-", "throttle_rate": "20 % of requests", "throttle_rps": "2 requests/s",
         "error_rate": "20 % (500/503)", "reset_rate": "15 % of requests", "consistency_uses": "first 2 uses of each new config"}


def rate_of(fault: str) -> str:
    settings = TRANSIENT[fault]
    return RATES.get(fault, ", ".join(f"{k}={v}" for k, v in settings.items()) or "-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.report", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parallel", type=int, default=8)
    args = parser.parse_args(argv)

    jobs: dict[tuple[Any, ...], Callable[[], Outcome]] = {}
    for run in range(args.runs):
        for fault in TRANSIENT:
            jobs[("transient", fault, run)] = lambda fault=fault, run=run: scenarios.transient(fault, seed=run + 1)
        for kind in KINDS:
            for rerun in RERUNS:
                jobs[("interrupted", f"{kind}/{rerun}", run)] = (
                    lambda kind=kind, rerun=rerun: scenarios.interrupted(kind, rerun))
    for kind in KINDS:
        jobs[("reference", kind, 0)] = lambda kind=kind: scenarios.interrupted(kind, "settled", kill=False)
    started = time.monotonic()
    outcomes = scenarios.run_all(jobs, parallel=args.parallel)
    wall = time.monotonic() - started

    rows = [("fault", "rate", "runs", "successes", "orphaned endpoints", "data lost", "retries / successful calls",
             "s per run")]
    failed = False

    def row(label: str, rate: str, runs: list[Outcome], reference: Outcome, operation: str | None = None) -> None:
        nonlocal failed
        ok = sum(o.ok for o in runs)
        orphaned = sum(len(o.orphans) + len(o.left_over) for o in runs)
        lost = sum(1 for o in runs if not o.ok or o.state != reference.state)
        failed |= ok != len(runs) or orphaned or lost
        rows.append((label, rate, str(len(runs)), str(ok), str(orphaned), "none" if not lost else f"{lost} runs",
                     f"{sum(o.faulted for o in runs)} / {sum(o.succeeded for o in runs)}" if operation is None else
                     f"- ({operation} accepted {'/'.join(str(o.calls.get(operation, 0)) for o in runs)})",
                     f"{sum(o.seconds for o in runs) / len(runs):.1f}"))

    baseline = outcomes[("transient", "none", 0)]
    for fault in TRANSIENT:
        row(fault, rate_of(fault), [outcomes[("transient", fault, r)] for r in range(args.runs)], baseline)
    for kind in KINDS:
        for rerun in RERUNS:
            row(f"kill -9 during {kind}, rerun {rerun}", "1 per run",
                [outcomes[("interrupted", f"{kind}/{rerun}", r)] for r in range(args.runs)],
                outcomes[("reference", kind, 0)], scenarios.OPERATION[kind])

    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, cells in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |")
        if index == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")
    print(f"\n{len(outcomes)} scenario runs, {args.parallel} at a time, in {wall:.0f} s. Retries: requests answered "
          f"with the injected fault (throttling, 500/503, dropped connection, not-yet-visible EndpointConfig), "
          f"each retried, against the provider's requests that succeeded. Kills: how many times SageMaker accepted "
          f"the interrupted operation per run (1: the rerun adopted or finished it instead of repeating it).")
    for key, outcome in outcomes.items():
        if not outcome.ok:
            print(f"\n{key}: {outcome.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

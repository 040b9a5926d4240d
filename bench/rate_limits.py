"""Rate limits: 64 endpoints created, then destroyed, at once through one `python -m pulumi.dynamic` server against
an emulator that allows 10 SageMaker requests per second (token bucket; over it: ThrottlingException). Every
operation must succeed: all calls of the process share one client per account and region, so botocore's adaptive
retry mode paces them all from one rate budget.

    python bench/rate_limits.py            # 64 endpoints, create 30 s, delete 10 s  (about 2 minutes)
    python bench/rate_limits.py --quick    # create 10 s, delete 5 s
"""
from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

from _common import create_concurrently, emulator, engine_on, make_configs, status_calls, table

RPS = 10.0


def destroy_concurrently(engine, names: list[str]) -> tuple[float, list[str]]:
    def one(name: str) -> str | None:
        try:
            engine.destroy(name)
            return None
        except Exception as error:  # noqa: BLE001 - counted as a failure
            return f"{name}: {str(error).splitlines()[0][:300]}"

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        failures = [f for f in pool.map(one, names) if f]
    return time.monotonic() - start, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="create 10 s, delete 5 s")
    parser.add_argument("-n", type=int, default=64, help="endpoints (default 64)")
    parser.add_argument("--rps", type=float, default=RPS, help="the emulator's request budget (default 10/s)")
    args = parser.parse_args()
    create_s, delete_s = (10.0, 5.0) if args.quick else (30.0, 10.0)

    rows = []
    with emulator(create_seconds=create_s, delete_seconds=delete_s) as emu:
        configs = make_configs(emu, args.n)
        emu.configure(throttle_rps=args.rps)
        with engine_on(emu) as engine:
            emu.reset_stats()
            run = create_concurrently(engine, configs)
            stats = emu.stats()
            rows.append(["create", args.n, len(run.failures), stats["throttled"], stats["total"],
                         status_calls(stats), f"{run.wall:.1f}", f"{run.wall / create_s:.2f}"])
            for failure in run.failures[:5]:
                print("create failed:", failure)
            emu.reset_stats()
            wall, failures = destroy_concurrently(engine, [f"ep-{i}" for i in range(args.n)
                                                           if engine.has(f"ep-{i}")])
            stats = emu.stats()
            rows.append(["destroy", args.n, len(failures), stats["throttled"], stats["total"],
                         status_calls(stats), f"{wall:.1f}", f"{wall / delete_s:.2f}"])
            for failure in failures[:5]:
                print("destroy failed:", failure)
    print(table(["phase", "endpoints", "failures", "throttled requests", "requests (incl. throttled)",
                 "Describe+List calls", "wall s", "wall / T"], rows,
                f"rate limits: emulator budget {args.rps:g} requests/s, create T = {create_s:g} s, "
                f"delete T = {delete_s:g} s"))


if __name__ == "__main__":
    main()

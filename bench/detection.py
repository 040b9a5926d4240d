"""Detection lag and status calls per endpoint: this provider (through the SDK's dynamic provider server) against
botocore's `endpoint_in_service` waiter (DescribeEndpoint every 30 s, one thread per endpoint), on the same
emulator timings (create time T).

Lag: from the emulator's own transition time (the endpoint's LastModifiedTime when it became InService) to when
the provider's Create returned (the waiter's wait() returned). Calls: DescribeEndpoint + ListEndpoints, counted by
the emulator. Per endpoint-hour: calls / (N x waiting hours per endpoint), a wait lasting from CreationTime to the
return.

    python bench/detection.py            # T = 45 s, provider N = 1, 16, 64; waiter N = 64  (about 4 minutes)
    python bench/detection.py --quick    # T = 20 s, provider N = 1, 64; waiter N = 64
"""
from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.config import Config

from _common import (create_concurrently, waiting, emulator, engine_on, make_configs, median, percentile, status_calls,
                     table, transition_times)

WAITER_DELAY = 30
STAGGER = 5.0  # s: N endpoints that finish at one instant would make the median lag one draw of the sweep phase


def provider_run(emu, n: int, stagger: float) -> dict:
    emu.reset()
    configs = make_configs(emu, n)
    with engine_on(emu) as engine:
        emu.reset_stats()
        run = create_concurrently(engine, configs, stagger=stagger)
        stats = emu.stats()
    if run.failures:
        raise SystemExit(f"provider run failed: {run.failures[:3]}")
    return measure(emu, n, run.returned, stats)


def waiter_run(emu, n: int, stagger: float) -> dict:
    emu.reset()
    configs = make_configs(emu, n)
    sm = emu.client("sagemaker", config=Config(max_pool_connections=n))
    emu.reset_stats()

    def one(i: int) -> tuple[str, float]:
        time.sleep(stagger * i / n)
        name = f"waiter-{i}"
        sm.create_endpoint(EndpointName=name, EndpointConfigName=configs[i])
        sm.get_waiter("endpoint_in_service").wait(EndpointName=name,
                                                  WaiterConfig={"Delay": WAITER_DELAY, "MaxAttempts": 120})
        return name, time.time()

    with ThreadPoolExecutor(max_workers=n) as pool:
        returned = dict(pool.map(one, range(n)))
    return measure(emu, n, returned, emu.stats())


def measure(emu, n: int, returned: dict[str, float], stats: dict) -> dict:
    times = transition_times(emu, list(returned))
    lags = [returned[name] - times[name][1] for name in returned]
    waited = sum(returned[name] - times[name][0] for name in returned) / 3600.0  # endpoint-hours
    calls = status_calls(stats)
    return {"n": n, "lag50": median(lags), "lag90": percentile(lags, 0.9), "lagmax": max(lags), "calls": calls,
            "per_endpoint": calls / n, "per_hour": calls / waited}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="T = 20 s, N = 1, 64")
    parser.add_argument("--create-seconds", type=float, help="T (default 45, quick 20)")
    parser.add_argument("--stagger", type=float, default=STAGGER,
                        help=f"spread the N starts over this many seconds (default {STAGGER:g})")
    parser.add_argument("--sizes", help="provider N, comma-separated (default 1,16,64; quick 1,64)")
    parser.add_argument("--waiter-size", type=int, default=64, help="N of the waiter run (default 64)")
    args = parser.parse_args()
    seconds = args.create_seconds or (20.0 if args.quick else 45.0)
    sizes = [int(n) for n in (args.sizes or ("1,64" if args.quick else "1,16,64")).split(",")]

    with emulator(create_seconds=seconds) as emu:
        waiter = waiter_run(emu, args.waiter_size, args.stagger)
        results = [("this provider", provider_run(emu, n, args.stagger)) for n in sizes]
    rows = []
    for label, r in results + [(f"botocore waiter ({WAITER_DELAY} s)", waiter)]:
        rows.append([label, r["n"], f"{r['lag50']:.2f}", f"{r['lag90']:.2f}", f"{r['lagmax']:.2f}", r["calls"],
                     f"{r['per_endpoint']:.2f}", f"{r['per_hour']:.1f}", f"{waiter['per_hour'] / r['per_hour']:.1f}x"])
    for n in sorted({1, *sizes}):  # a wait of hours, from the interval rule itself: where the figures tend to
        sweep = waiting.interval(3600.0, 1 / n)
        per_hour, waiter_per_hour = 3600.0 / (n * sweep), 3600.0 / WAITER_DELAY
        rows.append(["steady state (rule, hours-long wait)", n, f"~{sweep / 2:.2f}", "-", f"~{sweep:.2f}", "-", "-",
                     f"{per_hour:.1f}", f"{waiter_per_hour / per_hour:.1f}x"])
    print(table(["approach", "N", "lag p50 s", "lag p90 s", "lag max s", "Describe+List calls", "calls/endpoint",
                 "calls/endpoint-hour", "fewer than waiter"], rows,
                f"detection: N endpoints created at once (starts spread over {args.stagger:g} s), create time "
                f"T = {seconds:g} s; lag from the emulator's InService transition to the operation returning"))


if __name__ == "__main__":
    main()

"""No-op preview cost: Check + Diff of 200 unchanged endpoints through the SDK's dynamic provider server (the
engine stand-in's preview(), and a no-op up()), with state from real creates. Prints milliseconds per resource and
the AWS calls the emulator counted (must be 0); and what importing the package costs in a fresh interpreter.

    python bench/preview_cost.py            # 200 endpoints  (about 1 minute)
    python bench/preview_cost.py --quick    # 50 endpoints
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from _common import PROVIDER, ROOT, TYPE, create_concurrently, emulator, engine_on, make_configs, props, table

IMPORT_PROBE = """
import sys, time
start = time.perf_counter()
import pulumi_sagemaker_endpoint
elapsed = time.perf_counter() - start
print(f"{elapsed * 1000:.0f} {'boto3' in sys.modules} {'botocore' in sys.modules}")
"""


def timed(engine, names: list[str], step: str, parallel: int) -> tuple[float, list[str]]:
    """Seconds to run `step` (preview or up) for every resource, `parallel` at a time; the ops they ended with."""
    def one(logical: str) -> str:
        call = engine.preview if step == "preview" else engine.up
        return call(logical, props(logical, configs[logical]), PROVIDER, type_token=TYPE).op

    configs = {logical: f"cfg-{logical.rsplit('-', 1)[1]}" for logical in names}
    start = time.perf_counter()
    if parallel == 1:
        ops = [one(logical) for logical in names]
    else:
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            ops = list(pool.map(one, names))
    return time.perf_counter() - start, ops


def import_cost() -> tuple[str, str]:
    """Milliseconds to import the package in a fresh interpreter, and whether that loaded boto3."""
    out = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "provider"), "PATH": "/usr/bin:/bin"}).stdout.split()
    return out[0], "yes" if out[1] == "True" else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 endpoints")
    parser.add_argument("-n", type=int, help="endpoints (default 200, quick 50)")
    args = parser.parse_args()
    n = args.n or (50 if args.quick else 200)

    rows = []
    with emulator(create_seconds=0.5) as emu:
        configs = make_configs(emu, n)
        with engine_on(emu) as engine:
            created = create_concurrently(engine, configs)
            if created.failures:
                raise SystemExit(f"creating the state failed: {created.failures[:3]}")
            names = [f"ep-{i}" for i in range(n)]
            for label, step, parallel in [("preview, one at a time", "preview", 1),
                                          ("preview, 64 at a time", "preview", 64),
                                          ("up with no changes, one at a time", "up", 1)]:
                emu.reset_stats()
                seconds, ops = timed(engine, names, step, parallel)
                calls = emu.stats()["total"]
                same = sum(op == "same" for op in ops)
                rows.append([label, n, f"{same}/{n}", f"{seconds * 1000 / n:.1f}", f"{seconds:.2f}", calls])
    milliseconds, boto3_loaded = import_cost()
    rows.append([f"import pulumi_sagemaker_endpoint (fresh interpreter; boto3 loaded: {boto3_loaded})", "-", "-",
                 "-", f"{int(milliseconds) / 1000:.2f}", 0])
    print(table(["run (Check + Diff per resource)", "resources", "unchanged", "ms / resource", "total s",
                 "AWS calls"], rows, "preview cost: unchanged endpoints, state from real creates"))


if __name__ == "__main__":
    main()

"""Convergence on the real engine: N endpoints in one `pulumi up` of a real project (the `pulumi` CLI that
scripts/pulumi-engine builds), against the emulator with a fixed create time T, at the product's own polling pace.

    python bench/real_engine.py                  # N = 1, 64, 256; T = 30 s  (about 5 minutes on 2 cores)
    python bench/real_engine.py --quick          # N = 1, 64; T = 15 s
    python bench/real_engine.py --sizes 256 --create-seconds 60 --rps 20

Each `pulumi up` gets `--parallel N` (the CLI's default is 4 per CPU: 8 on 2 cores; `--cli-default` keeps it).
Prints, per N: the wall time of `pulumi up` and its ratio to T and to N = 1, the AWS calls per endpoint, the
highest number of requests the emulator saw in any one second (and of CreateEndpoint alone), how many it
throttled, and where the time went: from the first AWS request to the first CreateEndpoint, between the first and
the last CreateEndpoint, and from the last CreateEndpoint to the last request (`--rps R` gives the emulator a budget of R requests per second, as SageMaker's account limits do).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from _common import ROOT, emulator, make_configs, table

from tests.engine.project import Project  # noqa: E402 - after _common put the repository on sys.path

PROGRAM = """
import pulumi
from pulumi_sagemaker_endpoint import Endpoint

for i in range(pulumi.Config().require_int("count")):
    Endpoint(f"ep-{i}", endpoint_config_name=f"cfg-{i}")
"""


def ensure_pulumi() -> None:
    if shutil.which("pulumi") is None:
        bin_dir = subprocess.run([str(ROOT / "scripts" / "pulumi-engine")], check=True, capture_output=True,
                                 text=True).stdout.strip().splitlines()[-1]
        import os

        os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def peak_per_second(times: list[float]) -> int:
    return max(Counter(int(t) for t in times).values(), default=0)


def one_run(emu, n: int, parallel: int | None) -> list:
    emu.reset()
    make_configs(emu, n)
    root = Path(tempfile.mkdtemp(prefix="bench-real-engine-"))
    project = Project(root, emu, PROGRAM, name="bench")
    project.env.pop("SAGEMAKER_ENDPOINT_TEST_MIN_INTERVAL", None)  # the product's own polling pace
    project.start()
    try:
        project.init(config={"count": str(n)})
        emu.reset_stats()
        started = time.monotonic()
        project.up(*(["--parallel", str(parallel)] if parallel else []))
        wall = time.monotonic() - started
        requests = emu.requests()
    finally:
        project.close()
        shutil.rmtree(root, ignore_errors=True)
    calls = Counter(r["operation"] for r in requests)
    creates = [r["t"] for r in requests if r["operation"] == "CreateEndpoint"]
    spread = (creates[0] - requests[0]["t"], creates[-1] - creates[0], requests[-1]["t"] - creates[-1])
    return [n, wall, sum(calls.values()) / n, peak_per_second([r["t"] for r in requests]),
            peak_per_second([r["t"] for r in requests if r["operation"] == "CreateEndpoint"]),
            sum(1 for r in requests if r.get("error") == "ThrottlingException"), spread]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1, 64; T = 15 s")
    parser.add_argument("--create-seconds", type=float, help="T (default 30, quick 15)")
    parser.add_argument("--sizes", help="comma-separated N (default 1,64,256)")
    parser.add_argument("--rps", type=float, help="the emulator's request budget per second (default none)")
    parser.add_argument("--cli-default", action="store_true",
                        help="leave `pulumi up --parallel` at the CLI's default (4 per CPU) instead of N")
    args = parser.parse_args()
    seconds = args.create_seconds or (15.0 if args.quick else 30.0)
    sizes = [int(n) for n in (args.sizes or ("1,64" if args.quick else "1,64,256")).split(",")]
    ensure_pulumi()
    budget = {"throttle_rps": args.rps} if args.rps else {}
    rows = []
    with emulator(create_seconds=seconds, **budget) as emu:
        for n in sizes:
            rows.append(one_run(emu, n, None if args.cli_default else n))
    alone = next((row[1] for row in rows if row[0] == 1), None)
    print(table(["N", "wall s", "wall / T", "wall / wall(N=1)", "calls / endpoint", "peak req/s",
                 "peak CreateEndpoint/s", "throttled", "s to 1st create", "creates spread s", "s after last create"],
                [[n, f"{wall:.1f}", f"{wall / seconds:.2f}", f"{wall / alone:.2f}" if alone else "-",
                  f"{per:.1f}", peak, creates, throttled, *(f"{x:.1f}" for x in spread)]
                 for n, wall, per, peak, creates, throttled, spread in rows],
                f"real engine: N endpoints in one `pulumi up{'' if args.cli_default else ' --parallel N'}` ({subprocess.run(['pulumi', 'version'], text=True, capture_output=True).stdout.strip()}), "
                f"create time T = {seconds:g} s{f', budget {args.rps:g} req/s' if args.rps else ''}"))


if __name__ == "__main__":
    main()

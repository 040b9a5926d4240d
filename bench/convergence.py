"""Convergence: N endpoints created at once through ONE `python -m pulumi.dynamic` server (the engine stand-in),
against the emulator with a fixed create time T. Prints wall time / T with this provider's widened server (64
workers) next to the same run under the SDK's default ceiling of 4 (PULUMI_SAGEMAKER_ENDPOINT_MAX_WORKERS=4).

    python bench/convergence.py            # T = 8 s, N = 1, 4, 16, 64  (about 4 minutes on 2 cores)
    python bench/convergence.py --quick    # T = 3 s
    python bench/convergence.py --create-seconds 20 --sizes 1,64
"""
from __future__ import annotations

import argparse

from _common import create_concurrently, emulator, engine_on, make_configs, table

SDK_CEILING = 4


def run(emu, configs: list[str], workers: int) -> tuple[float, int]:
    emu.reset()
    make_configs(emu, len(configs))
    with engine_on(emu, max_workers=workers) as engine:
        result = create_concurrently(engine, configs)
    return result.wall, len(result.failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="T = 3 s")
    parser.add_argument("--create-seconds", type=float, help="T, the emulator's create time (default 8, quick 3)")
    parser.add_argument("--sizes", default="1,4,16,64", help="comma-separated N")
    args = parser.parse_args()
    seconds = args.create_seconds or (3.0 if args.quick else 8.0)
    sizes = [int(n) for n in args.sizes.split(",")]

    rows = []
    with emulator(create_seconds=seconds) as emu:
        for n in sizes:
            configs = [f"cfg-{i}" for i in range(n)]
            widened, widened_failures = run(emu, configs, 64)
            ceiling, ceiling_failures = run(emu, configs, SDK_CEILING)
            rows.append([n, f"{widened:.1f}", f"{widened / seconds:.2f}", f"{ceiling:.1f}",
                         f"{ceiling / seconds:.2f}", f"{ceiling / widened:.1f}x", widened_failures + ceiling_failures])
    print(table(["N", "wall s (64 workers)", "wall / T", "wall s (SDK ceiling 4)", "wall / T (ceiling 4)",
                 "speed-up", "failures"], rows,
                f"convergence: N endpoints created at once through one `python -m pulumi.dynamic`, "
                f"create time T = {seconds:g} s"))


if __name__ == "__main__":
    main()

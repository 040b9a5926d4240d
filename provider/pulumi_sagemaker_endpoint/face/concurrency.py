"""Let more than 4 operations run at once in the SDK's dynamic provider server.

`python -m pulumi.dynamic` serves gRPC from `ThreadPoolExecutor(max_workers=4)`, so a stack of 12 endpoints
converges in three sequential waves. The server runs this provider's `configure()` on the first RPC that needs
the provider (the engine's first Check, Read or Delete), before any operation of it; from there we raise that
executor's worker limit in memory (the SDK's files stay untouched) and start workers for requests already queued
behind the first four.

`PULUMI_SAGEMAKER_ENDPOINT_MAX_WORKERS` sets the limit (default 512); 4 or less leaves the SDK's ceiling as it is
(the benchmarks use that for the comparison with the SDK default).
"""
from __future__ import annotations

import contextlib
import gc
import os
import sys
from concurrent.futures import ThreadPoolExecutor

WORKERS = 512
MAX_WORKERS_ENV = "PULUMI_SAGEMAKER_ENDPOINT_MAX_WORKERS"


def max_workers() -> int:
    """The worker limit asked for: $PULUMI_SAGEMAKER_ENDPOINT_MAX_WORKERS, else WORKERS."""
    raw = os.environ.get(MAX_WORKERS_ENV, "").strip()
    try:
        return max(1, int(raw)) if raw else WORKERS
    except ValueError:
        print(f"warning: {MAX_WORKERS_ENV}={raw!r} is not a whole number; using {WORKERS}", file=sys.stderr,
              flush=True)
        return WORKERS


def in_dynamic_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"


def server_pools() -> list[ThreadPoolExecutor]:
    """The thread pools of the gRPC servers living in this process."""
    import grpc._server

    return [server._state.thread_pool for server in gc.get_objects()
            if isinstance(server, grpc._server._Server)
            and isinstance(getattr(server._state, "thread_pool", None), ThreadPoolExecutor)]


def widen(pool: ThreadPoolExecutor, workers: int) -> bool:
    """Raise the pool's limit to `workers` (never lower it) and start a worker per request queued behind it."""
    with getattr(pool, "_shutdown_lock", contextlib.nullcontext()):  # what submit() holds around the same code
        if pool._max_workers >= workers:
            return False
        pool._max_workers = workers
        for _ in range(pool._work_queue.qsize()):
            pool._adjust_thread_count()
        return True


def widen_dynamic_server(workers: int | None = None) -> int:
    """Widen the server's pools when running inside `python -m pulumi.dynamic`; returns how many were widened."""
    if not in_dynamic_server():
        return 0
    limit = max_workers() if workers is None else workers
    return sum(widen(pool, limit) for pool in server_pools())

"""Let more than 4 operations run at once in the SDK's dynamic provider server.

`python -m pulumi.dynamic` serves gRPC from `ThreadPoolExecutor(max_workers=4)`, so a stack of 12 endpoints
converges in three sequential waves. The server process runs this provider's `configure()` before its first
operation; from there we raise that executor's worker limit in memory (the SDK's files stay untouched) and start
workers for requests already queued behind the first four.
"""
from __future__ import annotations

import gc
import sys
from concurrent.futures import ThreadPoolExecutor

MIN_WORKERS = 64


def in_dynamic_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"


def server_pools() -> list[ThreadPoolExecutor]:
    """The thread pools of the gRPC servers living in this process."""
    import grpc._server

    return [server._state.thread_pool for server in gc.get_objects()
            if isinstance(server, grpc._server._Server)
            and isinstance(getattr(server._state, "thread_pool", None), ThreadPoolExecutor)]


def widen(pool: ThreadPoolExecutor, workers: int = MIN_WORKERS) -> bool:
    if pool._max_workers >= workers:
        return False
    pool._max_workers = workers
    for _ in range(pool._work_queue.qsize()):
        pool._adjust_thread_count()
    return True


def widen_dynamic_server(workers: int = MIN_WORKERS) -> int:
    """Widen the server's pools when running inside `python -m pulumi.dynamic`; returns how many were widened."""
    if not in_dynamic_server():
        return 0
    return sum(widen(pool, workers) for pool in server_pools())

"""Status polling as data: a table of status -> keep waiting / done / failed per operation, and one shared
sweeper per AWS target that watches every waiting endpoint at once.

The sweeper asks DescribeEndpoint when one endpoint waits and a single paginated ListEndpoints sweep when more
wait than the sweep has pages, so 64 waiting endpoints cost one call per sweep, not 64. The sweep interval starts
at MIN_INTERVAL (short operations are noticed within about a second) and grows with the age of the youngest
wait up to MAX_INTERVAL (long operations cost few calls).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .errors import WaitTimeout, is_not_found

WAIT, DONE, FAILED = "wait", "done", "failed"
GONE = "Gone"  # pseudo-status: the endpoint does not exist

CREATE = {"Creating": WAIT, "InService": DONE, "Failed": FAILED, "Deleting": FAILED, "OutOfService": FAILED,
          GONE: FAILED}
UPDATE = {"Updating": WAIT, "SystemUpdating": WAIT, "RollingBack": WAIT, "InService": DONE, "Failed": FAILED,
          "UpdateRollbackFailed": FAILED, "Deleting": FAILED, "OutOfService": FAILED, GONE: FAILED}
# Before UpdateEndpoint or DeleteEndpoint: wait out whatever SageMaker is already doing.
SETTLED = {"Creating": WAIT, "Updating": WAIT, "SystemUpdating": WAIT, "RollingBack": WAIT}
DELETE = {GONE: DONE}

MIN_INTERVAL = 1.0
MAX_INTERVAL = 10.0
GROWTH = 0.1  # seconds of interval added per second waited


def action(table: Mapping[str, str], status: str) -> str:
    """Statuses a table does not name: SETTLED and DELETE default to the other outcome."""
    default = DONE if table is SETTLED else WAIT
    return table.get(status, default)


def interval(age: float) -> float:
    return min(MAX_INTERVAL, MIN_INTERVAL + GROWTH * age)


@dataclass
class _Watch:
    name: str
    started: float
    seen_deleting: bool = False


@dataclass
class Observation:
    status: str
    summary: dict[str, Any] = field(default_factory=dict)  # ListEndpoints entry or DescribeEndpoint output


class Board:
    """Shared by every operation on one AWS target in this process."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._cond = threading.Condition()
        self._watches: dict[int, _Watch] = {}
        self._seen: dict[str, Observation] = {}
        self._generation = 0
        self._pages = 1
        self._sweeper: threading.Thread | None = None
        self.sweeps = 0

    def wait(self, name: str, table: Mapping[str, str], deadline: float,
             on_status: Callable[[Observation], None] | None = None) -> Observation:
        """Block until `table` says done or failed for `name`; WaitTimeout at the deadline."""
        watch = _Watch(name, time.monotonic())
        key = id(watch)
        with self._cond:
            self._watches[key] = watch
            self._seen.pop(name.lower(), None)
            self._ensure_sweeper()
            generation, last = -1, None
            try:
                while True:
                    remaining = deadline - time.monotonic()
                    self._cond.wait_for(lambda: self._generation != generation, timeout=max(0.0, remaining))
                    generation = self._generation
                    seen = self._seen.get(name.lower())
                    if seen is not None and (last is None or seen.status != last.status):
                        last = seen
                        if on_status:
                            on_status(seen)
                    if seen is not None and action(table, seen.status) != WAIT:
                        return seen
                    if time.monotonic() >= deadline:
                        raise WaitTimeout(f"endpoint {name!r} is still {seen.status if seen else 'unknown'}")
            finally:
                del self._watches[key]

    def _ensure_sweeper(self) -> None:
        if self._sweeper is None or not self._sweeper.is_alive():
            self._sweeper = threading.Thread(target=self._sweep_forever, name="sagemaker-status-sweeper",
                                             daemon=True)
            self._sweeper.start()

    def _sweep_forever(self) -> None:
        while True:
            with self._cond:
                if not self._watches:
                    self._sweeper = None
                    return
                watches = list(self._watches.values())
            try:
                observations = self._sweep(watches)
            except Exception:  # noqa: BLE001 - botocore already retried; the next sweep tries again
                observations = {}
            with self._cond:
                self._seen.update(observations)
                self._generation += 1
                self.sweeps += 1
                self._cond.notify_all()
                youngest = max(w.started for w in watches)
            time.sleep(interval(time.monotonic() - youngest))

    def _sweep(self, watches: list[_Watch]) -> dict[str, Observation]:
        names = {w.name.lower(): w for w in watches}
        if len(names) <= self._pages:
            return {key: self._describe(w.name) for key, w in names.items()}
        listed = self._list()
        observations = {}
        for key, watch in names.items():
            if key in listed:
                observations[key] = listed[key]
                watch.seen_deleting = watch.seen_deleting or listed[key].status == "Deleting"
            elif watch.seen_deleting:
                observations[key] = Observation(GONE)
            else:  # not listed yet or already gone: only DescribeEndpoint can tell
                observations[key] = self._describe(watch.name)
        return observations

    def _describe(self, name: str) -> Observation:
        try:
            described = self._client.describe_endpoint(EndpointName=name)
        except Exception as error:  # noqa: BLE001 - anything but "not found" is retried next sweep
            if is_not_found(error):
                return Observation(GONE)
            return self._seen.get(name.lower(), Observation("Unknown"))
        return Observation(described["EndpointStatus"], described)

    def _list(self) -> dict[str, Observation]:
        listed: dict[str, Observation] = {}
        pages = 0
        paginator = self._client.get_paginator("list_endpoints")
        for page in paginator.paginate(PaginationConfig={"PageSize": 100}):
            pages += 1
            for entry in page.get("Endpoints", []):
                listed[entry["EndpointName"].lower()] = Observation(entry["EndpointStatus"], entry)
        self._pages = max(1, pages)
        return listed


_boards: dict[int, Board] = {}
_boards_lock = threading.Lock()


def board_for(client: Any) -> Board:
    with _boards_lock:
        board = _boards.get(id(client))
        if board is None:
            board = _boards[id(client)] = Board(client)
        return board

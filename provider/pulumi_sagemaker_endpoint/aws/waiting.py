"""Status polling as data: a table of status -> keep waiting / done / failed per operation, and one shared
sweeper per account and region that watches every waiting endpoint at once.

One sweep looks at every waiting endpoint: DescribeEndpoint each when that is cheaper (few waits), else one
paginated ListEndpoints (one call per 100 endpoints in the account), whose entries are enough on their own
(name, ARN, status, times); only a waited endpoint missing from the list is described. So 64 waiting endpoints
cost one call per sweep, not 64, and the sweeper shares the account-and-region client (and its adaptive retry
rate budget) with every other call of the process.

When the next sweep comes is `interval(age, share)`, from two numbers:
- `age`: how long the youngest wait has waited. A wait is owed a look every `MIN_INTERVAL + GROWTH * age`
  seconds, at most `MAX_INTERVAL`: a short operation is noticed within about a second, a long one costs few calls.
- `share`: calls of the next sweep per waiting endpoint (1 for a DescribeEndpoint each, 1/N when one ListEndpoints
  page serves N). No endpoint ever pays more than one call per interval it is owed, and a shared sweep runs at
  most every `SHARED_INTERVAL` seconds once its waits are older than a few seconds: with 64 waiting endpoints that
  is about 22 ListEndpoints calls per endpoint-hour, against 120 DescribeEndpoint calls for a 30 s waiter each.
A new wait wakes the sweeper: it gets its first look no later than `MIN_INTERVAL` after the previous sweep.
A wait only accepts what a sweep that started after the wait began saw, never an answer from before its own call.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..core import events
from ..core.words import words
from .clients import Target, budget_of, sagemaker
from .errors import WaitTimeout, is_not_found, is_permanent
from .find import find_endpoint

WAIT, DONE, FAILED = "wait", "done", "failed"
GONE = "Gone"  # pseudo-status: the endpoint does not exist


@dataclass(frozen=True)
class Kind:
    """What is waited for: its noun, and the calls and keys that describe and list it."""

    noun: str
    describe: str     # DescribeEndpoint
    name_key: str     # EndpointName: the describe call's parameter and the list entries' key
    status_key: str   # EndpointStatus
    lister: str       # ListEndpoints
    listed: str       # Endpoints: the list page's key
    arn_key: str      # EndpointArn: the describe answer's key of its ARN

    def operation(self, python_name: str) -> str:
        return "".join(part.title() for part in python_name.split("_"))


ENDPOINT = Kind(events.ENDPOINT, "describe_endpoint", "EndpointName", "EndpointStatus", "list_endpoints", "Endpoints",
                "EndpointArn")
INFERENCE_COMPONENT = Kind(events.INFERENCE_COMPONENT, "describe_inference_component", "InferenceComponentName",
                           "InferenceComponentStatus", "list_inference_components", "InferenceComponents",
                           "InferenceComponentArn")


@dataclass(frozen=True)
class Table:
    """What each status means to one kind of wait; a status the table does not name means `default`."""

    actions: Mapping[str, str]
    default: str

    def action(self, status: str) -> str:
        return self.actions.get(status, self.default)


CREATE = Table({"Creating": WAIT, "InService": DONE, "Failed": FAILED, "Deleting": FAILED, "OutOfService": FAILED,
                GONE: FAILED}, default=WAIT)
UPDATE = Table({"Updating": WAIT, "SystemUpdating": WAIT, "RollingBack": WAIT, "InService": DONE, "Failed": FAILED,
                "UpdateRollbackFailed": FAILED, "Deleting": FAILED, "OutOfService": FAILED, GONE: FAILED},
               default=WAIT)
# The tables serve inference components too: their statuses (Creating, InService, Updating, Failed, Deleting) are
# a subset of the endpoint's and mean the same to each wait.
# Before UpdateEndpoint or DeleteEndpoint: wait out whatever SageMaker is already doing.
SETTLED = Table({"Creating": WAIT, "Updating": WAIT, "SystemUpdating": WAIT, "RollingBack": WAIT}, default=DONE)
DELETE = Table({GONE: DONE}, default=WAIT)
# Adopting a live endpoint (import_): it must be in service, or come into service.
ADOPT = Table({"InService": DONE, "Failed": FAILED}, default=WAIT)

MIN_INTERVAL = 1.0      # seconds: the first looks of every wait
GROWTH = 0.1            # seconds added to a wait's interval per second it has waited
MAX_INTERVAL = 10.0     # seconds: the longest a lone wait goes without a look
SHARED_INTERVAL = 2.5   # seconds: the shortest interval of a sweep shared by many waits, once they are not young
PAGE_SIZE = 100         # ListEndpoints MaxResults (the API's maximum)


def owed(age: float) -> float:
    """Seconds between looks that one wait of this age is owed."""
    return min(MAX_INTERVAL, MIN_INTERVAL + GROWTH * age)


def interval(age: float, share: float = 1.0) -> float:
    """Seconds from one sweep to the next; see the module docstring."""
    own = owed(age)
    return max(share * own, min(own, SHARED_INTERVAL))


@dataclass(eq=False)
class _Watch:
    name: str
    started: float  # monotonic; the age of the wait counts from here
    seen: Observation | None = None
    updates: int = 0  # sweeps (started after this watch was registered) that reported on it
    seen_deleting: bool = False


@dataclass
class Observation:
    status: str
    summary: dict[str, Any] = field(default_factory=dict)  # ListEndpoints entry or DescribeEndpoint output
    error: Exception | None = None  # an error retrying cannot cure (denied, expired credentials): stop waiting


class Board:
    """Shared by every operation on one account and region in this process."""

    def __init__(self, client: Any, kind: Kind = ENDPOINT) -> None:
        self._client = client
        self._kind = kind
        self._cond = threading.Condition()
        self._watches: set[_Watch] = set()
        self._pages = 1  # ListEndpoints pages of the last list sweep
        self._last_sweep = float("-inf")  # monotonic start of the last sweep
        self._sweeper: threading.Thread | None = None
        self.sweeps = 0
        self.calls: dict[str, int] = {}  # operation -> calls made by the sweeper

    def wait(self, name: str, table: Table, deadline: float,
             on_status: Callable[[Observation], None] | None = None, since: float | None = None) -> Observation:
        """Block until `table` says done or failed for `name`; WaitTimeout at the deadline (monotonic).

        `since` (monotonic) dates the start of a longer wait this call continues (a caller that waits in slices to
        report progress passes the time of its first slice), so the interval keeps growing across the slices.
        """
        watch = _Watch(name, time.monotonic() if since is None else since)
        with self._cond:
            self._watches.add(watch)
            self._ensure_sweeper()
            self._cond.notify_all()  # the sweeper re-plans its next sweep for a young wait
        try:
            updates, last = 0, None
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: watch.updates != updates,
                                        timeout=max(0.0, deadline - time.monotonic()))
                    updates, seen = watch.updates, watch.seen
                if seen is not None and (last is None or seen.status != last.status):
                    last = seen
                    if on_status:
                        on_status(seen)
                if seen is not None and seen.error is not None:
                    raise seen.error
                if seen is not None and table.action(seen.status) != WAIT:
                    return seen
                if time.monotonic() >= deadline:
                    raise WaitTimeout(f"{self._kind.noun} {name!r} is still {seen.status if seen else 'unknown'}",
                                      seen.status if seen else None)
        finally:
            with self._cond:
                self._watches.discard(watch)

    # ---- the sweeper -------------------------------------------------------------------------------------------

    def _ensure_sweeper(self) -> None:
        if self._sweeper is None or not self._sweeper.is_alive():
            self._sweeper = threading.Thread(target=self._sweep_forever, name="sagemaker-status-sweeper",
                                             daemon=True)
            self._sweeper.start()

    def _next_sweep(self) -> float | None:
        """Monotonic time of the next sweep for the waits now registered; None when nobody waits."""
        if not self._watches:
            return None
        names = {w.name.lower() for w in self._watches}
        share = min(len(names), self._pages) / len(names)
        youngest = max(w.started for w in self._watches)
        return self._last_sweep + interval(max(0.0, time.monotonic() - youngest), share)

    def _sweep_forever(self) -> None:
        while True:
            with self._cond:
                while True:  # sleep until the next sweep is due; a new wait re-plans it
                    due = self._next_sweep()
                    if due is None:
                        self._sweeper = None
                        return
                    remaining = due - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                watches = list(self._watches)
                self._last_sweep = time.monotonic()
            try:
                observations = self._sweep(watches)
            except Exception as error:  # noqa: BLE001 - botocore already retried; the next sweep tries again
                observations = ({w.name.lower(): Observation("Unknown", error=error) for w in watches}
                                if is_permanent(error) else {})
            with self._cond:
                for watch in watches:
                    seen = observations.get(watch.name.lower())  # None: no answer this time
                    if seen is not None:
                        watch.seen = seen
                        watch.seen_deleting = watch.seen_deleting or seen.status == "Deleting"
                        watch.updates += 1
                self.sweeps += 1
                self._cond.notify_all()

    def _sweep(self, watches: list[_Watch]) -> dict[str, Observation | None]:
        names: dict[str, list[_Watch]] = {}
        for watch in watches:
            names.setdefault(watch.name.lower(), []).append(watch)
        if len(names) <= self._pages:
            return {key: self._describe(group[0].name) for key, group in names.items()}
        listed = self._list()
        observations: dict[str, Observation | None] = {}
        for key, group in names.items():
            if key in listed:
                observations[key] = listed[key]
            elif any(w.seen_deleting for w in group):  # it was Deleting and is no longer listed: gone
                observations[key] = Observation(GONE)
            else:  # not listed yet, or already gone: only DescribeEndpoint can tell
                observations[key] = self._describe(group[0].name)
        return observations

    def _count(self, operation: str) -> None:
        with self._cond:
            self.calls[operation] = self.calls.get(operation, 0) + 1

    def _describe(self, name: str) -> Observation | None:
        kind = self._kind
        self._count(kind.operation(kind.describe))
        try:
            described = getattr(self._client, kind.describe)(**{kind.name_key: name})
        except Exception as error:  # noqa: BLE001 - anything but "not found" is retried next sweep
            if is_not_found(error):
                return Observation(GONE)
            return Observation("Unknown", error=error) if is_permanent(error) else None
        return Observation(described[kind.status_key], described)

    def _list(self) -> dict[str, Observation]:
        kind = self._kind
        listed: dict[str, Observation] = {}
        pages = 0
        paginator = self._client.get_paginator(kind.lister)
        for page in paginator.paginate(PaginationConfig={"PageSize": PAGE_SIZE}):
            self._count(kind.operation(kind.lister))
            pages += 1
            for entry in page.get(kind.listed, []):
                listed[entry[kind.name_key].lower()] = Observation(entry[kind.status_key], entry)
        self._pages = max(1, pages)
        return listed


_boards: dict[Any, Board] = {}
_boards_lock = threading.Lock()


def board_for(client: Any, kind: Kind = ENDPOINT) -> Board:
    """The board of the account and region `client` calls (one per rate budget, see clients.budget_of) for one
    kind of resource."""
    key = (budget_of(client), kind)
    with _boards_lock:
        board = _boards.get(key)
        if board is None:
            board = _boards[key] = Board(client, kind)
        return board


def wait_for(target: Target, name: str, table: Table, deadline: float, doing: str,
             kind: Kind = ENDPOINT) -> Observation:
    """Wait on the shared board, reporting each status as a progress event; a timeout says what state the
    resource is left in (the last status the sweep saw) and that SageMaker goes on."""
    try:
        return board_for(sagemaker(target), kind).wait(name, table, deadline,
                                                       lambda seen: events.emit(name, seen.status, kind.noun))
    except WaitTimeout as timeout:
        status = timeout.status or _look(target, name, kind)
        left = f"{kind.noun} {name!r} is {'still ' + status if status != GONE else 'gone'}" if status else \
            "no status could be read"
        say = words()
        raise WaitTimeout(f"Timed out {doing} {kind.noun} {name!r}: {left}; SageMaker goes on with it, and "
                          f"{say.resume_wait} ({say.wait_longer} if this is expected).", status) from None


def settled(target: Target, name: str, deadline: float, doing: str) -> dict[str, Any] | None:
    """DescribeEndpoint once SageMaker is doing nothing to the endpoint (a running deployment waited out first);
    None when it is gone."""
    client = sagemaker(target)
    described = find_endpoint(client, name)
    if described is not None and SETTLED.action(described["EndpointStatus"]) == WAIT:
        wait_for(target, name, SETTLED, deadline, doing)
        described = find_endpoint(client, name)
    return described


def _look(target: Target, name: str, kind: Kind = ENDPOINT) -> str | None:
    """The status now, for a wait that timed out before any sweep answered; a look that is denied or whose
    credentials are rejected is the real failure and is raised."""
    try:
        described = getattr(sagemaker(target), kind.describe)(**{kind.name_key: name})
    except Exception as error:  # noqa: BLE001 - the timeout stands, unless retrying cannot help
        if is_permanent(error):
            raise
        return GONE if is_not_found(error) else None
    return described[kind.status_key]

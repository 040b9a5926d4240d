"""The shared status sweeper against a scripted SageMaker stand-in: one ListEndpoints sweep serves many waits, a
wait never takes an answer from before it began, a young wait is looked at soon, and the interval rule keeps each
endpoint's calls bounded."""
from __future__ import annotations

import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_sagemaker_endpoint.aws import clients as aws
from pulumi_sagemaker_endpoint.aws import waiting
from pulumi_sagemaker_endpoint.aws.errors import WaitTimeout


GUARD = 120.0  # s: a deadline for waits that must end long before it (a guard against a hang, not a window)


class NotFound(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.response = {"Error": {"Code": "ValidationException", "Message": f'Could not find endpoint "{name}".'}}


class FakeSageMaker:
    """Endpoints as a name -> status dict the test changes; counts calls; can hold DescribeEndpoint and ListEndpoints
    at a gate."""

    def __init__(self, statuses: dict[str, str] | None = None) -> None:
        self.statuses = dict(statuses or {})
        self.calls = {"DescribeEndpoint": 0, "ListEndpoints": 0}
        self.gate: threading.Event | None = None
        self.entered = threading.Event()
        self.lock = threading.Lock()

    def _entry(self, name: str, status: str) -> dict:
        return {"EndpointName": name, "EndpointArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}",
                "EndpointStatus": status}

    def describe_endpoint(self, EndpointName: str) -> dict:  # noqa: N803 - boto3's spelling
        with self.lock:
            self.calls["DescribeEndpoint"] += 1
            status = self.statuses.get(EndpointName)
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(GUARD)
        if status is None:
            raise NotFound(EndpointName)
        return {**self._entry(EndpointName, status), "EndpointConfigName": "cfg"}

    def get_paginator(self, operation: str):
        assert operation == "list_endpoints"
        fake = self

        class Paginator:
            def paginate(self, PaginationConfig: dict):  # noqa: N803
                if fake.gate is not None:
                    fake.gate.wait(GUARD)
                size = PaginationConfig["PageSize"]
                with fake.lock:
                    items = sorted(fake.statuses.items())
                for start in range(0, max(1, len(items)), size):
                    with fake.lock:
                        fake.calls["ListEndpoints"] += 1
                    yield {"Endpoints": [fake._entry(n, s) for n, s in items[start:start + size]]}

        return Paginator()

    def status_calls(self) -> int:
        with self.lock:
            return sum(self.calls.values())


@pytest.fixture
def quick(monkeypatch):
    """Intervals in hundredths of a second, same shape as the real ones."""
    monkeypatch.setattr(waiting, "MIN_INTERVAL", 0.02)
    monkeypatch.setattr(waiting, "GROWTH", 0.1)
    monkeypatch.setattr(waiting, "MAX_INTERVAL", 0.2)
    monkeypatch.setattr(waiting, "SHARED_INTERVAL", 0.05)


def in_seconds(seconds: float) -> float:
    return time.monotonic() + seconds


def registered(board: waiting.Board, count: int) -> None:
    """Block until `count` waits are registered on `board`."""
    end = time.monotonic() + GUARD
    while True:
        with board._cond:
            if len(board._watches) >= count:
                return
        assert time.monotonic() < end, f"{count} waits never registered"
        time.sleep(0.005)


def test_interval_rule():
    assert waiting.interval(0.0) == waiting.MIN_INTERVAL
    ages = [0, 1, 5, 10, 30, 60, 90, 300, 3600]
    lone = [waiting.interval(age) for age in ages]
    assert lone == sorted(lone) and lone[-1] == waiting.MAX_INTERVAL, "a lone wait is looked at less as it ages"
    for age in ages:
        for waiting_endpoints in (1, 2, 4, 16, 64, 100):
            share = 1 / waiting_endpoints
            sweep = waiting.interval(age, share)
            assert sweep <= waiting.owed(age), "no wait goes longer than it is owed"
            assert share / sweep <= 1 / waiting.owed(age) + 1e-12, "no endpoint pays more than one call per interval"
    assert waiting.interval(60, 1 / 64) == waiting.SHARED_INTERVAL
    # 64 endpoints sharing one ListEndpoints page: calls per endpoint-hour, against 120 for a 30 s waiter each
    assert 3600 / (64 * waiting.interval(3600, 1 / 64)) * 5 <= 3600 / 30


def test_many_waits_share_one_list_sweep(quick):
    names = [f"ep-{i}" for i in range(50)]
    fake = FakeSageMaker({**{name: "Creating" for name in names}, "someone-elses": "InService"})
    board = waiting.Board(fake)

    def flip() -> None:
        while board.sweeps < 5:
            time.sleep(0.01)
        with fake.lock:
            fake.statuses.update({name: "InService" for name in names})

    fake.gate = threading.Event()  # no sweep answers before all 50 wait (else early ones may be done already)
    threading.Thread(target=flip, daemon=True).start()
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        waits = [pool.submit(board.wait, name, waiting.CREATE, in_seconds(GUARD)) for name in names]
        registered(board, len(names))
        fake.gate.set()
        seen = [w.result(GUARD) for w in waits]

    assert [s.status for s in seen] == ["InService"] * len(names)
    assert all(s.summary["EndpointArn"].endswith(s.summary["EndpointName"]) for s in seen), "the List entry serves"
    assert "EndpointConfigName" not in seen[0].summary, "no DescribeEndpoint after a sweep that listed it"
    assert fake.calls["ListEndpoints"] >= 5
    assert fake.calls["DescribeEndpoint"] <= 3, "only the first sweeps, with one or two waits, describe"
    assert fake.status_calls() <= board.sweeps + 1, "one call per sweep (the last may still be running)"
    assert fake.status_calls() < len(names), "fewer calls than one per waiting endpoint"


def test_a_wait_takes_no_answer_from_a_sweep_that_began_before_it(quick):
    fake = FakeSageMaker({"ep": "InService"})
    fake.gate = threading.Event()
    board = waiting.Board(fake)
    pool = ThreadPoolExecutor(max_workers=2)
    settled = pool.submit(board.wait, "ep", waiting.SETTLED, in_seconds(GUARD))
    assert fake.entered.wait(GUARD), "a sweep is describing 'ep' and has read InService"

    with fake.lock:
        fake.statuses["ep"] = "Updating"  # UpdateEndpoint is called after that look began
    statuses: list[str] = []
    update = pool.submit(board.wait, "ep", waiting.UPDATE, in_seconds(GUARD), lambda o: statuses.append(o.status))
    registered(board, 2)  # the update wait is registered while that sweep is still out
    fake.gate.set()  # the InService answer from before UpdateEndpoint arrives now
    while "Updating" not in statuses:
        assert not update.done(), f"the update wait returned on an answer from before it began: {statuses}"
        time.sleep(0.01)
    assert not update.done()
    with fake.lock:
        fake.statuses["ep"] = "InService"
    assert update.result(GUARD).status == "InService"
    assert statuses == ["Updating", "InService"]
    assert settled.result(GUARD).status == "InService"
    pool.shutdown()


def test_a_young_wait_is_looked_at_soon_while_an_old_one_waits(monkeypatch, quick):
    monkeypatch.setattr(waiting, "MAX_INTERVAL", 60.0)
    fake = FakeSageMaker({"old": "Creating", "young": "Creating"})
    board = waiting.Board(fake)
    pool = ThreadPoolExecutor(max_workers=1)
    old = pool.submit(board.wait, "old", waiting.CREATE, in_seconds(GUARD), None, time.monotonic() - 3600)
    while board.sweeps < 1:
        time.sleep(0.01)
    # the old wait's next sweep is a minute away; the young one still gets its answer well within it (30 s)
    with fake.lock:
        fake.statuses["young"] = "InService"
    assert board.wait("young", waiting.CREATE, in_seconds(30)).status == "InService"
    assert not old.done()
    with fake.lock:
        fake.statuses["old"] = "InService"
    assert board.wait("old", waiting.CREATE, in_seconds(30)).status == "InService"  # a young wait for it, too
    assert old.result(GUARD).status == "InService"
    pool.shutdown()


def test_deleted_endpoints_are_gone_from_the_list_without_describing_them(quick):
    names = [f"ep-{i}" for i in range(10)]
    fake = FakeSageMaker({name: "Deleting" for name in names})
    board = waiting.Board(fake)

    def remove() -> None:
        while board.sweeps < 3:
            time.sleep(0.01)
        with fake.lock:
            for name in names:
                fake.statuses.pop(name)

    fake.gate = threading.Event()  # no sweep answers before all 10 wait (else early ones may be done already)
    threading.Thread(target=remove, daemon=True).start()
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        waits = [pool.submit(board.wait, name, waiting.DELETE, in_seconds(GUARD)) for name in names]
        registered(board, len(names))
        fake.gate.set()
        seen = [w.result(GUARD) for w in waits]
    assert {s.status for s in seen} == {waiting.GONE}
    assert fake.calls["DescribeEndpoint"] <= 2, "only the first sweeps (one or two waits) describe"


def test_a_missing_endpoint_is_gone_and_a_deadline_is_a_timeout(quick, monkeypatch):
    fake = FakeSageMaker({"busy": "Updating"})
    board = waiting.Board(fake)
    assert board.wait("missing", waiting.SETTLED, in_seconds(GUARD)).status == waiting.GONE
    # The deadline passes once a sweep has seen the endpoint (the sweeper's clock jumps an hour past the look), so
    # the timeout names what it saw whatever the load; busy stays Updating, so the wait can only time out.
    looks = fake.calls["DescribeEndpoint"]
    clock = time.monotonic
    monkeypatch.setattr(waiting, "time", types.SimpleNamespace(
        monotonic=lambda: clock() + (3600 if fake.calls["DescribeEndpoint"] > looks else 0)))
    with pytest.raises(WaitTimeout, match="still Updating"):
        board.wait("busy", waiting.UPDATE, in_seconds(600))


def test_the_sweeper_stops_when_nobody_waits(quick):
    board = waiting.Board(FakeSageMaker({"ep": "InService"}))
    board.wait("ep", waiting.CREATE, in_seconds(GUARD))
    sweeper = board._sweeper
    if sweeper is not None:
        sweeper.join(GUARD)
        assert not sweeper.is_alive()


def test_one_client_and_one_board_per_account_and_region(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    aws.reset_clients()
    try:
        first = aws.target_for({"owner": "p/dev/a"}, {"aws:region": "us-east-1"})
        second = aws.target_for({"owner": "p/dev/b"}, {"aws:region": "us-east-1"})
        assert first != second, "targets name the resource (RoleSessionName)"
        assert aws.client("sagemaker", first) is aws.client("sagemaker", second)
        other_region = aws.target_for({"owner": "p/dev/a"}, {"aws:region": "eu-west-1"})
        assert aws.client("sagemaker", other_region) is not aws.client("sagemaker", first)
        assert waiting.board_for(aws.client("sagemaker", other_region)) is not waiting.board_for(
            aws.client("sagemaker", first))

        role = "arn:aws:iam::123456789012:role/deployer"
        role_a = aws.target_for({"owner": "p/dev/a", "roleArn": role}, {"aws:region": "us-east-1"})
        role_b = aws.target_for({"owner": "p/dev/b", "roleArn": role}, {"aws:region": "us-east-1"})
        client_a, client_b = aws.client("sagemaker", role_a), aws.client("sagemaker", role_b)
        assert client_a is not client_b, "an assumed role keeps each resource's session name"
        assert waiting.board_for(client_a) is waiting.board_for(client_b), "but they share one sweeper"
        assert len([key for key in aws._limiters if key[1][2] == role]) == 1, "and one adaptive rate limiter"
    finally:
        aws.reset_clients()


class Denied(Exception):
    def __init__(self) -> None:
        super().__init__("denied")
        self.response = {"Error": {"Code": "AccessDeniedException",
                                   "Message": "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: "
                                              "sagemaker:DescribeEndpoint"}}


class DeniedSageMaker(FakeSageMaker):
    def describe_endpoint(self, EndpointName: str) -> dict:  # noqa: N803 - boto3's spelling
        raise Denied()


def test_an_error_retrying_cannot_cure_ends_the_wait_at_once(quick):
    board = waiting.Board(DeniedSageMaker({"busy": "Updating"}))
    with pytest.raises(Denied):  # the denial itself, not a WaitTimeout at the 10-minute deadline
        board.wait("busy", waiting.UPDATE, in_seconds(600))

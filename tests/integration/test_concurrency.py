"""Many endpoints through ONE `python -m pulumi.dynamic` server: the provider lifts the SDK's 4-request ceiling, a
Check is not stuck behind long Creates, and one status sweep serves every waiting endpoint.

No wall-clock assertions: concurrency is read from the order of events (the emulator's request log against the
moments operations returned, creates held in the emulator until the test releases them), and cost from the
emulator's call counters."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor


from pulumi_sagemaker_endpoint.face.concurrency import MAX_WORKERS_ENV
from tests.harness import open_engine

from .support import CONFIG, GUARD, PROVIDER, TYPE, held, make_config, physical_name, props, wait_until

STATUS_CALLS = ("DescribeEndpoint", "ListEndpoints")


def configs(emulator, count: int) -> list[str]:
    sm = emulator.client("sagemaker")
    names = [f"cfg-{i}" for i in range(count)]
    for name in names:
        make_config(sm, name, instances=1)
    return names


def create_all(engine, names: list[str]) -> dict[str, tuple[float, object]]:
    """`pulumi up` of one Endpoint per config, all at once; logical name -> (epoch when up() returned, result)."""
    def one(i: int):
        result = engine.up(f"ep-{i}", props(f"ep-{i}", endpointConfigName=names[i]), PROVIDER, type_token=TYPE)
        return f"ep-{i}", (time.time(), result)

    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        return dict(pool.map(one, range(len(names))))


RETURN_SLACK = 0.05  # s: a server thread is free (and may start the next create) just before up() sees the answer


def most_in_flight(emulator, returned: dict[str, tuple[float, object]]) -> int:
    """The most endpoints ever between their CreateEndpoint (emulator's clock) and their up() returning."""
    created = {entry["endpoint"]: entry["t"] for entry in emulator.requests()
               if entry["operation"] == "CreateEndpoint" and not entry["error"]}
    events = []
    for at, result in returned.values():
        events += [(created[result.id], 1), (at - RETURN_SLACK, -1)]
    level = peak = 0
    for _, step in sorted(events):
        level += step
        peak = max(peak, level)
    return peak


def status_calls(emulator) -> int:
    """Status looks once endpoints exist (a new endpoint's check() first asks whether its name is free)."""
    log = emulator.requests()
    created = {entry["endpoint"]: entry["t"] for entry in log if entry["operation"] == "CreateEndpoint"}
    return sum(1 for entry in log if entry["operation"] in STATUS_CALLS
               and entry["t"] >= created.get(entry["endpoint"], float("-inf")))


def accepted_creates(emulator) -> int:
    return sum(1 for e in emulator.requests() if e["operation"] == "CreateEndpoint" and e["status"] == 200)


def hold_creates(emulator, count: int) -> list[str]:
    """Hold the endpoints of ep-0 .. ep-<count-1> in their create: none can finish until the test releases it."""
    endpoints = [physical_name(f"ep-{i}") for i in range(count)]
    for endpoint in endpoints:
        emulator.hold(endpoint, "create")
    return endpoints


def test_64_creates_proceed_at_once_through_one_server(emulator):
    names = configs(emulator, 64)
    endpoints = hold_creates(emulator, 64)
    with open_engine(CONFIG, env=emulator.env()) as engine, ThreadPoolExecutor(max_workers=1) as runner:
        emulator.reset_stats()
        pending = runner.submit(create_all, engine, names)
        wait_until(lambda: len(held(emulator)) == 64, "all 64 creates to be accepted")
        for endpoint in endpoints:  # released only once every create is under way
            emulator.release(endpoint, "create")
        returned = pending.result(timeout=GUARD)

    assert {result.op for _, result in returned.values()} == {"create"}
    assert {result.outputs["endpointStatus"] for _, result in returned.values()} == {"InService"}
    assert most_in_flight(emulator, returned) == 64, "every create was under way before the first one returned"
    calls = emulator.stats()["calls"]
    assert calls["CreateEndpoint"] == 64
    assert calls.get("ListEndpoints", 0) >= 1, "one ListEndpoints sweep serves many waiting endpoints"
    assert status_calls(emulator) < 64, "fewer status calls than one per endpoint"


def test_the_sdk_ceiling_of_4_is_what_the_knob_restores(emulator):
    """PULUMI_SAGEMAKER_ENDPOINT_MAX_WORKERS=4 leaves the SDK's ceiling in place: then at most 4 at once.

    Every create is held until the test releases it, one at a time: while four are held the server has no thread
    left, so the creates under way (accepted, not yet released) are counted when nothing can change them."""
    names = configs(emulator, 8)
    hold_creates(emulator, 8)
    in_flight = []
    with open_engine(CONFIG, env={**emulator.env(), MAX_WORKERS_ENV: "4"}) as engine, \
            ThreadPoolExecutor(max_workers=1) as runner:
        pending = runner.submit(create_all, engine, names)
        for released in range(8):
            standing = min(4, 8 - released)
            endpoints = wait_until(lambda: (lambda now: now if len(now) >= standing else None)(held(emulator)),
                                   f"{standing} creates to stand held")
            in_flight.append(accepted_creates(emulator) - released)
            emulator.release(endpoints[0], "create")
        returned = pending.result(timeout=GUARD)
    assert {result.op for _, result in returned.values()} == {"create"}
    assert max(in_flight) == 4, in_flight
    assert in_flight == [4, 4, 4, 4, 4, 3, 2, 1], "while four creates were held no fifth one started"


def test_a_check_is_not_stuck_behind_long_creates(emulator):
    """Six Creates hold six server threads for a while; a Check of another resource is answered meanwhile (under
    the SDK's ceiling of 4 it would wait for a Create to finish)."""
    names = configs(emulator, 6)
    endpoints = hold_creates(emulator, 6)  # the six Creates cannot finish until released
    sm = emulator.client("sagemaker")
    with open_engine(CONFIG, env=emulator.env()) as engine, ThreadPoolExecutor(max_workers=6) as pool:
        creates = [pool.submit(engine.up, f"ep-{i}", props(f"ep-{i}", endpointConfigName=names[i]), PROVIDER,
                               type_token=TYPE) for i in range(6)]
        wait_until(lambda: len(held(emulator)) == 6, "the six creates to start")

        planned = engine.preview("other", props("other", endpointConfigName=names[0]), PROVIDER, type_token=TYPE)

        assert planned.op == "create"
        assert not any(create.done() for create in creates), "the Check was answered while every Create ran"
        statuses = {e["EndpointStatus"] for e in sm.list_endpoints(MaxResults=100)["Endpoints"]}
        assert statuses == {"Creating"}
        for endpoint in endpoints:
            emulator.release(endpoint, "create")
        assert {create.result(timeout=GUARD).op for create in creates} == {"create"}

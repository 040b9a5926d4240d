"""Fault scenarios on the SageMaker emulator, shared by the tests in this folder and `python -m tests.faults.report`.

- `transient(fault)`: the provider's whole lifecycle, two endpoints at once (create; blue/green update watched by a
  CloudWatch alarm; tags changed in place; refresh; destroy), with one emulator fault at a meaningful rate.
- `interrupted(kind, rerun)`: a create, update or delete whose `python -m pulumi.dynamic` server is SIGKILLed right
  after SageMaker accepted the call: the emulator holds the endpoint in the operation's phase (Creating/Updating/
  Deleting), the test waits until it stands there and kills the server. A fresh server seeded with the state as the
  killed run left it (`engine.snapshot()`, as a re-run of `pulumi up` would) runs the same step again, while SageMaker
  is still at it (`in-progress`: still held while the rerun starts and looks at the endpoint, released then) or after
  it finished (`settled`: released, and the rerun starts once the endpoint has settled). No step depends on timing.

Each scenario runs on an emulator process of its own (a new one, or one of an `EmulatorPool`, reset for it) and
returns an `Outcome`: whether it ended as asked, the state it ended with (normalised: timestamps dropped), the
endpoints in the emulator that no state knows (orphans), and, from the emulator's request log, the requests
answered with a fault (each one retried) against the requests that succeeded.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator, Mapping

from botocore.config import Config

from sagemaker_emulator import FAST, Emulator
from tests.harness import STARTUP_TIMEOUT, Engine, ProviderError, ProviderServer
from tests.integration import support
from tests.integration.support import CONFIG, GUARD, PROVIDER, TYPE, make_config, physical_name, props, up

RESOURCES = ("inference", "batch")  # two endpoints at once: status waits share one ListEndpoints sweep
ALARM = "ep-5xx"
TAGS = {"team": "ml", "cost-center": "42"}
RETAGGED = {"team": "ml", "tier": "gold"}
DEPLOYMENT = {  # pulumi_aws-style snake_case, as a program writes it
    "blue_green_update_policy": {
        "traffic_routing_configuration": {"type": "CANARY", "wait_interval_in_seconds": 300,
                                          "canary_size": {"type": "INSTANCE_COUNT", "value": 1}},
        "termination_wait_in_seconds": 0, "maximum_execution_timeout_in_seconds": 3600},
    "auto_rollback_configuration": {"alarms": [{"alarm_name": ALARM}]},
}

# fault -> emulator settings at a meaningful rate (every run meets it many times)
TRANSIENT: dict[str, dict[str, Any]] = {
    "none": {},
    "throttle_rate": {"throttle_rate": 0.2},
    "throttle_rps": {"throttle_rps": 2.0},
    "error_rate": {"error_rate": 0.2},
    "reset_rate": {"reset_rate": 0.15},
    "consistency_uses": {"consistency_uses": 2},  # both endpoints' first use of each new config misses it
}
REQUEST_FAULTS = {"throttle_rate": 0.0, "throttle_rps": None, "error_rate": 0.0, "reset_rate": 0.0}
RETRIED_ERRORS = {"ThrottlingException", "InternalFailure", "ServiceUnavailable", "ConnectionReset"}
TIMESTAMPS = ("creationTime", "endpointConfigCreationTime", "lastModifiedTime")

KINDS = ("create", "update", "delete")
RERUNS = ("in-progress", "settled")
OPERATION = {"create": "CreateEndpoint", "update": "UpdateEndpoint", "delete": "DeleteEndpoint"}
IN_PROGRESS = {"create": "Creating", "update": "Updating", "delete": "Deleting"}
# The phase each operation is held in when its server is killed (an update's first: provisioning the new fleet).
PHASE = {"create": "create", "update": "provision", "delete": "delete"}
SETTLED = {"create": "InService", "update": "InService", "delete": "Gone"}
DEADLINE = GUARD  # s: the longest any wait in a scenario may take before it is a failure (a guard, not a window)


@dataclasses.dataclass
class Outcome:
    scenario: str
    ok: bool = False
    error: str | None = None
    state: dict[str, Any] = dataclasses.field(default_factory=dict)  # logical name -> {id, inputs, outputs}
    orphans: list[str] = dataclasses.field(default_factory=list)
    left_over: list[str] = dataclasses.field(default_factory=list)  # endpoints in the emulator after the last step
    faulted: int = 0  # requests answered with a retryable fault (throttling, 5xx, reset, not-yet-visible config)
    succeeded: int = 0  # requests answered 2xx
    calls: dict[str, int] = dataclasses.field(default_factory=dict)  # operation -> requests answered 2xx
    faulted_calls: dict[str, int] = dataclasses.field(default_factory=dict)  # operation -> requests faulted
    notes: dict[str, Any] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0


# ---- plumbing -----------------------------------------------------------------------------------------------

# support.wait_until (poll `condition` until truthy; AssertionError naming `what` at the deadline), less often.
wait_until = functools.partial(support.wait_until, guard=DEADLINE, interval=0.05)


def sturdy_client(emulator: Emulator, service: str = "sagemaker") -> Any:
    """The test's own client: retries whatever the emulator injects, so set-up and checks never flake."""
    return emulator.client(service, config=Config(retries={"mode": "standard", "max_attempts": 20}))


QUIET: dict[str, list[tuple[float, float]]] = {}  # emulator URL -> windows in which the test itself made requests


@contextlib.contextmanager
def quiet(emulator: Emulator) -> Iterator[None]:
    """No request faults while the test itself sets up or looks (state faults such as consistency stay); its
    requests are left out of the tally."""
    settings = emulator.config()
    emulator.configure(**REQUEST_FAULTS)
    started = time.time()
    try:
        yield
    finally:
        QUIET.setdefault(emulator.url, []).append((started, time.time()))
        emulator.configure(**{key: settings[key] for key in REQUEST_FAULTS})


class Stack:
    """One `pulumi up` process: an Engine on its own `python -m pulumi.dynamic` server, pointed at the emulator (or
    on `server`, a running one that the Stack does not stop)."""

    def __init__(self, emulator: Emulator, state: Mapping[str, Any] | None = None,
                 config: Mapping[str, Any] = CONFIG, server: ProviderServer | None = None, **env: str) -> None:
        self.owned = server is None
        self.server = ProviderServer({**emulator.env(), **env}).start() if server is None else server
        self.engine = Engine(self.server, config, state=state)

    def up(self, resource: str, **inputs: Any) -> Any:
        return up(self.engine, resource, **inputs)

    def preview(self, resource: str, **inputs: Any) -> Any:
        return self.engine.preview(resource, props(resource, **inputs), PROVIDER, type_token=TYPE)

    def each(self, step: Callable[[str], Any], resources: tuple[str, ...] = RESOURCES) -> list[Any]:
        """Run `step(resource)` for every resource at once, as the engine runs independent resources."""
        results: dict[str, Any] = {}

        def run(resource: str) -> None:
            try:
                results[resource] = step(resource)
            except BaseException as error:  # noqa: BLE001 - re-raised below, in this thread
                results[resource] = error

        threads = [threading.Thread(target=run, args=(r,)) for r in resources]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for value in results.values():
            if isinstance(value, BaseException):
                raise value
        return [results[r] for r in resources]

    def close(self) -> None:
        if self.owned:
            self.server.__exit__(None, None, None)


def together(emulator: Emulator, phase: str, run: Callable[[], Any], resources: tuple[str, ...] = RESOURCES) -> Any:
    """`run()` (one step of every resource at once) with each resource's endpoint held in `phase` until all of them
    stand there and a ListEndpoints sweep has answered: the waits of both endpoints then share a sweep, whatever
    the load (without the hold one endpoint may be done before the other starts waiting)."""
    names = [physical_name(resource) for resource in resources]
    for name in names:
        emulator.hold(name, phase)
    with ThreadPoolExecutor(max_workers=1) as runner:
        pending = runner.submit(run)
        try:
            wait_until(lambda: pending.done() or all(
                emulator.holds().get(name.lower(), {}).get("reached") for name in names), f"{names} to be held")
            since = time.time()
            wait_until(lambda: pending.done() or any(e["operation"] == "ListEndpoints" and e["status"] == 200
                                                     for e in emulator.requests(since)),
                       "one ListEndpoints sweep to serve every wait")
        finally:
            for name in names:
                emulator.unhold(name)
        return pending.result(timeout=DEADLINE)


def normalised(engine: Engine) -> dict[str, Any]:
    """The state without what differs between two equal runs: timestamps (and the serialized provider)."""
    def strip(props: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in TIMESTAMPS and k != "__provider"}

    return {state.name: {"id": state.id, "inputs": strip(state.inputs), "outputs": strip(state.outputs)}
            for state in engine.snapshot().values()}


def live_endpoints(emulator: Emulator) -> list[str]:
    with quiet(emulator):
        pages = sturdy_client(emulator).get_paginator("list_endpoints").paginate()
        return sorted(e["EndpointName"] for page in pages for e in page["Endpoints"])


def orphans(emulator: Emulator, engine: Engine) -> list[str]:
    """Endpoints in the emulator that the state does not know."""
    known = {state.id.lower() for state in engine.snapshot().values()}
    return [name for name in live_endpoints(emulator) if name.lower() not in known]


def tally(emulator: Emulator, outcome: Outcome) -> None:
    """Faulted (retried) against successful requests of the provider, from the emulator's request log."""
    windows = QUIET.get(emulator.url, [])
    log = [entry for entry in emulator.requests() if entry["service"] == "sagemaker"
           and not any(start <= entry["t"] <= end for start, end in windows)]
    faulted = [e for e in log if e["error"] in RETRIED_ERRORS or (e["status"] or 0) >= 500
               or (e["error"] == "ValidationException"  # the new EndpointConfig not visible yet
                   and e["operation"] in ("CreateEndpoint", "UpdateEndpoint"))]
    outcome.faulted = len(faulted)
    for entry in faulted:
        outcome.faulted_calls[entry["operation"]] = outcome.faulted_calls.get(entry["operation"], 0) + 1
    ok = [e for e in log if 200 <= (e["status"] or 0) < 300]
    outcome.succeeded = len(ok)
    for entry in ok:
        outcome.calls[entry["operation"]] = outcome.calls.get(entry["operation"], 0) + 1


def set_up(emulator: Emulator, *configs: str) -> None:
    """EndpointConfigs cfg-vN (2 instances of model-vN), created now: with consistency_uses their first uses miss."""
    with quiet(emulator):
        sm = sturdy_client(emulator)
        for name in configs:
            make_config(sm, name, instances=2, model=f"model-{name.rsplit('-', 1)[-1]}")


def set_up_alarm(emulator: Emulator) -> None:
    cloudwatch = sturdy_client(emulator, "cloudwatch")
    cloudwatch.put_metric_alarm(AlarmName=ALARM, MetricName="Invocation5XXErrors", Namespace="AWS/SageMaker",
                                Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1.0,
                                ComparisonOperator="GreaterThanThreshold")
    cloudwatch.set_alarm_state(AlarmName=ALARM, StateValue="OK", StateReason="quiet")


@contextlib.contextmanager
def recorded(outcome: Outcome) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
        outcome.ok = True
    except BaseException as error:  # noqa: BLE001 - the outcome carries it; tests assert on it
        details = error.details if isinstance(error, ProviderError) else "".join(
            traceback.format_exception_only(type(error), error))
        outcome.error = details.strip().splitlines()[-1] if details.strip() else repr(error)
    finally:
        outcome.seconds = time.monotonic() - started


# ---- transient faults -----------------------------------------------------------------------------------------

def lifecycle(emulator: Emulator, stack: Stack, outcome: Outcome) -> None:
    """create -> update (alarm-watched canary) -> tags in place -> refresh -> state -> destroy, both endpoints."""
    steps = outcome.notes.setdefault("step seconds", {})

    def step(label: str, run: Callable[[str], Any]) -> None:
        started = time.monotonic()
        stack.each(run)
        steps[label] = round(time.monotonic() - started, 1)

    step("preview", lambda r: stack.preview(r, endpointConfigName="cfg-v1", tags=TAGS))  # as `pulumi up` does
    set_up(emulator, "cfg-v1")
    together(emulator, "create", lambda: step("create", lambda r: stack.up(r, endpointConfigName="cfg-v1", tags=TAGS)))
    set_up(emulator, "cfg-v2")
    step("update", lambda r: stack.up(r, endpointConfigName="cfg-v2", deploymentConfig=DEPLOYMENT, tags=TAGS))
    step("tags", lambda r: stack.up(r, endpointConfigName="cfg-v2", deploymentConfig=DEPLOYMENT, tags=RETAGGED))
    step("refresh", lambda r: stack.engine.refresh(r))
    outcome.state = normalised(stack.engine)
    outcome.orphans = orphans(emulator, stack.engine)
    step("destroy", lambda r: stack.engine.destroy(r))
    outcome.left_over = live_endpoints(emulator)


class EmulatorPool:
    """Emulator processes shared by scenarios one after another: a scenario leases one, reset to its start-up state
    (moto state, holds, request log, counters, FAST settings), and gives it back. Starting an emulator costs seconds
    of CPU; a reset, milliseconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[Emulator] = []
        self._started: list[Emulator] = []

    @contextlib.contextmanager
    def lease(self) -> Iterator[Emulator]:
        with self._lock:
            emulator = self._idle.pop() if self._idle else None
        if emulator is None or not emulator.running:
            emulator = fresh_emulator()
            with self._lock:
                self._started.append(emulator)
        emulator.reset()
        QUIET.pop(emulator.url, None)
        try:
            yield emulator
        finally:
            with self._lock:
                self._idle.append(emulator)

    def close(self) -> None:
        for emulator in self._started:
            emulator.stop()


def fresh_emulator() -> Emulator:
    return Emulator(**FAST, startup_timeout=STARTUP_TIMEOUT).start()


def leased(pool: EmulatorPool | None) -> contextlib.AbstractContextManager[Emulator]:
    """An emulator of `pool`, or a new one (stopped afterwards) without a pool."""
    return pool.lease() if pool is not None else fresh_emulator()


def transient(fault: str, seed: int = 1, emulator: Emulator | None = None, pool: EmulatorPool | None = None) -> Outcome:
    """The whole lifecycle with `fault` injected at its TRANSIENT setting (on a new or pooled emulator unless given
    one)."""
    outcome = Outcome(fault)
    with contextlib.ExitStack() as stack_of:
        if emulator is None:  # faults are switched on after start-up (the emulator's warm-up is not fault-proof)
            emulator = stack_of.enter_context(leased(pool))
        emulator.configure(**{**FAST, **TRANSIENT[fault], "seed": seed})
        set_up_alarm(emulator)
        stack = Stack(emulator)
        stack_of.callback(stack.close)
        with recorded(outcome):
            lifecycle(emulator, stack, outcome)
        tally(emulator, outcome)
        outcome.notes["faults"] = emulator.stats()["faults"]
    return outcome


# ---- interrupted operations ------------------------------------------------------------------------------------

def status_of(emulator: Emulator, name: str) -> str:
    with quiet(emulator):
        sm = sturdy_client(emulator)
        try:
            return sm.describe_endpoint(EndpointName=name)["EndpointStatus"]
        except sm.exceptions.ClientError:
            return "Gone"


def looked_at(emulator: Emulator, name: str, since: float) -> bool:
    """Whether a provider described `name` after `since` (epoch seconds): every create, update and delete looks at
    the endpoint (DescribeEndpoint) before it decides to wait for what SageMaker is doing."""
    return any(e["operation"] == "DescribeEndpoint" and e["endpoint"] == name for e in emulator.requests(since))


def interrupted(kind: str, rerun: str, kill: bool = True, pool: EmulatorPool | None = None) -> Outcome:
    """`kind` killed mid-way (kill=False: the same steps uninterrupted, the reference), then run again."""
    outcome = Outcome(f"kill during {kind}, rerun {rerun}" if kill else f"reference for {kind}")
    resource = "inference"
    name = physical_name(resource)
    steps = {
        "create": lambda s: s.up(resource, endpointConfigName="cfg-v1", tags=TAGS),
        "update": lambda s: s.up(resource, endpointConfigName="cfg-v2", deploymentConfig=DEPLOYMENT, tags=TAGS),
        "delete": lambda s: s.engine.destroy(resource),
    }
    with leased(pool) as emulator, contextlib.ExitStack() as cleanup:
        set_up(emulator, "cfg-v1", "cfg-v2")
        set_up_alarm(emulator)
        first = Stack(emulator)
        cleanup.callback(first.close)
        with recorded(outcome):
            if kind != "create":
                steps["create"](first)
            if kill:
                phase = PHASE[kind]
                emulator.hold(name, phase)
                died: list[BaseException] = []
                worker = threading.Thread(target=lambda: expect_death(steps[kind], first, died))
                worker.start()
                # SageMaker accepted the call and the endpoint stands in the operation's phase until released
                assert emulator.wait_held(name, timeout=DEADLINE) == phase
                first.server.kill()
                worker.join(DEADLINE)
                outcome.notes["status when killed"] = status_of(emulator, name)
                outcome.notes["killed run"] = type(died[0]).__name__ if died else "returned"
                if rerun == "settled":
                    emulator.release(name, phase)
                    wait_until(lambda: status_of(emulator, name) == SETTLED[kind], f"{name} to settle", interval=0.1)
                outcome.notes["status at rerun"] = status_of(emulator, name)
                final = Stack(emulator, state=first.engine.snapshot())
                cleanup.callback(final.close)
                if rerun == "in-progress":
                    since = time.time()
                    with ThreadPoolExecutor(max_workers=1) as runner:
                        rerunning = runner.submit(steps[kind], final)
                        # the rerun finds the endpoint still in its phase, then waits for SageMaker to finish it
                        wait_until(lambda: looked_at(emulator, name, since) or rerunning.done(),
                                   f"the rerun to look at {name}")
                        emulator.release(name, phase)
                        rerunning.result(timeout=DEADLINE)
                else:
                    steps[kind](final)
            else:
                final = first
                steps[kind](final)
            outcome.state = normalised(final.engine)
            outcome.orphans = orphans(emulator, final.engine)
            if kind != "delete":
                final.engine.destroy(resource)
            outcome.left_over = live_endpoints(emulator)
        tally(emulator, outcome)
    return outcome


def expect_death(step: Callable[[Stack], Any], stack: Stack, died: list[BaseException]) -> None:
    """`step(stack)` on a server the caller kills under it: whatever it raised is appended to `died`."""
    try:
        step(stack)
    except BaseException as error:  # noqa: BLE001 - the server was killed under it: that is the point
        died.append(error)


# ---- running many at once --------------------------------------------------------------------------------------

def run_all(jobs: Mapping[Any, Callable[[], Outcome]], parallel: int | None = None) -> dict[Any, Outcome]:
    """Each scenario owns its emulator and server processes, so they run side by side (they mostly wait);
    `parallel` caps how many at once (default: all)."""
    results: dict[Any, Outcome] = {}
    slots = threading.Semaphore(parallel or len(jobs) or 1)

    def run(key: Any, job: Callable[[], Outcome]) -> None:
        with slots:
            try:
                results[key] = job()
            except BaseException as error:  # noqa: BLE001
                results[key] = Outcome(str(key), error="".join(traceback.format_exception(error)))

    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results

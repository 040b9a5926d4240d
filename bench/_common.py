"""Shared set-up of the benchmarks: an emulator, EndpointConfigs in it, the engine stand-in on the SDK's dynamic
provider server (`python -m pulumi.dynamic`), and N endpoints created through it at once."""
from __future__ import annotations

import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "provider"), str(ROOT)]

from engine_standin import open_engine  # noqa: E402
from pulumi_sagemaker_endpoint.aws import waiting  # noqa: E402,F401 - the benchmarks read its rule
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider  # noqa: E402
from pulumi_sagemaker_endpoint.core.owner import owner, urn  # noqa: E402
from pulumi_sagemaker_endpoint.face.resource import DEFAULT_ORGANIZATION, TYPE_TOKEN, endpoint_props  # noqa: E402
from sagemaker_emulator import Emulator  # noqa: E402

TYPE = "pulumi-python:dynamic/sagemaker:Endpoint"
PROVIDER = EndpointProvider()
CONFIG = {"aws:region": "us-east-1"}
MAX_WORKERS_ENV = "PULUMI_SAGEMAKER_ENDPOINT_MAX_WORKERS"
STATUS_CALLS = ("DescribeEndpoint", "ListEndpoints")


def emulator(**settings: Any) -> Emulator:
    """An unstarted emulator: SageMaker timings as given, DeploymentConfig durations real time."""
    return Emulator(**{"update_seconds": 1.0, "delete_seconds": 1.0, "rollback_seconds": 1.0,
                       "consistency_seconds": 0.0, "time_scale": 1.0, **settings})


def make_configs(emu: Emulator, count: int, prefix: str = "cfg") -> list[str]:
    sm = emu.client("sagemaker")
    try:
        sm.create_model(ModelName="bench-model", ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
                        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:latest"})
    except sm.exceptions.ClientError:
        pass
    names = []
    for i in range(count):
        name = f"{prefix}-{i}"
        sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[{
            "VariantName": "primary", "ModelName": "bench-model", "InitialInstanceCount": 1,
            "InstanceType": "ml.m5.large", "InitialVariantWeight": 1.0}])
        names.append(name)
    return names


def props(resource: str, config: str, stack: str = "bench") -> dict:
    """What `Endpoint(resource, endpoint_config_name=config)` registers in a program of project "bench"."""
    owner_ = owner(DEFAULT_ORGANIZATION, urn(stack, "bench", TYPE_TOKEN, resource))
    return {k: v for k, v in endpoint_props(owner_, endpointConfigName=config).items() if v is not None}


@contextmanager
def engine_on(emu: Emulator, max_workers: int | None = None, **env: str) -> Iterator[Any]:
    """The engine stand-in on a fresh `python -m pulumi.dynamic` server pointed at the emulator."""
    variables = {**emu.env(), **env}
    if max_workers is not None:
        variables[MAX_WORKERS_ENV] = str(max_workers)
    with open_engine(CONFIG, env=variables, project="bench", stack="bench", cwd=ROOT) as engine:
        yield engine


@dataclass
class Run:
    wall: float  # seconds from the first up() to the last one returning
    returned: dict[str, float] = field(default_factory=dict)  # endpoint name -> epoch seconds its up() returned
    failures: list[str] = field(default_factory=list)
    outputs: dict[str, dict] = field(default_factory=dict)


def create_concurrently(engine: Any, configs: list[str], prefix: str = "ep", stagger: float = 0.0) -> Run:
    """`pulumi up` of a program with one Endpoint per config, all created at once (as the engine does); with
    `stagger` seconds, the i-th starts i/N of it later (resources of a stack become ready at different times)."""
    def one(i: int) -> tuple[str, Any]:
        time.sleep(stagger * i / len(configs))
        try:
            result = engine.up(f"{prefix}-{i}", props(f"{prefix}-{i}", configs[i]), PROVIDER, type_token=TYPE)
            return f"{prefix}-{i}", (time.time(), result)
        except Exception as error:  # noqa: BLE001 - counted as a failure
            return f"{prefix}-{i}", error

    run = Run(0.0)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(configs)) as pool:
        for logical, outcome in pool.map(one, range(len(configs))):
            if isinstance(outcome, Exception):
                run.failures.append(f"{logical}: {str(outcome).splitlines()[0][:300]}")
            else:
                returned, result = outcome
                run.returned[result.id] = returned
                run.outputs[result.id] = result.outputs
    run.wall = time.monotonic() - start
    return run


def transition_times(emu: Emulator, names: list[str]) -> dict[str, tuple[float, float]]:
    """Per endpoint (CreationTime, LastModifiedTime) in epoch seconds: when it was created and when it reached its
    current status, by the emulator's own clock. Read after the stats (these calls are not counted)."""
    sm = emu.client("sagemaker")

    def epoch(value: Any) -> float:
        return value.replace(tzinfo=value.tzinfo or timezone.utc).timestamp()

    times = {}
    for name in names:
        described = sm.describe_endpoint(EndpointName=name)
        times[name] = (epoch(described["CreationTime"]), epoch(described["LastModifiedTime"]))
    return times


def status_calls(stats: dict) -> int:
    return sum(stats["calls"].get(op, 0) for op in STATUS_CALLS)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(headers: list[str], rows: list[list[Any]], title: str = "") -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [title] if title else []
    lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        lines.append("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                       for i, (c, w) in enumerate(zip(row, widths))) + " |")
    return "\n".join(lines)

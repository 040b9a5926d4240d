"""Point 6 and the serving contract: CLI, Python API, control routes, request log, concurrency."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.request
from typing import Any

import boto3
import pytest

from sagemaker_emulator import FAST, Emulator, EmulatorError
from sagemaker_emulator.__main__ import main
from tests.harness import STARTUP_TIMEOUT

from .conftest import NO_RETRIES, Hosting, error_of


def test_cli_prints_its_url_serves_boto3_and_stops_on_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "sagemaker_emulator", "--port", "0",
            "--create-seconds", "0.2", "--update-seconds", "0.3", "--delete-seconds", "0.1",
            "--consistency-seconds", "0", "--time-scale", "0.01",
            "--fail-create", "bad=Out of capacity.", "--deny-action", "sagemaker:DeleteEndpoint",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/_emulator/config", timeout=STARTUP_TIMEOUT) as response:
            config = json.loads(response.read())
        assert config["create_seconds"] == 0.2 and config["time_scale"] == 0.01
        assert config["fail_create"] == {"bad": "Out of capacity."}
        assert config["deny_actions"] == ["sagemaker:DeleteEndpoint"]

        # Plain boto3, pointed at the emulator only through the standard variable.
        monkeypatch.setenv("AWS_ENDPOINT_URL_SAGEMAKER", url)
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        monkeypatch.delenv("AWS_PROFILE", raising=False)
        sm = boto3.session.Session(region_name="us-east-1").client("sagemaker")
        assert sm.list_endpoints()["Endpoints"] == []
        assert error_of(lambda: sm.delete_endpoint(EndpointName="x"))["Code"] == "AccessDeniedException"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=STARTUP_TIMEOUT) == 0


def test_main_rejects_bad_settings_without_serving(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", "0", "--throttle-rate", "2"]) == 2
    assert "throttle_rate must be between 0 and 1" in capsys.readouterr().err


def test_python_api_and_isolated_processes(emulator_factory: Any, emulator: Emulator) -> None:
    first = emulator_factory(create_seconds=0.05)
    second = emulator  # the session's: another process, started with the fast settings (and reset for this test)
    assert first.url != second.url and first.running and second.running
    assert first.config()["create_seconds"] == 0.05 and second.config()["create_seconds"] == FAST["create_seconds"]
    env = first.env()
    assert env["AWS_ENDPOINT_URL"] == first.url and env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert env["AWS_ACCESS_KEY_ID"] and env["AWS_SECRET_ACCESS_KEY"]

    Hosting(first).endpoint("only-in-first", count=1)
    assert [e["EndpointName"] for e in first.client("sagemaker").list_endpoints()["Endpoints"]] == ["only-in-first"]
    assert second.client("sagemaker").list_endpoints()["Endpoints"] == []

    first.stop()
    assert not first.running


def test_context_manager_stops_the_process() -> None:
    with Emulator(**FAST, startup_timeout=STARTUP_TIMEOUT) as emulator:
        pid = emulator.pid
        assert emulator.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
    assert not emulator.running
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_request_log_and_counters(hosting: Hosting) -> None:
    emulator = hosting.emulator
    hosting.config("count-cfg", count=1)
    hosting.sm.create_endpoint(EndpointName="counted", EndpointConfigName="count-cfg")
    for _ in range(3):
        hosting.sm.describe_endpoint(EndpointName="counted")
    error_of(lambda: hosting.sm.describe_endpoint(EndpointName="missing"))
    hosting.alarm("counted-alarm")
    emulator.config()  # control routes are not API calls

    stats = emulator.stats()
    assert stats["calls"] == {
        "CreateModel": 1,
        "CreateEndpointConfig": 1,
        "CreateEndpoint": 1,
        "DescribeEndpoint": 4,
        "PutMetricAlarm": 1,
    }
    assert stats["total"] == 8 and stats["errors"] == {"ValidationException": 1}

    log = emulator.requests()
    assert [r["operation"] for r in log][-3:] == ["DescribeEndpoint", "DescribeEndpoint", "PutMetricAlarm"]
    failed = [r for r in log if r["error"]]
    assert failed == [
        {**failed[0], "operation": "DescribeEndpoint", "endpoint": "missing", "status": 400, "error": "ValidationException"}
    ]
    assert {r["service"] for r in log} == {"sagemaker", "cloudwatch"}
    assert all(r["endpoint"] == "counted" for r in log if r["operation"] in ("CreateEndpoint",))
    assert emulator.requests(since=log[-1]["t"]) == [log[-1]]

    emulator.reset_stats()
    assert emulator.stats()["total"] == 0 and emulator.requests() == []
    assert hosting.status("counted") in ("Creating", "InService")  # state survives a stats reset


def test_reset_forgets_state_and_runtime_settings(hosting: Hosting) -> None:
    emulator = hosting.emulator
    hosting.endpoint("temporary", count=1)
    hosting.alarm("temporary-alarm")
    emulator.configure(throttle_rate=0.25, create_seconds=9)
    emulator.reset()
    assert emulator.config()["throttle_rate"] == 0.0
    assert emulator.config()["create_seconds"] == FAST["create_seconds"]
    assert hosting.sm.list_endpoints()["Endpoints"] == []
    assert hosting.cw.describe_alarms()["MetricAlarms"] == []
    assert emulator.stats()["total"] == 2


def test_unknown_or_bad_settings_are_rejected(emulator: Emulator) -> None:
    with pytest.raises(EmulatorError, match="unknown emulator setting 'throttle'"):
        emulator.configure(throttle=1)
    with pytest.raises(EmulatorError, match="error_rate must be between 0 and 1"):
        emulator.configure(error_rate=-1)
    with pytest.raises(ValueError, match="unknown emulator setting 'create_secs'"):
        Emulator(create_secs=1)


def test_sixty_four_clients_poll_at_once(hosting: Hosting, emulator: Emulator) -> None:
    hosting.endpoint("busy-endpoint", count=1)
    emulator.reset_stats()
    clients = [emulator.client("sagemaker", config=NO_RETRIES) for _ in range(64)]
    results: list[str] = []
    failures: list[BaseException] = []
    barrier = threading.Barrier(64)

    def poll(client: Any) -> None:
        try:
            barrier.wait(timeout=STARTUP_TIMEOUT)
            for _ in range(3):
                results.append(client.describe_endpoint(EndpointName="busy-endpoint")["EndpointStatus"])
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=poll, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=STARTUP_TIMEOUT)
    assert not failures
    assert results == ["InService"] * 192
    assert emulator.stats()["calls"] == {"DescribeEndpoint": 192}


def test_hold_control_routes(hosting: Hosting, emulator: Emulator) -> None:
    with pytest.raises(EmulatorError, match="hold needs phases among create, provision"):
        emulator.hold("x", "baking")
    assert emulator.hold("Later", "create", "delete") == {"later": {"pending": ["create", "delete"], "reached": None}}
    hosting.sm.create_endpoint(EndpointName="Later", EndpointConfigName=hosting.config("later-cfg", count=1))
    assert emulator.wait_held("later") == "create"
    assert emulator.holds()["later"] == {"pending": ["delete"], "reached": "create"}
    assert emulator.release("Later", "delete")["later"]["reached"] == "create"  # not held there: no-op
    assert emulator.unhold("Later") == {}
    hosting.wait_status("Later", "InService")
    with pytest.raises(EmulatorError, match="no endpoint 'ghost'"):
        emulator.autoscale("ghost", "AllTraffic", 2)
    assert set(emulator.stats()["calls"]) == {"CreateModel", "CreateEndpointConfig", "CreateEndpoint",
                                              "DescribeEndpoint"}  # control routes are not API calls

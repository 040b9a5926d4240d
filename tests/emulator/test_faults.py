"""Point 5: fault injection, per emulator, at start and at run time."""

from __future__ import annotations

import time
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError

from sagemaker_emulator import Emulator

from .conftest import Hosting, error_of

ARN = "arn:aws:sagemaker:us-east-1:123456789012"


def outcomes(call: Any, times: int) -> list[str]:
    result = []
    for _ in range(times):
        try:
            call()
            result.append("ok")
        except ClientError as error:
            result.append(error.response["Error"]["Code"])
    return result


def test_new_endpoint_config_is_not_yet_visible_to_create_endpoint(hosting: Hosting) -> None:
    hosting.emulator.configure(consistency_uses=2)
    hosting.config("fresh")
    # DescribeEndpointConfig reads consistently; CreateEndpoint does not, for its first two uses of the config.
    assert hosting.sm.describe_endpoint_config(EndpointConfigName="fresh")["EndpointConfigName"] == "fresh"
    error = error_of(lambda: hosting.sm.create_endpoint(EndpointName="eager", EndpointConfigName="fresh"))
    assert error["Code"] == "ValidationException"
    assert error["Message"] == f'Could not find endpoint configuration "{ARN}:endpoint-config/fresh".'

    def create() -> None:
        hosting.sm.create_endpoint(EndpointName="eager", EndpointConfigName="fresh")

    assert outcomes(create, 2) == ["ValidationException", "ok"]
    assert hosting.emulator.stats()["faults"]["consistency"] == 2
    hosting.config("other")  # each new config is hidden for its own first uses
    assert outcomes(lambda: hosting.sm.create_endpoint(EndpointName="later", EndpointConfigName="other"), 3) == [
        "ValidationException", "ValidationException", "ok"
    ]


def test_update_endpoint_sees_new_configs_late_too(hosting: Hosting) -> None:
    hosting.endpoint("late", count=1)
    hosting.emulator.configure(consistency_uses=1)
    hosting.config("late-v2", count=1)
    error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="late", EndpointConfigName="late-v2"))
    assert error["Message"] == f'Could not find endpoint configuration "{ARN}:endpoint-config/late-v2".'
    hosting.sm.update_endpoint(EndpointName="late", EndpointConfigName="late-v2")  # the second use sees it


def test_the_wall_clock_consistency_knob_hides_a_new_config_for_its_seconds(hosting: Hosting) -> None:
    hosting.endpoint("later", count=1)
    hosting.emulator.configure(consistency_seconds=3600)  # met at once, whatever the load: no run lasts an hour
    hosting.config("later-v2", count=1)
    for _ in range(3):  # not a count of uses: every use within the hour misses it
        error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="later", EndpointConfigName="later-v2"))
        assert error["Message"] == f'Could not find endpoint configuration "{ARN}:endpoint-config/later-v2".'


def test_throttling_by_rate(hosting: Hosting) -> None:
    hosting.emulator.configure(throttle_rate=1.0)
    error = error_of(lambda: hosting.sm.list_endpoints())
    assert (error["Code"], error["Message"], error["HTTPStatusCode"]) == ("ThrottlingException", "Rate exceeded", 400)
    # CloudWatch is never faulted.
    assert hosting.cw.describe_alarms()["MetricAlarms"] == []
    stats = hosting.emulator.stats()
    assert stats["throttled"] == 1 and stats["errors"]["ThrottlingException"] == 1


def test_throttling_by_requests_per_second_budget(hosting: Hosting) -> None:
    hosting.emulator.configure(throttle_rps=5)
    burst = outcomes(hosting.sm.list_endpoints, 30)
    assert burst[:5] == ["ok"] * 5  # a one-second burst of 5 is allowed
    # Then 5 more per second: over the burst as the emulator's log times it (from the arrival of the first request
    # to the answer of the last), at most that many more got through and the rest were throttled - at least 10
    # whenever the 30 requests take under 3 s, as they do on an idle machine.
    logged = [r for r in hosting.emulator.requests() if r["operation"] == "ListEndpoints"]
    span = logged[-1]["t"] + logged[-1]["duration"] - logged[0]["t"]
    assert burst.count("ok") <= 5 + 5 * span + 0.01
    assert burst.count("ThrottlingException") == 30 - burst.count("ok")
    time.sleep(0.5)  # the budget refills at 5 requests per second
    assert outcomes(hosting.sm.list_endpoints, 2) == ["ok", "ok"]
    assert hosting.emulator.stats()["throttled"] == burst.count("ThrottlingException")


def test_seeded_faults_are_reproducible(hosting: Hosting) -> None:
    hosting.emulator.configure(seed=7, throttle_rate=0.5)
    first = outcomes(hosting.sm.list_endpoints, 24)
    hosting.emulator.configure(seed=7)  # re-seeds the fault generator
    second = outcomes(hosting.sm.list_endpoints, 24)
    assert first == second
    assert "ok" in first and "ThrottlingException" in first


def test_transient_server_errors(hosting: Hosting) -> None:
    hosting.emulator.configure(error_rate=1.0, seed=1)
    codes = set()
    for _ in range(12):
        error = error_of(lambda: hosting.sm.list_endpoints())
        codes.add((error["Code"], error["HTTPStatusCode"]))
    assert codes == {("InternalFailure", 500), ("ServiceUnavailable", 503)}
    assert hosting.emulator.stats()["faults"]["error"] == 12


def test_transient_errors_are_retried_by_botocore(hosting: Hosting, emulator: Emulator) -> None:
    # With seed 1 the first request fails and the second succeeds.
    hosting.emulator.configure(error_rate=0.5, seed=1)
    patient = emulator.client("sagemaker", config=Config(retries={"mode": "standard", "total_max_attempts": 3}))
    response = patient.list_endpoints()
    assert response["Endpoints"] == [] and response["ResponseMetadata"]["RetryAttempts"] == 1
    log = [(r["operation"], r["status"]) for r in emulator.requests()]
    assert log[0][1] in (500, 503) and log[1] == ("ListEndpoints", 200)


def test_dropped_connections(hosting: Hosting) -> None:
    hosting.emulator.configure(reset_rate=1.0)
    with pytest.raises(ConnectionClosedError):
        hosting.sm.list_endpoints()
    hosting.emulator.configure(reset_rate=0.0)
    assert hosting.sm.list_endpoints()["Endpoints"] == []
    log = hosting.emulator.requests()
    assert [(r["operation"], r["error"]) for r in log] == [("ListEndpoints", "ConnectionReset"), ("ListEndpoints", None)]
    assert hosting.emulator.stats()["faults"]["reset"] == 1


def test_denied_actions(hosting: Hosting) -> None:
    hosting.endpoint("locked", count=1)
    hosting.config("locked-v2", count=1)
    hosting.emulator.configure(deny_actions=["sagemaker:UpdateEndpoint"])
    error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="locked", EndpointConfigName="locked-v2"))
    assert error["Code"] == "AccessDeniedException"
    assert error["Message"] == (
        "User: arn:aws:sts::123456789012:assumed-role/SageMakerEmulatorRole/emulator-session is not authorized "
        f"to perform: sagemaker:UpdateEndpoint on resource: {ARN}:endpoint/locked because no identity-based "
        "policy allows the sagemaker:UpdateEndpoint action"
    )
    assert hosting.status("locked") == "InService"  # other actions still work


def test_expired_credentials(hosting: Hosting) -> None:
    hosting.emulator.configure(expired_credentials=True)
    error = error_of(lambda: hosting.sm.list_endpoints())
    assert (error["Code"], error["Message"]) == (
        "ExpiredTokenException",
        "The security token included in the request is expired",
    )
    hosting.emulator.configure(expired_credentials=False)
    assert hosting.sm.list_endpoints()["Endpoints"] == []


def test_endpoint_limit(hosting: Hosting) -> None:
    hosting.emulator.configure(endpoint_limit=1)
    hosting.config("limited")
    hosting.sm.create_endpoint(EndpointName="first", EndpointConfigName="limited")
    error = error_of(lambda: hosting.sm.create_endpoint(EndpointName="second", EndpointConfigName="limited"))
    assert error["Code"] == "ResourceLimitExceeded"
    assert error["Message"].startswith(
        "The account-level service limit 'Number of endpoints' is 1 Endpoints, with current utilization of "
        "1 Endpoints and a request delta of 1 Endpoints."
    )


def test_faults_given_at_start_up(emulator_factory: Any) -> None:
    emulator = emulator_factory(throttle_rate=1.0, fail_create={"x": "boom"})
    config = emulator.config()
    assert config["throttle_rate"] == 1.0 and config["fail_create"] == {"x": "boom"}
    sm = emulator.client("sagemaker", config=Config(retries={"total_max_attempts": 1}))
    assert error_of(lambda: sm.list_endpoints())["Code"] == "ThrottlingException"
    emulator.reset()  # back to the start-up settings, not to no faults
    assert emulator.config()["throttle_rate"] == 1.0

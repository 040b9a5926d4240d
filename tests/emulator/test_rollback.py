"""Point 3: alarm-driven auto-rollback, failed updates and failed rollbacks."""

from __future__ import annotations

from typing import Any

from .conftest import Hosting, statuses

CANARY_TRAFFIC = {"Type": "CANARY", "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}, "WaitIntervalInSeconds": 600}


def guarded(alarm: str, routing: dict[str, Any] = CANARY_TRAFFIC, **policy: Any) -> dict[str, Any]:
    return {
        "BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": routing, **policy},
        "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": alarm}]},
    }


def test_alarm_during_canary_bake_rolls_back_to_the_old_config(hosting: Hosting) -> None:
    hosting.emulator.configure(rollback_seconds=0.3)
    hosting.endpoint("guarded", count=4)
    alarm = hosting.alarm("guarded-5xx")
    config = guarded(alarm)
    hosting.emulator.hold("guarded", "bake", "rollback")
    hosting.sm.update_endpoint(
        EndpointName="guarded", EndpointConfigName=hosting.config("guarded-v2", count=4), DeploymentConfig=config
    )
    # Trip the alarm while the canary bakes: the endpoint is held in that bake (alarms stay watched), then in its
    # rollback, so the test sees each state whatever the machine's load.
    assert hosting.emulator.wait_held("guarded") == "bake"
    seen = [hosting.describe("guarded")]
    assert "Baking with 25%" in str(seen[0]["PendingDeploymentSummary"])
    hosting.set_alarm(alarm, "ALARM")
    seen += hosting.through("guarded", ["rollback"])
    seen += hosting.watch("guarded", until={"InService", "UpdateRollbackFailed"})

    assert statuses(seen) == ["Updating", "RollingBack", "InService"]
    rolling_back = next(d for d in seen if d["EndpointStatus"] == "RollingBack")
    assert rolling_back["EndpointConfigName"] == "guarded-cfg"
    assert rolling_back["PendingDeploymentSummary"]["ProductionVariants"][0]["VariantStatus"][0]["Status"] == "Deleting"
    done = seen[-1]
    assert done["EndpointConfigName"] == "guarded-cfg"
    assert alarm in done["FailureReason"] and "rolled back" in done["FailureReason"]
    assert done["ProductionVariants"][0]["CurrentInstanceCount"] == 4
    assert done["LastDeploymentConfig"] == config
    assert "PendingDeploymentSummary" not in done


def test_alarm_outside_the_monitoring_window_is_ignored(hosting: Hosting) -> None:
    hosting.emulator.configure(update_seconds=1.0)
    hosting.endpoint("quiet", count=4)
    alarm = hosting.alarm("quiet-5xx")
    hosting.emulator.hold("quiet", "provision")
    hosting.sm.update_endpoint(
        EndpointName="quiet",
        EndpointConfigName=hosting.config("quiet-v2", count=4),
        DeploymentConfig=guarded(alarm, {**CANARY_TRAFFIC, "WaitIntervalInSeconds": 100}),
    )
    # The alarm flaps while the new fleet is still being provisioned (held there): no traffic, no bake yet.
    assert hosting.emulator.wait_held("quiet") == "provision"
    hosting.set_alarm(alarm, "ALARM")
    hosting.set_alarm(alarm, "OK")
    assert hosting.describe("quiet")["PendingDeploymentSummary"]["ProductionVariants"][0]["VariantStatus"][0][
        "Status"
    ] == "Creating"
    hosting.emulator.release("quiet", "provision")
    done = hosting.wait_status("quiet", "InService")
    assert done["EndpointConfigName"] == "quiet-v2"
    assert "FailureReason" not in done


def test_alarm_already_in_alarm_trips_when_baking_starts(hosting: Hosting) -> None:
    hosting.endpoint("noisy", count=2)
    alarm = hosting.alarm("noisy-latency", state="ALARM")
    hosting.sm.update_endpoint(
        EndpointName="noisy",
        EndpointConfigName=hosting.config("noisy-v2", count=2),
        DeploymentConfig=guarded(alarm, {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 300}),
    )
    done = hosting.wait_status("noisy", "InService")
    assert done["EndpointConfigName"] == "noisy-cfg"
    assert "noisy-latency" in done["FailureReason"]


def test_failed_update_returns_to_service_on_the_old_config(hosting: Hosting) -> None:
    hosting.endpoint("flaky", count=2)
    hosting.emulator.configure(fail_update={"flaky": "The new model container failed to start."})
    hosting.emulator.hold("flaky", "provision")
    hosting.sm.update_endpoint(EndpointName="flaky", EndpointConfigName=hosting.config("flaky-v2", count=2))
    seen = hosting.through("flaky", ["provision"]) + hosting.watch("flaky", until={"InService"})
    assert statuses(seen) == ["Updating", "InService"]
    assert seen[-1]["EndpointConfigName"] == "flaky-cfg"
    assert seen[-1]["FailureReason"] == "The new model container failed to start."

    # The FailureReason stays until the next update starts.
    hosting.emulator.configure(fail_update={})
    hosting.sm.update_endpoint(EndpointName="flaky", EndpointConfigName=hosting.config("flaky-v3", count=2))
    assert "FailureReason" not in hosting.describe("flaky")
    assert hosting.wait_status("flaky", "InService")["EndpointConfigName"] == "flaky-v3"


def test_failed_rollback_ends_update_rollback_failed(hosting: Hosting) -> None:
    hosting.endpoint("stuck", count=4)
    alarm = hosting.alarm("stuck-errors", state="ALARM")
    hosting.emulator.configure(fail_rollback=["stuck"], rollback_seconds=0.3)
    rolling = {
        "RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50}, "WaitIntervalInSeconds": 100},
        "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": alarm}]},
    }
    hosting.emulator.hold("stuck", "rollback")
    hosting.sm.update_endpoint(
        EndpointName="stuck", EndpointConfigName=hosting.config("stuck-v2", count=4), DeploymentConfig=rolling
    )
    seen = hosting.through("stuck", ["rollback"]) + hosting.watch("stuck", until={"InService", "UpdateRollbackFailed"})
    assert statuses(seen)[-2:] == ["RollingBack", "UpdateRollbackFailed"]
    failed = seen[-1]
    assert "stuck-errors" in failed["FailureReason"] and "rollback failed" in failed["FailureReason"]
    # The old config name stays; the first batch's bake tripped, before any old instance was drained.
    assert failed["EndpointConfigName"] == "stuck-cfg"
    assert failed["ProductionVariants"][0]["CurrentInstanceCount"] == 4
    assert "PendingDeploymentSummary" not in failed

    # The documented remedy: update the endpoint again.
    hosting.set_alarm(alarm, "OK")
    hosting.sm.update_endpoint(EndpointName="stuck", EndpointConfigName=hosting.config("stuck-v3", count=4))
    assert hosting.wait_status("stuck", "InService")["EndpointConfigName"] == "stuck-v3"


def test_deployment_over_its_maximum_execution_timeout_rolls_back(hosting: Hosting) -> None:
    hosting.endpoint("long", count=10)
    hosting.sm.update_endpoint(
        EndpointName="long",
        EndpointConfigName=hosting.config("long-v2", count=10),
        DeploymentConfig={
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "LINEAR",
                    "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 10},
                    "WaitIntervalInSeconds": 100,
                },
                # 10 steps of 100 s exceed 600 s (scaled: 1.0 s against 0.6 s).
                "MaximumExecutionTimeoutInSeconds": 600,
            }
        },
    )
    done = hosting.wait_status("long", "InService")
    assert done["EndpointConfigName"] == "long-cfg"
    assert "MaximumExecutionTimeoutInSeconds" in done["FailureReason"]

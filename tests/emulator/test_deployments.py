"""Point 2: UpdateEndpoint with DeploymentConfig rolls out in timed steps."""

from __future__ import annotations

from typing import Any

from sagemaker_emulator import FAST

from .conftest import Hosting, messages, released_between, statuses, within

# Fast settings: update_seconds=0.3, time_scale=0.001 (300 s of bake → 0.3 s).  Each test holds the endpoint in
# the phases it looks at (emulator.hold), so what it sees does not depend on when its polls happen to land.


def blue_green(kind: str, wait: int, termination: int = 0, size: dict[str, Any] | None = None, **extra: Any) -> dict:
    routing: dict[str, Any] = {"Type": kind, "WaitIntervalInSeconds": wait}
    if kind == "CANARY":
        routing["CanarySize"] = size
    if kind == "LINEAR":
        routing["LinearStepSize"] = size
    policy: dict[str, Any] = {"TrafficRoutingConfiguration": routing, "TerminationWaitInSeconds": termination}
    policy.update(extra)
    return {"BlueGreenUpdatePolicy": policy}


def test_canary_rollout_steps_and_scaled_waits(hosting: Hosting) -> None:
    hosting.endpoint("canary", count=4)
    hosting.config("canary-v2", count=4)
    config = blue_green(
        "CANARY", wait=300, termination=200, size={"Type": "INSTANCE_COUNT", "Value": 1},
        MaximumExecutionTimeoutInSeconds=3600,
    )
    phases = ["provision", "bake", "bake", "termination-wait"]
    hosting.emulator.hold("canary", *phases)
    hosting.sm.update_endpoint(EndpointName="canary", EndpointConfigName="canary-v2", DeploymentConfig=config)
    seen = hosting.through("canary", phases[:-1])
    assert hosting.emulator.wait_held("canary") == "termination-wait"
    seen.append(hosting.describe("canary"))
    released, _ = released_between(lambda: hosting.emulator.release("canary", "termination-wait"))
    seen += hosting.watch("canary", until={"InService"})

    assert statuses(seen) == ["Updating", "InService"]
    assert messages(seen) == [
        "Provisioning the new fleet.",
        "Baking with 25% of traffic on the new fleet.",
        "Baking with 100% of traffic on the new fleet.",
        "Waiting TerminationWaitInSeconds before terminating the old fleet.",
    ]
    # 0.3 s provisioning + 2 bakes of 300 s and a 200 s termination wait, scaled by 0.001 (each held phase runs its
    # full duration once released); unscaled it would take 800 s. On the emulator's clock: the update took at least
    # the scaled sum, and the old fleet went exactly 0.2 s (200 s scaled) after the termination wait was released.
    started, done_at = seen[0]["LastModifiedTime"], seen[-1]["LastModifiedTime"]
    assert (done_at - started).total_seconds() >= 0.3 + 0.3 + 0.3 + 0.2 - 0.002
    assert within(done_at, released, 200 * FAST["time_scale"])
    during = [d for d in seen if d["EndpointStatus"] == "Updating"]
    assert all(d["EndpointConfigName"] == "canary-cfg" for d in during)
    assert all(d["LastDeploymentConfig"] == config for d in during)
    baking = next(d for d in during if "Baking with 25%" in str(d))
    new_fleet = baking["PendingDeploymentSummary"]["ProductionVariants"][0]
    assert new_fleet["CurrentInstanceCount"] == 4 and new_fleet["DesiredInstanceCount"] == 4
    assert new_fleet["VariantStatus"][0]["Status"] == "Baking"
    assert baking["PendingDeploymentSummary"]["EndpointConfigName"] == "canary-v2"

    done = seen[-1]
    assert done["EndpointConfigName"] == "canary-v2"
    assert done["LastDeploymentConfig"] == config
    assert "PendingDeploymentSummary" not in done and "FailureReason" not in done


def test_linear_rollout_shifts_in_equal_steps(hosting: Hosting) -> None:
    hosting.endpoint("linear", count=4)
    hosting.config("linear-v2", count=4)
    config = blue_green("LINEAR", wait=150, size={"Type": "CAPACITY_PERCENT", "Value": 25})
    hosting.emulator.hold("linear", *["bake"] * 4)
    hosting.sm.update_endpoint(EndpointName="linear", EndpointConfigName="linear-v2", DeploymentConfig=config)
    seen = hosting.through("linear", ["bake"] * 4) + hosting.watch("linear", until={"InService"})
    baked = [m for m in messages(seen) if m.startswith("Baking")]
    assert baked == [f"Baking with {p}% of traffic on the new fleet." for p in (25, 50, 75, 100)]
    assert seen[-1]["EndpointConfigName"] == "linear-v2"


def test_all_at_once_bakes_once(hosting: Hosting) -> None:
    hosting.endpoint("atonce", count=2)
    hosting.config("atonce-v2", count=2)
    config = blue_green("ALL_AT_ONCE", wait=200)
    hosting.emulator.hold("atonce", "bake")
    hosting.sm.update_endpoint(EndpointName="atonce", EndpointConfigName="atonce-v2", DeploymentConfig=config)
    seen = hosting.through("atonce", ["bake"]) + hosting.watch("atonce", until={"InService"})
    assert "Baking with 100% of traffic on the new fleet." in messages(seen)
    assert seen[-1]["EndpointConfigName"] == "atonce-v2"


def test_rolling_update_replaces_capacity_batch_by_batch(hosting: Hosting) -> None:
    hosting.endpoint("rolling", count=4)
    hosting.config("rolling-v2", count=4)
    config = {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
            "WaitIntervalInSeconds": 150,
            "MaximumExecutionTimeoutInSeconds": 1800,
        }
    }
    hosting.emulator.hold("rolling", *["bake"] * 4)
    hosting.sm.update_endpoint(EndpointName="rolling", EndpointConfigName="rolling-v2", DeploymentConfig=config)
    seen = hosting.through("rolling", ["bake"] * 4) + hosting.watch("rolling", until={"InService"})
    baked = [m for m in messages(seen) if m.startswith("Baking")]
    assert baked == [f"Baking batch {i} of 4 (1 instance(s))." for i in range(1, 5)]
    pairs = {
        (
            d["ProductionVariants"][0]["CurrentInstanceCount"],
            d["PendingDeploymentSummary"]["ProductionVariants"][0]["CurrentInstanceCount"],
        )
        for d in seen
        if d["EndpointStatus"] == "Updating" and "Baking" in str(d)
    }
    # While batch n bakes, n new instances serve and the old fleet still has 4 - (n - 1).
    assert pairs == {(4, 1), (3, 2), (2, 3), (1, 4)}
    assert seen[-1]["ProductionVariants"][0]["CurrentInstanceCount"] == 4
    assert seen[-1]["LastDeploymentConfig"] == config


def test_retain_deployment_config_reuses_the_last_one(hosting: Hosting) -> None:
    hosting.endpoint("retain", count=2)
    config = blue_green("ALL_AT_ONCE", wait=10)
    hosting.sm.update_endpoint(
        EndpointName="retain", EndpointConfigName=hosting.config("retain-v2", count=2), DeploymentConfig=config
    )
    hosting.wait_status("retain", "InService")
    hosting.sm.update_endpoint(
        EndpointName="retain", EndpointConfigName=hosting.config("retain-v3", count=2), RetainDeploymentConfig=True
    )
    assert hosting.describe("retain")["LastDeploymentConfig"] == config
    hosting.wait_status("retain", "InService")
    hosting.sm.update_endpoint(EndpointName="retain", EndpointConfigName=hosting.config("retain-v4", count=2))
    assert "LastDeploymentConfig" not in hosting.describe("retain")


def test_retain_all_variant_properties_and_exclusions(hosting: Hosting) -> None:
    hosting.endpoint("keep", count=4)
    hosting.sm.update_endpoint(
        EndpointName="keep", EndpointConfigName=hosting.config("keep-v2", count=2), RetainAllVariantProperties=True
    )
    assert hosting.wait_status("keep", "InService")["ProductionVariants"][0]["DesiredInstanceCount"] == 4
    hosting.sm.update_endpoint(
        EndpointName="keep",
        EndpointConfigName=hosting.config("keep-v3", count=2),
        RetainAllVariantProperties=True,
        ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredInstanceCount"}],
    )
    assert hosting.wait_status("keep", "InService")["ProductionVariants"][0]["DesiredInstanceCount"] == 2

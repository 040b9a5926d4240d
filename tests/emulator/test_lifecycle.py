"""Point 1: endpoint lifecycle in time; DescribeEndpoint and ListEndpoints report it."""

from __future__ import annotations

import time

from botocore.exceptions import ClientError

from sagemaker_emulator import FAST

from .conftest import GUARD, Hosting, error_of, released_between, statuses, wait_for, within

ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012"
SLOW = 3600.0  # s: a create that no test run outlasts


def test_create_is_creating_then_in_service(hosting: Hosting) -> None:
    hosting.config("cfg-a", count=3)
    hosting.emulator.hold("Life-A", "create")
    arn = hosting.sm.create_endpoint(EndpointName="Life-A", EndpointConfigName="cfg-a")["EndpointArn"]
    assert arn == f"{ARN_PREFIX}:endpoint/life-a"  # SageMaker ARNs carry the name in lower case

    assert hosting.emulator.wait_held("Life-A") == "create"
    creating = hosting.describe("Life-A")
    released, _ = released_between(lambda: hosting.emulator.release("Life-A", "create"))
    assert creating["EndpointStatus"] == "Creating"
    assert creating["EndpointConfigName"] == "cfg-a"
    assert "ProductionVariants" not in creating
    pending = creating["PendingDeploymentSummary"]
    assert pending["EndpointConfigName"] == "cfg-a"
    assert pending["ProductionVariants"][0]["VariantStatus"][0]["Status"] == "Creating"

    seen = [creating] + hosting.watch("Life-A", until={"InService", "Failed"})
    assert statuses(seen) == ["Creating", "InService"]
    done = seen[-1]
    # Released, the create runs its full create_seconds (the fast settings'), on the emulator's own clock.
    assert within(done["LastModifiedTime"], released, FAST["create_seconds"])
    assert done["ProductionVariants"] == [
        {
            "VariantName": "AllTraffic",
            "CurrentWeight": 1.0,
            "DesiredWeight": 1.0,
            "CurrentInstanceCount": 3,
            "DesiredInstanceCount": 3,
        }
    ]
    assert "PendingDeploymentSummary" not in done and "FailureReason" not in done
    assert done["LastModifiedTime"] > done["CreationTime"]


def test_botocore_waiters_work_against_the_emulator(hosting: Hosting) -> None:
    hosting.config("cfg-w")
    hosting.sm.create_endpoint(EndpointName="waited", EndpointConfigName="cfg-w")
    hosting.sm.get_waiter("endpoint_in_service").wait(
        EndpointName="waited", WaiterConfig={"Delay": 0.05, "MaxAttempts": 100}
    )
    hosting.sm.delete_endpoint(EndpointName="waited")
    hosting.sm.get_waiter("endpoint_deleted").wait(EndpointName="waited", WaiterConfig={"Delay": 0.05, "MaxAttempts": 100})
    assert hosting.gone("waited")


def test_forced_create_failure_ends_failed_and_only_delete_is_allowed(hosting: Hosting) -> None:
    hosting.emulator.configure(fail_create={"broken": "Image pull failed."}, create_seconds=0.1)
    hosting.config("cfg-b")
    hosting.config("cfg-b2")
    hosting.sm.create_endpoint(EndpointName="Broken", EndpointConfigName="cfg-b")  # names match case-insensitively
    failed = hosting.wait_status("Broken", "Failed", "InService")
    assert failed["EndpointStatus"] == "Failed"
    assert failed["FailureReason"] == "Image pull failed."

    error = error_of(lambda: hosting.sm.update_endpoint(EndpointName="Broken", EndpointConfigName="cfg-b2"))
    assert error["Code"] == "ValidationException"
    assert error["Message"] == f'Cannot update failed endpoint "{ARN_PREFIX}:endpoint/broken".'

    hosting.emulator.hold("Broken", "delete")
    hosting.sm.delete_endpoint(EndpointName="Broken")
    assert hosting.status("Broken") == "Deleting"
    hosting.emulator.release("Broken", "delete")
    wait_for(lambda: hosting.gone("Broken"), what="failed endpoint deleted")


def test_default_failure_reason_is_the_health_check_message(hosting: Hosting) -> None:
    hosting.emulator.configure(fail_create=["unhealthy"], create_seconds=0.05)
    hosting.config("cfg-u")
    hosting.sm.create_endpoint(EndpointName="unhealthy", EndpointConfigName="cfg-u")
    failed = hosting.wait_status("unhealthy", "Failed")
    assert "did not pass the ping health check" in failed["FailureReason"]


def test_delete_is_deleting_then_gone(hosting: Hosting) -> None:
    hosting.emulator.configure(delete_seconds=0.3)
    hosting.endpoint("doomed")
    hosting.emulator.hold("doomed", "delete")
    hosting.sm.delete_endpoint(EndpointName="doomed")
    seen = [d["EndpointStatus"] for d in hosting.through("doomed", ["delete"])]
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        try:
            seen.append(hosting.status("doomed"))
        except ClientError:
            break
        time.sleep(0.01)
    assert seen and set(seen) == {"Deleting"}
    error = error_of(lambda: hosting.describe("doomed"))
    assert error["Code"] == "ValidationException"
    assert error["Message"] == f'Could not find endpoint "{ARN_PREFIX}:endpoint/doomed".'


def test_plain_update_keeps_old_config_until_done(hosting: Hosting) -> None:
    hosting.endpoint("plain", count=2)
    hosting.config("plain-v2", count=3)
    hosting.emulator.hold("plain", "provision")
    hosting.sm.update_endpoint(EndpointName="plain", EndpointConfigName="plain-v2")
    [updating] = hosting.through("plain", ["provision"])
    assert updating["EndpointStatus"] == "Updating"
    assert updating["EndpointConfigName"] == "plain-cfg"
    assert updating["ProductionVariants"][0]["CurrentInstanceCount"] == 2
    assert updating["PendingDeploymentSummary"]["EndpointConfigName"] == "plain-v2"

    seen = [updating] + hosting.watch("plain", until={"InService"})
    assert statuses(seen) == ["Updating", "InService"]
    done = seen[-1]
    assert done["EndpointConfigName"] == "plain-v2"
    assert done["ProductionVariants"][0]["DesiredInstanceCount"] == 3
    assert "LastDeploymentConfig" not in done and "PendingDeploymentSummary" not in done


def test_timings_change_at_run_time(hosting: Hosting) -> None:
    hosting.config("slow-cfg")
    hosting.config("usual-cfg")
    hosting.config("quick-cfg")
    hosting.emulator.configure(create_seconds=SLOW)
    hosting.sm.create_endpoint(EndpointName="slow", EndpointConfigName="slow-cfg")
    assert hosting.status("slow") == "Creating"
    # Creates started later with the start-up timing and a shorter one both finish; the slow one still creates:
    # it took the run-time setting, and its duration was fixed when it started.
    hosting.emulator.configure(create_seconds=FAST["create_seconds"])
    hosting.sm.create_endpoint(EndpointName="usual", EndpointConfigName="usual-cfg")
    hosting.emulator.configure(create_seconds=0.05)
    hosting.sm.create_endpoint(EndpointName="quick", EndpointConfigName="quick-cfg")
    hosting.wait_status("quick", "InService")
    hosting.wait_status("usual", "InService")
    assert hosting.status("slow") == "Creating"  # the duration is fixed when the create starts


def test_list_endpoints_filters_sorts_and_pages(hosting: Hosting) -> None:
    hosting.emulator.configure(create_seconds=0.05)
    for name in ("alpha-1", "beta-1", "alpha-2"):
        hosting.endpoint(name, count=1)
    for name in ("Alpha-3", "gamma-1"):  # still creating whenever the test looks
        hosting.emulator.hold(name, "create")
        hosting.sm.create_endpoint(EndpointName=name, EndpointConfigName=hosting.config(f"{name}-cfg", count=1))

    def names(**kwargs: object) -> list[str]:
        return [e["EndpointName"] for e in hosting.sm.list_endpoints(**kwargs)["Endpoints"]]

    # Default order: CreationTime, Descending.
    assert names() == ["gamma-1", "Alpha-3", "alpha-2", "beta-1", "alpha-1"]
    assert names(StatusEquals="Creating", SortBy="Name", SortOrder="Ascending") == ["Alpha-3", "gamma-1"]
    assert names(StatusEquals="InService", SortBy="Name", SortOrder="Ascending") == ["alpha-1", "alpha-2", "beta-1"]
    assert names(NameContains="alpha", SortBy="Name", SortOrder="Ascending") == ["Alpha-3", "alpha-1", "alpha-2"]
    summaries = {e["EndpointName"]: e for e in hosting.sm.list_endpoints()["Endpoints"]}
    assert summaries["gamma-1"]["EndpointStatus"] == "Creating"
    assert summaries["beta-1"]["EndpointArn"].endswith(":endpoint/beta-1")

    first = hosting.sm.list_endpoints(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    assert [e["EndpointName"] for e in first["Endpoints"]] == ["Alpha-3", "alpha-1"]
    assert first["NextToken"]
    paged = [
        e["EndpointName"]
        for page in hosting.sm.get_paginator("list_endpoints").paginate(
            SortBy="Name", SortOrder="Ascending", PaginationConfig={"PageSize": 2}
        )
        for e in page["Endpoints"]
    ]
    assert paged == ["Alpha-3", "alpha-1", "alpha-2", "beta-1", "gamma-1"]

    hosting.emulator.hold("beta-1", "delete")
    hosting.sm.delete_endpoint(EndpointName="beta-1")
    assert names(StatusEquals="Deleting") == ["beta-1"]

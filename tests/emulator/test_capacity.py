"""UpdateEndpointWeightsAndCapacities: Updating → InService with desired values ahead of current ones, and its rules."""

from __future__ import annotations

from typing import Any

import botocore.session

from .conftest import Hosting, error_of, statuses

ARN = "arn:aws:sagemaker:us-east-1:123456789012"
SUMMARY = set(botocore.session.get_session().get_service_model("sagemaker").shape_for("ProductionVariantSummary").members)


def variant(described: dict[str, Any], name: str) -> dict[str, Any]:
    return next(v for v in described["ProductionVariants"] if v["VariantName"] == name)


def test_weights_and_capacity_move_through_updating(hosting: Hosting) -> None:
    hosting.config("wc-cfg", count=2, variants=("A", "B"))
    hosting.endpoint("wc", config="wc-cfg")
    hosting.emulator.hold("wc", "capacity")
    arn = hosting.sm.update_endpoint_weights_and_capacities(
        EndpointName="wc",
        DesiredWeightsAndCapacities=[
            {"VariantName": "A", "DesiredWeight": 3.0, "DesiredInstanceCount": 4},
            {"VariantName": "B", "DesiredWeight": 1.0},
        ],
    )["EndpointArn"]
    assert arn == f"{ARN}:endpoint/wc"

    [updating] = hosting.through("wc", ["capacity"])
    assert updating["EndpointStatus"] == "Updating"
    assert updating["EndpointConfigName"] == "wc-cfg" and "PendingDeploymentSummary" not in updating
    # "If you sent a request to the UpdateEndpointWeightsAndCapacities API and the endpoint status is Updating,
    # you get different desired and current values." (ProductionVariantSummary)
    a, b = variant(updating, "A"), variant(updating, "B")
    assert (a["CurrentInstanceCount"], a["DesiredInstanceCount"], a["CurrentWeight"], a["DesiredWeight"]) == (2, 4, 1.0, 3.0)
    assert a["VariantStatus"][0]["Status"] == "Updating"
    assert "VariantStatus" not in b and (b["CurrentInstanceCount"], b["DesiredInstanceCount"]) == (2, 2)

    seen = [updating] + hosting.watch("wc", until={"InService"})
    assert statuses(seen) == ["Updating", "InService"]
    done = seen[-1]
    assert variant(done, "A") == {
        "VariantName": "A", "CurrentWeight": 3.0, "DesiredWeight": 3.0, "CurrentInstanceCount": 4, "DesiredInstanceCount": 4,
    }
    assert set().union(*map(set, done["ProductionVariants"])) <= SUMMARY  # no InstanceType: not in the shape


def test_retain_all_variant_properties_keeps_the_live_capacity_and_weight(hosting: Hosting) -> None:
    hosting.endpoint("kept", count=2)
    hosting.sm.update_endpoint_weights_and_capacities(
        EndpointName="kept",
        DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredWeight": 2.0, "DesiredInstanceCount": 5}],
    )
    hosting.wait_status("kept", "InService")
    hosting.sm.update_endpoint(
        EndpointName="kept", EndpointConfigName=hosting.config("kept-v2", count=2), RetainAllVariantProperties=True
    )
    retained = variant(hosting.wait_status("kept", "InService"), "AllTraffic")
    assert (retained["DesiredInstanceCount"], retained["CurrentInstanceCount"], retained["DesiredWeight"]) == (5, 5, 2.0)

    hosting.sm.update_endpoint(
        EndpointName="kept",
        EndpointConfigName=hosting.config("kept-v3", count=2),
        RetainAllVariantProperties=True,
        ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredWeight"}],
    )
    partly = variant(hosting.wait_status("kept", "InService"), "AllTraffic")
    assert (partly["DesiredInstanceCount"], partly["DesiredWeight"]) == (5, 1.0)

    # Without RetainAllVariantProperties an update resets to the new config's InitialInstanceCount and weight.
    hosting.sm.update_endpoint(EndpointName="kept", EndpointConfigName=hosting.config("kept-v4", count=2))
    reset = variant(hosting.wait_status("kept", "InService"), "AllTraffic")
    assert (reset["DesiredInstanceCount"], reset["CurrentInstanceCount"], reset["DesiredWeight"]) == (2, 2, 1.0)


def test_requests_are_checked_against_the_live_fleet(hosting: Hosting) -> None:
    hosting.config("rules-cfg", count=2, variants=("A", "B"))
    hosting.endpoint("rules", config="rules-cfg")

    def refused(*items: dict[str, Any], endpoint: str = "rules") -> str:
        error = error_of(
            lambda: hosting.sm.update_endpoint_weights_and_capacities(
                EndpointName=endpoint, DesiredWeightsAndCapacities=list(items)
            )
        )
        assert error["Code"] == "ValidationException"
        return error["Message"]

    assert refused({"VariantName": "C", "DesiredWeight": 1.0}) == (
        'The variant name(s) "C" is/are not present within endpoint configuration "rules-cfg".'
    )
    assert refused({"VariantName": "A", "DesiredWeight": 1.0}, {"VariantName": "A", "DesiredWeight": 2.0}) == (
        'The variant name "A" was non-unique within the request.'
    )
    assert "only one production variant" in refused(
        {"VariantName": "A", "DesiredInstanceCount": 3}, {"VariantName": "B", "DesiredInstanceCount": 3}
    )
    assert "At least one of DesiredWeight" in refused({"VariantName": "A"})
    assert refused({"VariantName": "A", "DesiredWeight": 1.0}, endpoint="nope") == f'Could not find endpoint "{ARN}:endpoint/nope".'
    assert hosting.status("rules") == "InService"  # nothing started

    hosting.emulator.hold("rules", "capacity")
    hosting.sm.update_endpoint_weights_and_capacities(
        EndpointName="rules", DesiredWeightsAndCapacities=[{"VariantName": "A", "DesiredInstanceCount": 3}]
    )
    assert hosting.emulator.wait_held("rules") == "capacity"
    assert refused({"VariantName": "B", "DesiredWeight": 2.0}) == f'Cannot update in-progress endpoint "{ARN}:endpoint/rules".'
    hosting.emulator.release("rules", "capacity")
    assert variant(hosting.wait_status("rules", "InService"), "A")["CurrentInstanceCount"] == 3


def test_serverless_variants_take_serverless_update_config(hosting: Hosting) -> None:
    hosting.config("model-only", count=1)
    hosting.sm.create_endpoint_config(
        EndpointConfigName="sls-cfg",
        ProductionVariants=[
            {"VariantName": "AllTraffic", "ModelName": "model", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}
        ],
    )
    hosting.endpoint("sls", config="sls-cfg")
    error = error_of(
        lambda: hosting.sm.update_endpoint_weights_and_capacities(
            EndpointName="sls", DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredInstanceCount": 2}]
        )
    )
    assert "serverless" in error["Message"] and "ServerlessUpdateConfig" in error["Message"]
    hosting.sm.update_endpoint_weights_and_capacities(
        EndpointName="sls",
        DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "ServerlessUpdateConfig": {"MaxConcurrency": 10}}],
    )
    done = variant(hosting.wait_status("sls", "InService"), "AllTraffic")
    assert done["CurrentServerlessConfig"] == {"MemorySizeInMB": 2048, "MaxConcurrency": 10}
    assert "CurrentInstanceCount" not in done

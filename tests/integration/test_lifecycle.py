"""The Endpoint through the SDK's dynamic provider server, driven with the engine's RPCs, checked with boto3."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.core.owner import OWNER_TAG
from tests.harness import UNKNOWN, CheckFailed, ProviderError

from .support import PROVIDER, TYPE, calls, make_config, owner_tag, props, tags_of, up


def test_full_lifecycle_as_the_engine_drives_it(engine, sm, emulator):
    created = up(engine, endpointConfigName="cfg-v1", tags={"team": "ml"})
    assert created.op == "create"
    name = created.id
    assert name.startswith("inference-")
    live = sm.describe_endpoint(EndpointName=name)
    assert (live["EndpointStatus"], live["EndpointConfigName"]) == ("InService", "cfg-v1")
    assert created.outputs["arn"] == live["EndpointArn"]
    assert created.outputs["endpointStatus"] == "InService"
    assert tags_of(sm, name) == {"team": "ml", OWNER_TAG: owner_tag()}

    emulator.reset_stats()
    same = up(engine, endpointConfigName="cfg-v1", tags={"team": "ml"})
    assert same.op == "same" and engine.calls("Update") == []
    assert sum(emulator.stats()["calls"].values()) == 0, "a no-op run makes no AWS call"

    planned = engine.preview("inference", props(endpointConfigName="cfg-v2", tags={"team": "ml"}), PROVIDER,
                             type_token=TYPE)
    assert planned.op == "update" and "endpointConfigName" in planned.changed_keys
    assert planned.inputs["rolloutPlan"].startswith("cfg-v1 -> cfg-v2: blue/green ALL_AT_ONCE")
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v1"

    updated = up(engine, endpointConfigName="cfg-v2", tags={"team": "ml"})
    assert updated.op == "update" and updated.id == name
    assert sm.describe_endpoint(EndpointName=name)["EndpointConfigName"] == "cfg-v2"
    assert updated.outputs["endpointConfigName"] == "cfg-v2"

    before = calls(emulator, "UpdateEndpoint")
    retagged = up(engine, endpointConfigName="cfg-v2", tags={"team": "ml", "tier": "gold"})
    assert retagged.op == "update"
    assert calls(emulator, "UpdateEndpoint") == before, "tags change in place, without a redeploy"
    assert tags_of(sm, name)["tier"] == "gold"

    renamed = up(engine, endpointConfigName="cfg-v2", tags={"team": "ml"}, name="inference-renamed")
    assert renamed.op == "replace" and renamed.id == "inference-renamed"
    assert renamed.steps[0] == "create-replacement"
    names = {e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]}
    assert names == {"inference-renamed"}

    sm.update_endpoint(EndpointName="inference-renamed", EndpointConfigName="cfg-v1")
    sm.get_waiter("endpoint_in_service").wait(EndpointName="inference-renamed",
                                              WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    sm.add_tags(ResourceArn=renamed.outputs["arn"], Tags=[{"Key": "oob", "Value": "1"}])
    refreshed = engine.refresh("inference")
    assert refreshed.outputs["endpointConfigName"] == "cfg-v1"
    assert refreshed.inputs["endpointConfigName"] == "cfg-v1"
    assert refreshed.inputs["tags"] == {"team": "ml", "oob": "1"}

    back = up(engine, endpointConfigName="cfg-v2", tags={"team": "ml"}, name="inference-renamed")
    assert back.op == "update"
    assert sm.describe_endpoint(EndpointName="inference-renamed")["EndpointConfigName"] == "cfg-v2"
    assert "oob" not in tags_of(sm, "inference-renamed")

    engine.destroy("inference")
    assert sm.list_endpoints()["Endpoints"] == []


def test_case_only_rename_deletes_before_creating(engine, sm):
    up(engine, endpointConfigName="cfg-v1", name="Scoring")
    result = up(engine, endpointConfigName="cfg-v1", name="scoring")
    assert result.op == "replace" and result.delete_before_replace
    assert result.steps[0] == "delete-replaced"
    assert [e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]] == ["scoring"]


def test_preview_with_unknown_config_makes_no_aws_call(engine, sm, emulator):
    up(engine, endpointConfigName="cfg-v1")
    emulator.reset_stats()
    planned = engine.preview("inference", props(endpointConfigName=UNKNOWN), PROVIDER, type_token=TYPE)
    assert planned.op == "update"
    assert "(known after apply)" in planned.inputs["rolloutPlan"]
    assert sum(emulator.stats()["calls"].values()) == 0


def test_check_reports_every_problem_before_any_call(engine, sm, emulator):
    with pytest.raises(CheckFailed) as failed:
        engine.up("bad", props("bad", endpointConfigName="cfg-v1", name="bad_name", tags={"aws:x": "1"},
                               deploymentConfig={"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
                                   "Type": "CANARY", "WaitIntervalInSeconds": 60}}}), PROVIDER, type_token=TYPE)
    paths = {path for path, _ in failed.value.failures}
    assert paths == {"name", "tags",
                     "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize"}
    assert emulator.stats()["calls"].get("CreateEndpoint", 0) == 0


def test_failed_create_leaves_nothing_behind(engine, sm, emulator):
    emulator.configure(fail_create={"doomed": "The primary container for production variant primary did not "
                                              "pass the ping health check."})
    with pytest.raises(ProviderError) as failed:
        up(engine, endpointConfigName="cfg-v1", name="doomed")
    assert "Endpoint 'doomed' failed to create: The primary container" in failed.value.details
    assert "was deleted" in failed.value.details
    assert sm.list_endpoints()["Endpoints"] == []
    assert not engine.has("inference")


def test_create_retries_the_eventual_consistency_error(engine, emulator):
    emulator.configure(consistency_uses=2)  # CreateEndpoint misses the new config twice, whatever the load
    make_config(emulator.client("sagemaker"), "cfg-fresh")
    result = up(engine, endpointConfigName="cfg-fresh")
    assert result.op == "create" and result.outputs["endpointStatus"] == "InService"
    assert emulator.stats()["faults"]["consistency"] == 2, "the config was invisible at first"


def test_missing_config_is_one_sentence(engine, emulator):
    emulator.configure(consistency_seconds=0)
    with pytest.raises(ProviderError) as failed:
        up(engine, endpointConfigName="cfg-missing", timeouts={"create": 3})
    assert "endpointConfigName 'cfg-missing' of endpoint" in failed.value.details
    assert "create the EndpointConfig first" in failed.value.details
    assert failed.value.details == failed.value.message, "what the engine receives is the provider's sentence ..."
    assert failed.value.details.startswith("endpointConfigName") and failed.value.details.endswith("fix the name."), \
        "... and nothing more: no traceback, no 'Exception calling application'"
    assert "\n" not in failed.value.details


def test_config_recreated_under_the_same_name_is_refused(engine, sm):
    created = up(engine, endpointConfigName="cfg-v1", tags={"a": "1"})
    sm.delete_endpoint_config(EndpointConfigName="cfg-v1")
    make_config(sm, "cfg-v1")
    with pytest.raises(ProviderError) as failed:
        up(engine, endpointConfigName="cfg-v1", tags={"a": "2"})
    assert "was recreated under the same name" in failed.value.details
    assert engine.state("inference").outputs["endpointConfigCreationTime"] == (
        created.outputs["endpointConfigCreationTime"])


def test_refresh_of_an_endpoint_deleted_out_of_band_drops_it(engine, sm):
    created = up(engine, endpointConfigName="cfg-v1")
    sm.delete_endpoint(EndpointName=created.id)
    sm.get_waiter("endpoint_deleted").wait(EndpointName=created.id, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    engine.refresh("inference")
    assert not engine.has("inference")


def test_delete_of_an_endpoint_already_gone_succeeds(engine, sm):
    created = up(engine, endpointConfigName="cfg-v1")
    sm.delete_endpoint(EndpointName=created.id)
    engine.destroy("inference")
    assert not engine.has("inference")


def test_import_adopts_a_live_endpoint(engine, sm):
    sm.create_endpoint(EndpointName="legacy", EndpointConfigName="cfg-v1", Tags=[{"Key": "team", "Value": "ml"}])
    sm.get_waiter("endpoint_in_service").wait(EndpointName="legacy", WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    imported = engine.import_("legacy", "legacy", props("legacy", endpointConfigName="cfg-v1", name="legacy",
                                                       tags={"team": "ml"}),
                              PROVIDER, type_token=TYPE, engine_sends_inputs=True)
    assert imported.outputs["arn"] == sm.describe_endpoint(EndpointName="legacy")["EndpointArn"]
    assert up(engine, "legacy", endpointConfigName="cfg-v1", name="legacy", tags={"team": "ml"}).op in ("same",
                                                                                                       "update")


def test_get_reads_without_managing(engine, sm):
    sm.create_endpoint(EndpointName="shared", EndpointConfigName="cfg-v1")
    sm.get_waiter("endpoint_in_service").wait(EndpointName="shared", WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    got = engine.get("shared", "shared", props("shared"), PROVIDER, type_token=TYPE)
    assert got.outputs["endpointConfigName"] == "cfg-v1" and got.outputs["endpointStatus"] == "InService"


def test_import_option_adopts_the_live_endpoint_through_create(engine, sm, emulator):
    sm.create_endpoint(EndpointName="legacy", EndpointConfigName="cfg-v1", Tags=[{"Key": "team", "Value": "ml"}])
    sm.get_waiter("endpoint_in_service").wait(EndpointName="legacy", WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    emulator.reset_stats()
    adopted = up(engine, "legacy", endpointConfigName="cfg-v2", importId="legacy", tags={"team": "ml", "x": "1"})
    assert adopted.op == "create" and adopted.id == "legacy"
    assert emulator.stats()["calls"].get("CreateEndpoint", 0) == 0
    assert sm.describe_endpoint(EndpointName="legacy")["EndpointConfigName"] == "cfg-v2"
    assert tags_of(sm, "legacy") == {"team": "ml", "x": "1", OWNER_TAG: owner_tag("legacy")}
    assert up(engine, "legacy", endpointConfigName="cfg-v2", importId="legacy",
              tags={"team": "ml", "x": "1"}).op == "same"


def test_import_of_a_missing_endpoint_says_so(engine, sm):
    with pytest.raises(ProviderError) as failed:
        up(engine, "ghost", endpointConfigName="cfg-v1", importId="ghost")
    assert "Endpoint 'ghost' named by import_ does not exist" in failed.value.details

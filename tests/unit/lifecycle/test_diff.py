"""diff(): pure, replacement only for a new name or region, no noise for identical inputs."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.lifecycle.diff import diff
from pulumi_sagemaker_endpoint.core.unknowns import UNKNOWN

OLD = {"name": "ep-1", "endpointConfigName": "cfg-1", "tags": {"team": "ml"}, "arn": "arn:x",
       "endpointStatus": "InService", "rolloutPlan": "create with cfg-1", "timeouts": {"create": 60}}


def test_identical_inputs_have_no_diff_whatever_the_outputs():
    news = {k: OLD[k] for k in ("name", "endpointConfigName", "tags", "timeouts")}
    news["rolloutPlan"] = "no rollout: cfg-1 stays live"
    assert diff(OLD, news).changes == []


def test_missing_and_empty_tags_are_the_same():
    assert diff({**OLD, "tags": {}}, {"name": "ep-1", "endpointConfigName": "cfg-1", "timeouts": {"create": 60}}
                ).changes == []


def test_a_change_of_custom_timeouts_alone_updates_the_state_in_place():
    """Delete and Read receive the state's outputs, not the program's options: they must carry the new timeouts."""
    result = diff(OLD, {**OLD, "timeouts": {"create": 60, "delete": 600}})
    assert result.changes == ["timeouts"] and result.replaces == []


def test_config_change_is_an_in_place_update():
    result = diff(OLD, {**OLD, "endpointConfigName": "cfg-2"})
    assert result.changes == ["endpointConfigName"] and result.replaces == []


def test_rename_replaces_create_before_delete():
    result = diff(OLD, {**OLD, "name": "ep-2"})
    assert result.replaces == ["name"] and result.delete_before_replace is False


def test_case_only_rename_deletes_before_replacing():
    result = diff(OLD, {**OLD, "name": "EP-1"})
    assert result.replaces == ["name"] and result.delete_before_replace is True


def test_region_change_replaces():
    assert diff({**OLD, "region": "us-east-1"}, {**OLD, "region": "eu-west-1"}).replaces == ["region"]


def test_unknown_config_name_during_preview_is_a_change():
    assert diff(OLD, {**OLD, "endpointConfigName": UNKNOWN}).changes == ["endpointConfigName"]

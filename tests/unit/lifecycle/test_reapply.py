"""The record is written in one AddTags, or refused before anything is taken off when the endpoint's 50 tags
cannot hold it; deregistering a target that is already gone is not an error (a rerun after a kill)."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.aws.errors import EndpointError
from pulumi_sagemaker_endpoint.aws.scaling import is_record_key, read_record
from pulumi_sagemaker_endpoint.lifecycle import reapply

SETUP = {"target": {"MinCapacity": 1, "MaxCapacity": 6}, "policies": [], "actions": []}
RECORD = {"version": 1, "from": "cfg-v1", "to": "cfg-v2", "variants": {"primary": SETUP}}


class Tagged:
    def __init__(self, count: int) -> None:
        self.tags = [{"Key": f"k{i}", "Value": "v"} for i in range(count)]
        self.added: list[list[dict]] = []

    def list_tags(self, ResourceArn: str) -> dict:  # noqa: N803 - boto3's spelling
        return {"Tags": self.tags}

    def add_tags(self, ResourceArn: str, Tags: list[dict]) -> None:  # noqa: N803
        self.added.append(Tags)


def test_the_record_goes_on_in_one_call():
    client = Tagged(10)
    keys = reapply.write_record(client, "ep", "arn", RECORD)
    [added] = client.added
    assert [tag["Key"] for tag in added] == keys and all(is_record_key(key) for key in keys)
    assert read_record({tag["Key"]: tag["Value"] for tag in added}) == RECORD


def test_a_record_the_tags_cannot_hold_is_refused_before_anything_changes():
    client = Tagged(50)
    with pytest.raises(EndpointError) as refused:
        reapply.write_record(client, "ep", "arn", RECORD)
    assert str(refused.value) == ("Endpoint 'ep' has 50 of its 50 tags in use, and recording the scaling setup of "
                                  "primary while it is taken off needs 1; remove 1 tag(s) from the endpoint, then run "
                                  "`pulumi up` again.")
    assert client.added == []


class Deregistering:
    def __init__(self, code: str, message: str) -> None:
        self.error = Exception(message)
        self.error.response = {"Error": {"Code": code, "Message": message}}

    def deregister_scalable_target(self, **_: str) -> None:
        raise self.error


@pytest.mark.parametrize("code, message", [
    ("ObjectNotFoundException", "No scalable target registered for service namespace: sagemaker"),
    ("ValidationException", "No scalable target found for service namespace: sagemaker, resource ID: x"),
])
def test_a_target_already_deregistered_is_taken_off(code, message):
    reapply.take_off(Deregistering(code, message), "ep", RECORD)


def test_other_errors_of_deregistering_stop_the_reapply():
    with pytest.raises(Exception, match="not authorized"):
        reapply.take_off(Deregistering("AccessDeniedException", "not authorized"), "ep", RECORD)

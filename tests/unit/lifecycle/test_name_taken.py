"""One decision for a create whose name is taken, for every resource: adopt what an interrupted create of ours
made, refuse with the resource's own sentence otherwise."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.aws import waiting
from pulumi_sagemaker_endpoint.aws.errors import EndpointError
from pulumi_sagemaker_endpoint.core import events
from pulumi_sagemaker_endpoint.core.owner import CREATING_TAG, OWNER_TAG, tag_value
from pulumi_sagemaker_endpoint.lifecycle.name_taken import ADOPTING, Refusals, adopt_or_refuse

OWNER = "organization/test/dev/urn:pulumi:dev::test::pulumi-python:dynamic/sagemaker:InferenceComponent::llm"
SAY = Refusals(deleting="being deleted", ours="its own", theirs="another's")
KIND = waiting.INFERENCE_COMPONENT


class Tagged:
    def __init__(self, tags: dict[str, str]) -> None:
        self.tags = tags

    def list_tags(self, ResourceArn: str) -> dict:  # noqa: N803 - boto3's spelling
        assert ResourceArn == "arn:llm"
        return {"Tags": [{"Key": k, "Value": v} for k, v in self.tags.items()]}


def live(status: str = "InService") -> dict[str, str]:
    return {"InferenceComponentName": "llm", "InferenceComponentStatus": status, "InferenceComponentArn": "arn:llm"}


@pytest.mark.parametrize("existing", [None, live("Deleting")], ids=["gone since", "deleting"])
def test_one_being_deleted_is_waited_for(existing):
    with pytest.raises(EndpointError, match="^being deleted$"):
        adopt_or_refuse(Tagged({}), KIND, "llm", existing, OWNER, SAY)


@pytest.mark.parametrize(("tags", "refusal"), [
    ({OWNER_TAG: tag_value(OWNER)}, "its own"),
    ({}, "another's"),
    ({OWNER_TAG: "someone else", CREATING_TAG: "true"}, "another's"),
])
def test_a_finished_one_is_refused_with_the_resources_sentence(tags, refusal):
    with pytest.raises(EndpointError, match=f"^{refusal}$"):
        adopt_or_refuse(Tagged(tags), KIND, "llm", live(), OWNER, SAY)


def test_what_an_interrupted_create_of_ours_made_is_adopted_and_said_with_the_kinds_noun():
    before, heard = events.sinks(), []
    events.set_sink(lambda name, message, noun=events.ENDPOINT: heard.append(events.line(name, message, noun)))
    try:
        adopt_or_refuse(Tagged({OWNER_TAG: tag_value(OWNER), CREATING_TAG: "true"}), KIND, "llm", live(), OWNER, SAY)
    finally:
        events.replace_sinks(before)
    assert heard == [f"inference component llm: {ADOPTING}"]

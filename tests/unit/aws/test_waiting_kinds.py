"""The one status board serves inference components too: a Kind names the calls and keys, the tables are shared."""
from __future__ import annotations

import time

from pulumi_sagemaker_endpoint.aws import waiting


class FakeComponents:
    """DescribeInferenceComponent answering statuses in turn; ListInferenceComponents never needed for one wait."""

    def __init__(self, statuses: list[str]) -> None:
        self.statuses = statuses
        self.calls: list[str] = []

    def describe_inference_component(self, InferenceComponentName: str) -> dict:  # noqa: N803 - boto3's spelling
        self.calls.append(InferenceComponentName)
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return {"InferenceComponentName": InferenceComponentName, "InferenceComponentStatus": status}


def test_a_component_is_waited_for_with_its_own_calls_and_the_shared_tables(monkeypatch):
    monkeypatch.setattr(waiting, "MIN_INTERVAL", 0.001)
    fake = FakeComponents(["Creating", "Creating", "InService"])
    board = waiting.Board(fake, waiting.INFERENCE_COMPONENT)
    seen = board.wait("llm", waiting.CREATE, time.monotonic() + 60)
    assert seen.status == "InService" and seen.summary["InferenceComponentName"] == "llm"
    assert board.calls == {"DescribeInferenceComponent": len(fake.calls)} and len(fake.calls) >= 3


def test_the_kinds_name_the_operations_the_iam_policy_and_the_counters_use():
    assert waiting.INFERENCE_COMPONENT.operation(waiting.INFERENCE_COMPONENT.describe) == "DescribeInferenceComponent"
    assert waiting.INFERENCE_COMPONENT.operation(waiting.INFERENCE_COMPONENT.lister) == "ListInferenceComponents"
    assert waiting.ENDPOINT.operation(waiting.ENDPOINT.describe) == "DescribeEndpoint"
    for status, action in (("Updating", waiting.WAIT), ("InService", waiting.DONE), ("Failed", waiting.FAILED)):
        assert waiting.UPDATE.action(status) == action, "an inference component's statuses mean the same"

"""UpdateEndpoint retried by botocore after a dropped connection: the in-progress answer means ours was accepted."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.lifecycle import update as deploy


class InProgress(Exception):
    def __init__(self) -> None:
        super().__init__("in progress")
        self.response = {"Error": {"Code": "ValidationException",
                                   "Message": 'Cannot update in-progress endpoint "arn:aws:sagemaker:...:endpoint/ep".'}}


class RetriedUpdate:
    """The first UpdateEndpoint went through, its answer was lost; botocore's retry is refused."""

    def __init__(self, pending_config: str) -> None:
        self.pending_config = pending_config

    def update_endpoint(self, **_: object) -> dict:
        raise InProgress()

    def describe_endpoint(self, EndpointName: str) -> dict:  # noqa: N803 - boto3's spelling
        return {"EndpointName": EndpointName, "EndpointStatus": "Updating",
                "PendingDeploymentSummary": {"EndpointConfigName": self.pending_config}}


def test_our_deployment_under_way_counts_as_accepted():
    deploy.start_update(RetriedUpdate("cfg-v2"), "ep", {"endpointConfigName": "cfg-v2"}, deadline=float("inf"))


def test_someone_elses_deployment_is_still_an_error():
    with pytest.raises(InProgress):
        deploy.start_update(RetriedUpdate("cfg-other"), "ep", {"endpointConfigName": "cfg-v2"}, deadline=float("inf"))

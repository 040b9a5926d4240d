"""converge(): what differs from the live fleet goes out in UpdateEndpointWeightsAndCapacities requests carrying the
capacity of one variant each, typed as the API wants them; a busy endpoint is waited out; what SageMaker did not
apply is an error."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.aws.errors import EndpointError
from pulumi_sagemaker_endpoint.lifecycle import weights

CONFIG = {"ProductionVariants": [{"VariantName": v, "InitialInstanceCount": 2, "InstanceType": "ml.m5.large"}
                                 for v in ("a", "b")]}


class Busy(Exception):
    response = {"Error": {"Code": "ValidationException", "Message": 'Cannot update in-progress endpoint "arn".'}}


class Fleet:
    """An endpoint whose weights and capacities change at once (or not at all, with `applies=False`)."""

    def __init__(self, busy: int = 0, applies: bool = True) -> None:
        self.variants = {v: {"VariantName": v, "DesiredWeight": 1.0, "DesiredInstanceCount": 2} for v in ("a", "b")}
        self.requests: list[list[dict]] = []
        self.busy, self.applies = busy, applies

    def describe_endpoint(self, EndpointName: str) -> dict:  # noqa: N803 - boto3's spelling
        return {"EndpointName": EndpointName, "EndpointArn": "arn", "EndpointStatus": "InService",
                "EndpointConfigName": "cfg", "ProductionVariants": [dict(v) for v in self.variants.values()]}

    def update_endpoint_weights_and_capacities(self, EndpointName: str, DesiredWeightsAndCapacities: list) -> dict:  # noqa: N803
        if self.busy:
            self.busy -= 1
            raise Busy()
        self.requests.append(DesiredWeightsAndCapacities)
        for entry in DesiredWeightsAndCapacities if self.applies else ():
            self.variants[entry["VariantName"]].update({k: v for k, v in entry.items() if k != "VariantName"})
        return {"EndpointArn": "arn"}


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    waits = []
    monkeypatch.setattr(weights.waiting, "wait_for", lambda target, name, table, deadline, doing: waits.append(table))
    return waits


def converge(fleet: Fleet, olds: dict | None = None, **inputs) -> dict | None:
    return weights.converge(fleet, None, "ep", {"endpointConfigName": "cfg", **inputs}, CONFIG,
                             fleet.describe_endpoint("ep"), float("inf"), olds)


def test_weights_travel_together_and_counts_one_variant_at_a_time():
    fleet = Fleet()
    outs = converge(fleet, variantWeights={"a": 3.0, "b": 1.0}, desiredInstanceCounts={"a": 4.0, "b": 1.0})
    assert fleet.requests == [[{"VariantName": "a", "DesiredWeight": 3.0, "DesiredInstanceCount": 4}],
                              [{"VariantName": "b", "DesiredInstanceCount": 1}]]
    assert isinstance(fleet.requests[0][0]["DesiredInstanceCount"], int), "the wire's 4.0 goes out as 4"
    assert [(v["desiredWeight"], v["desiredInstanceCount"]) for v in outs["productionVariants"]] == [(3.0, 4), (1.0, 1)]


def test_nothing_to_change_sends_nothing():
    fleet = Fleet()
    assert converge(fleet, variantWeights={"a": 1}) is None and fleet.requests == []
    assert converge(fleet, {"variantWeights": {"a": 5}}, variantWeights={"a": 5}) is None, "unchanged inputs"
    assert fleet.requests == []


def test_a_busy_endpoint_is_waited_out(no_waiting):
    fleet = Fleet(busy=1)
    converge(fleet, variantWeights={"b": 2})
    assert fleet.requests == [[{"VariantName": "b", "DesiredWeight": 2.0}]]
    assert len(no_waiting) == 2, "one wait for the busy endpoint to settle, one for our change"


def test_what_sagemaker_did_not_apply_is_an_error():
    with pytest.raises(EndpointError, match="SageMaker did not apply the weights b 1 -> 2 to endpoint 'ep'"):
        converge(Fleet(applies=False), variantWeights={"b": 2})


def test_the_rules_run_before_any_request():
    fleet = Fleet()
    with pytest.raises(EndpointError, match="variantWeights.c names variant 'c'"):
        converge(fleet, variantWeights={"c": 2})
    assert fleet.requests == []

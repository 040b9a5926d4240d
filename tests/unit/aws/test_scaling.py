"""A variant's scaling setup as the requests that put it back (members from botocore's model), and its record in
SageMaker tags: values of at most 256 allowed characters, within the 50-tag limit, decoded back exactly."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_sagemaker_endpoint.aws import scaling

TARGET = {"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/ep/variant/primary",
          "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 6,
          "RoleARN": "arn:aws:iam::1:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/x",
          "SuspendedState": {"DynamicScalingInSuspended": False}, "CreationTime": datetime(2026, 1, 1),
          "ScalableTargetARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/abc"}
POLICY = {"PolicyARN": "arn:...", "PolicyName": "invocations", "PolicyType": "TargetTrackingScaling",
          "ResourceId": "endpoint/ep/variant/primary", "CreationTime": datetime(2026, 1, 1), "Alarms": [],
          "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0}}
ACTION = {"ScheduledActionName": "nightly", "Schedule": "cron(0 2 * * ? *)", "Timezone": None,
          "StartTime": datetime(2026, 1, 2, tzinfo=timezone.utc), "ScalableTargetAction": {"MinCapacity": 2},
          "ScheduledActionARN": "arn:...", "CreationTime": datetime(2026, 1, 1)}
TAG_VALUE = re.compile(r"^[\w\s_.:/=+\-@]{0,256}$")


def test_a_setup_keeps_what_the_put_back_calls_take_and_drops_what_the_variant_implies():
    one = scaling.setup(TARGET, [POLICY], [ACTION])
    assert one == {
        "target": {"MinCapacity": 1, "MaxCapacity": 6, "SuspendedState": {"DynamicScalingInSuspended": False}},
        "policies": [{"PolicyName": "invocations", "PolicyType": "TargetTrackingScaling",
                      "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0}}],
        "actions": [{"ScheduledActionName": "nightly", "Schedule": "cron(0 2 * * ? *)",
                     "StartTime": "2026-01-02T00:00:00+00:00", "ScalableTargetAction": {"MinCapacity": 2}}]}
    assert scaling.summary(one) == "scalable target 1-6, 1 scaling policy, 1 scheduled action"


def test_the_calls_are_the_ones_of_botocores_model():
    import botocore.session

    operations = botocore.session.get_session().get_service_model(scaling.SERVICE).operation_names
    assert set(scaling.READS) | set(scaling.WRITES) <= set(operations)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=40), st.text(max_size=400), max_size=30))
def test_a_record_survives_the_tags_exactly(noise):
    record = {"version": 1, "from": "cfg-v1", "to": "cfg-v2",
              "variants": {"primary": scaling.setup(TARGET, [POLICY] * 3, [ACTION]), "noise": noise}}
    tags = scaling.record_tags(record)
    assert all(scaling.is_record_key(key) and len(key) <= 128 for key in tags)
    assert all(TAG_VALUE.match(value) for value in tags.values())
    assert scaling.read_record({"team": "ml", **tags}) == record
    assert scaling.without_record({"team": "ml", **tags}) == {"team": "ml"}


def test_a_typical_record_takes_a_few_tags():
    record = {"variants": {f"v{i}": scaling.setup(TARGET, [POLICY, POLICY], [ACTION]) for i in range(5)}}
    assert len(scaling.record_tags(record)) <= 3


def test_no_record_and_a_damaged_record():
    assert scaling.read_record({"team": "ml"}) is None
    tags = scaling.record_tags({"variants": {"primary": scaling.setup(TARGET, [POLICY], [])}})
    first = sorted(tags)[0]
    with pytest.raises(scaling.CorruptRecord):
        scaling.read_record({**tags, first: tags[first][:-4]})

"""The record of a rollout that rolled back or failed, as a tag value, and the plan's sentence about it."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from pulumi_sagemaker_endpoint.check.outcome_record import Record, alarms_detail, parse, record_value, sentence, when

TAG_VALUE = re.compile(r"^[\w\s.:/=+\-@]*$")  # the characters SageMaker allows in a tag value


def test_a_record_survives_its_tag_value():
    record = Record("rolled-back", "cfg-v2", "2026-05-01T10:00:00Z", alarms_detail(["p99-latency", "5xx-rate"]))
    assert parse(record_value(record)) == record
    assert sentence(record, "cfg-v2") == ("the last deployment of cfg-v2 was rolled back by alarms p99-latency and "
                                          "5xx-rate at 2026-05-01T10:00:00Z; this run deploys cfg-v2 again")


def test_a_failure_reason_is_cut_to_the_characters_and_length_a_tag_takes():
    reason = 'Image "x" could not be pulled (see https://docs, "ping"); ' + "long " * 80
    value = record_value(Record("not-live", "cfg-v2", "2026-05-01T10:00:00Z", reason))
    assert TAG_VALUE.match(value) and len(value) <= 256
    said = sentence(parse(value), "cfg-v3")
    assert said.startswith("the last deployment of cfg-v2 did not go live at 2026-05-01T10:00:00Z (Image x could not")
    assert said.endswith("; this run deploys cfg-v3 instead")


def test_anything_else_is_no_record():
    assert parse(None) is None and parse("") is None and parse("deployed cfg-v2 2026") is None


def test_times_are_utc():
    assert when(datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)) == "2026-05-01T12:00:00Z"
    assert when(datetime(2026, 5, 1, 12, 0)) == "2026-05-01T12:00:00Z", "naive means UTC, as botocore's are not"

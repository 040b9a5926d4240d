"""A SageMaker variant's scaling setup in Application Auto Scaling terms, and its durable record.

A setup is what puts it back: the RegisterScalableTarget, PutScalingPolicy and PutScheduledAction requests that
recreate the scalable target, its scaling policies and its scheduled actions, each made of the members botocore's
model says the call takes, taken from what the Describe* calls report.

While a reapply has a variant's setup taken off, the setups are recorded on the endpoint itself, as tags
(`pulumi_sagemaker_endpoint:autoscaling:NN`, the JSON compressed and cut into 256-character values of base64,
which SageMaker's tag values allow): the record outlives a killed provider, and whichever operation finds it
knows that a reapply was interrupted.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import zlib
from datetime import datetime
from typing import Any, Iterable, Mapping

from ..core.owner import TAG_PREFIX, TAG_VALUE_LIMIT
from .model import input_shape

SERVICE = "application-autoscaling"
NAMESPACE = "sagemaker"
DIMENSION = "sagemaker:variant:DesiredInstanceCount"

# part of a setup -> the call that puts it back
PUT_BACK = {"target": "RegisterScalableTarget", "policies": "PutScalingPolicy", "actions": "PutScheduledAction"}
# Every Application Auto Scaling call the provider makes (the IAM policy and the error sentences derive from these)
READS = ("DescribeScalableTargets", "DescribeScalingPolicies", "DescribeScheduledActions")
WRITES = ("DeregisterScalableTarget", *PUT_BACK.values())
# Members the variant implies, or that are not ours to send: SageMaker targets use Application Auto Scaling's
# service-linked role, which RegisterScalableTarget picks itself when no RoleARN is given.
IMPLIED = frozenset({"ServiceNamespace", "ResourceId", "ScalableDimension", "RoleARN"})

RECORD_PREFIX = f"{TAG_PREFIX}autoscaling:"
TAG_LIMIT = 50     # tags per SageMaker resource


def resource_id(endpoint: str, variant: str) -> str:
    return f"endpoint/{endpoint}/variant/{variant}"


def target_keys(endpoint: str, variant: str) -> dict[str, str]:
    """The members that name a variant's scalable target in every Application Auto Scaling call."""
    return {"ServiceNamespace": NAMESPACE, "ResourceId": resource_id(endpoint, variant),
            "ScalableDimension": DIMENSION}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def request_of(described: Mapping[str, Any], operation: str) -> dict[str, Any]:
    """The members of a Describe* entry that `operation` takes (botocore's model), less those the variant implies."""
    members = input_shape(operation, SERVICE).members
    return {key: _plain(value) for key, value in described.items()
            if key in members and key not in IMPLIED and value is not None}


def setup(target: Mapping[str, Any], policies: Iterable[Mapping[str, Any]],
          actions: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A variant's setup from DescribeScalableTargets, DescribeScalingPolicies and DescribeScheduledActions."""
    return {"target": request_of(target, PUT_BACK["target"]),
            "policies": [request_of(policy, PUT_BACK["policies"]) for policy in policies],
            "actions": [request_of(action, PUT_BACK["actions"]) for action in actions]}


def summary(one: Mapping[str, Any]) -> str:
    """"scalable target 1-6, 1 scaling policy, no scheduled action"."""
    target, policies, actions = one["target"], len(one["policies"]), len(one["actions"])
    return (f"scalable target {target.get('MinCapacity')}-{target.get('MaxCapacity')}, "
            f"{policies or 'no'} scaling polic{'y' if policies == 1 else 'ies'}, "
            f"{actions or 'no'} scheduled action{'' if actions == 1 else 's'}")


# ---- the record ------------------------------------------------------------------------------------------------

def is_record_key(key: str) -> bool:
    return key.startswith(RECORD_PREFIX)


def without_record(tags: Mapping[str, str]) -> dict[str, str]:
    return {key: value for key, value in tags.items() if not is_record_key(key)}


def record_tags(record: Mapping[str, Any]) -> dict[str, str]:
    """The record as tags: its JSON, compressed, base64, in 256-character values under numbered keys."""
    text = base64.b64encode(zlib.compress(json.dumps(record, sort_keys=True, separators=(",", ":")).encode(), 9))
    value = text.decode()
    count = math.ceil(len(value) / TAG_VALUE_LIMIT)
    return {f"{RECORD_PREFIX}{index:02d}": value[index * TAG_VALUE_LIMIT:(index + 1) * TAG_VALUE_LIMIT]
            for index in range(count)}


class CorruptRecord(ValueError):
    """The record's tags do not decode (edited or partly deleted by hand)."""


def read_record(tags: Mapping[str, str]) -> dict[str, Any] | None:
    """The record the tags hold, or None when they hold none."""
    parts = sorted((key, value) for key, value in tags.items() if is_record_key(key))
    if not parts:
        return None
    try:
        return json.loads(zlib.decompress(base64.b64decode("".join(value for _, value in parts), validate=True)))
    except (binascii.Error, zlib.error, ValueError) as error:
        raise CorruptRecord(str(error)) from None

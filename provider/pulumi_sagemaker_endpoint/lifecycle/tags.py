"""The endpoint's tags: the program's, plus the ownership tag that says which stack's resource created it; changed
in place with AddTags/DeleteTags, never by redeploying."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ..aws.scaling import without_record
from ..core import events
from ..core.shapes import tags_to_api

OWNER_TAG = "pulumi_sagemaker_endpoint:owner"


def user_tags(inputs: Mapping[str, Any]) -> dict[str, str]:
    return dict(inputs.get("tags") or {})


def tags_with_owner(inputs: Mapping[str, Any]) -> dict[str, str]:
    tags = user_tags(inputs)
    if inputs.get("owner"):
        tags[OWNER_TAG] = owner_tag_value(inputs["owner"])
    return tags


def owner_tag_value(owner: str) -> str:
    return re.sub(r"[^\w\s_.:/=+\-@]", "-", owner)[:256]


def without_owner(tags: Mapping[str, str]) -> dict[str, str]:
    """The program's tags among the live ones: neither the ownership tag nor an interrupted reapply's record."""
    return {key: value for key, value in without_record(tags).items() if key != OWNER_TAG}


def sync_tags(client: Any, olds: Mapping[str, Any], news: Mapping[str, Any]) -> None:
    old, new = tags_with_owner(olds), tags_with_owner(news)
    if old == new:
        return
    arn = olds["arn"]
    removed = [key for key in old if key not in new]
    changed = {key: value for key, value in new.items() if old.get(key) != value}
    if removed:
        client.delete_tags(ResourceArn=arn, TagKeys=removed)
    if changed:
        client.add_tags(ResourceArn=arn, Tags=tags_to_api(changed))
    events.emit(olds["name"], f"tags updated in place ({len(changed)} set, {len(removed)} removed)")

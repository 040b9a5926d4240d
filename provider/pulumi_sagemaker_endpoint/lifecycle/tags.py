"""The endpoint's tags: the program's, plus the ownership tag that says which stack's resource created it; changed
in place with AddTags/DeleteTags, never by redeploying."""
from __future__ import annotations

from typing import Any, Mapping

from ..core import events
from ..core.owner import OWNER_TAG, TAG_PREFIX, tag_value
from ..core.shapes import tags_to_api


def user_tags(inputs: Mapping[str, Any]) -> dict[str, str]:
    return dict(inputs.get("tags") or {})


def tags_with_owner(inputs: Mapping[str, Any]) -> dict[str, str]:
    tags = user_tags(inputs)
    if inputs.get("owner"):
        tags[OWNER_TAG] = owner_tag_value(inputs["owner"])
    return tags


def owner_tag_value(owner: str) -> str:
    return tag_value(owner)


def users_only(tags: Mapping[str, str]) -> dict[str, str]:
    """The tags without those the provider itself sets."""
    return {key: value for key, value in tags.items() if not key.startswith(TAG_PREFIX)}


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

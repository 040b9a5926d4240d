"""The endpoint's tags: the program's, plus the provider's own (the ownership tag that says which stack's resource
created it, and the record of a rollout that rolled back or failed); changed in place with AddTags/DeleteTags, never
by redeploying. The provider's tags are never the program's: reads leave them out of `tags`."""
from __future__ import annotations

from typing import Any, Mapping

from ..aws.find import live_tags
from ..check.outcome_record import Record, record_value
from ..core import events
from ..core.owner import OUTCOME_TAG, OWNER_TAG, TAG_PREFIX, tag_value
from ..core.shapes import tags_to_api


def user_tags(inputs: Mapping[str, Any]) -> dict[str, str]:
    return dict(inputs.get("tags") or {})


def tags_with_owner(inputs: Mapping[str, Any]) -> dict[str, str]:
    tags = user_tags(inputs)
    if inputs.get("owner"):
        tags[OWNER_TAG] = tag_value(inputs["owner"])
    return tags


def program_tags(tags: Mapping[str, str]) -> dict[str, str]:
    """The program's tags: without the provider's own."""
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


def remember_outcome(client: Any, described: Mapping[str, Any], record: Record | None) -> None:
    """Tag the endpoint with how its rollout ended (record None: it went live, so no earlier failure is the last
    outcome any more). A tag that cannot be written is a warning, never the error the user must read."""
    arn = described["EndpointArn"]
    try:
        if record is None:
            if OUTCOME_TAG in live_tags(client, arn):  # look first: an update that changes no tag sends no tag call
                client.delete_tags(ResourceArn=arn, TagKeys=[OUTCOME_TAG])
        else:
            client.add_tags(ResourceArn=arn, Tags=tags_to_api({OUTCOME_TAG: record_value(record)}))
    except Exception as error:  # noqa: BLE001 - the rollout's own outcome is what to report
        events.emit(described["EndpointName"], f"warning: could not record how the deployment ended on the "
                                               f"endpoint's tags ({type(error).__name__}); the next preview may not "
                                               f"say it.")

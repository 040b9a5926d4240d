"""A create that finds its name taken decides alike for every resource: the live one is being deleted (wait for it
to go), an interrupted create of this very resource made it (our owner and the creating tag, core/owner.py: adopt
it), it is this resource's own finished one (a replacement wants its name) or another's (refuse). Each resource says
so in its own sentences."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..aws.errors import EndpointError
from ..aws.find import live_tags
from ..aws.waiting import Kind
from ..core import events, owner

ADOPTING = "already exists and is ours (an interrupted run created it); adopting it"


@dataclass(frozen=True)
class Refusals:
    """A resource's sentences for a taken name, each naming it and what to do."""

    deleting: str  # the live one is being deleted
    ours: str      # it is the live one of this very resource, so its replacement cannot take the name
    theirs: str    # this stack did not create it


def adopt_or_refuse(client: Any, kind: Kind, name: str, existing: Mapping[str, Any] | None,
                    resource_owner: str | None, refusals: Refusals) -> None:
    """Return, having said it adopts, when `existing` (the described resource named `name`, None when it went since)
    is what an interrupted create of ours made; raise the refusal that fits otherwise."""
    if existing is None or existing[kind.status_key] == "Deleting":
        raise EndpointError(refusals.deleting)
    standing = owner.standing(live_tags(client, existing[kind.arn_key]), resource_owner)
    if standing == "interrupted":
        events.emit(name, ADOPTING, kind.noun)
        return
    raise EndpointError(refusals.ours if standing == "ours" else refusals.theirs)

"""Which Pulumi resource an endpoint belongs to: `<organization>/<URN>`, the URN as the engine forms it (the parent
type chain and the resource name included), so that two resources of one name under different parents, or of one
project and stack in two organizations, are never the same owner. The owner names the endpoint (the auto-name's
digest), tags it (the ownership tag) and names the role session.

States written before the organization and the URN were part of it hold `project/stack/resource`; `parse` reads
both forms."""
from __future__ import annotations

import hashlib
import re
from typing import Mapping, NamedTuple

ROOT_STACK_TYPE = "pulumi:pulumi:Stack"
TAG_PREFIX = "pulumi_sagemaker_endpoint:"
OWNER_TAG = f"{TAG_PREFIX}owner"        # the owner, on every endpoint a Pulumi resource creates
CREATING_TAG = f"{TAG_PREFIX}creating"  # set by CreateEndpoint, removed once create() returns: an endpoint that
                                        # still has it was made by a create that never finished (interrupted)
OUTCOME_TAG = f"{TAG_PREFIX}last-outcome"  # how the last rollout ended, when it rolled back or failed
TAG_VALUE_LIMIT = 256


class Owner(NamedTuple):
    organization: str | None
    project: str
    stack: str
    name: str


def urn(stack: str, project: str, type_: str, name: str, parent_urn: str | None = None) -> str:
    """The URN the engine gives a resource: its type follows its parents' types (`Parent$Child`), except the root
    stack's (pkg/resource/urn.go NewURN; sdk/python/lib/pulumi/resource.py)."""
    qualified = type_
    if parent_urn:
        parent_type = parent_urn.split("::")[2]
        if parent_type != ROOT_STACK_TYPE:
            qualified = f"{parent_type}${type_}"
    return f"urn:pulumi:{stack}::{project}::{qualified}::{name}"


def owner(organization: str, resource_urn: str) -> str:
    return f"{organization}/{resource_urn}"


def parse(value: str) -> Owner:
    """Either form; a value of neither is all name."""
    organization, _, rest = value.partition("/")
    parts = rest[len("urn:pulumi:"):].split("::", 3) if rest.startswith("urn:pulumi:") else []
    if len(parts) == 4:
        stack, project, _type, name = parts
        return Owner(organization, project, stack, name)
    parts = value.split("/", 2)  # the form earlier versions wrote
    if len(parts) == 3:
        return Owner(None, *parts)
    return Owner(None, "", "", value)


def standing(tags: Mapping[str, str], owner: str | None) -> str:
    """What a live endpoint's tags make it to the resource of this owner: "interrupted" (its, from a create that
    never finished), "ours" (its, created) or "taken" (another's, or no one's)."""
    if not owner or tags.get(OWNER_TAG) != tag_value(owner):
        return "taken"
    return "interrupted" if CREATING_TAG in tags else "ours"


def tag_value(value: str) -> str:
    """The owner as a tag value: SageMaker's characters only, and past 256 of them cut and ended with a digest of
    the whole owner, so two long owners never share a tag."""
    cleaned = re.sub(r"[^\w\s_.:/=+\-@]", "-", value)
    if len(cleaned) <= TAG_VALUE_LIMIT:
        return cleaned
    digest = hashlib.sha256(value.encode()).hexdigest()[:12]
    return f"{cleaned[:TAG_VALUE_LIMIT - len(digest) - 1]}-{digest}"

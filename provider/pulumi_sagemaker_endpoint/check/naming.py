"""The endpoint's physical name: the program's, the import's, the one the endpoint already has, or, for a new
endpoint, `<logical>-<7 hex>` from a digest of the owner (so previews agree with `up`).

The engine asks for a new endpoint with a Check that has no olds, both for a create and for a replacement
(`pulumi up --replace`, a taint, a replacement trigger or a provider-driven replace; step_generator.go
continueStepsFromImport / continueStepsFromDiff). `claim` tells them apart by asking SageMaker: the first
candidate name that is free, or that carries this resource's owner and the creating tag (an interrupted create,
which create() adopts), is this resource's; one that this resource finished creating is the endpoint being
replaced, and the replacement takes the next candidate. An explicit name in use by this very resource can only be
replaced delete-first."""
from __future__ import annotations

import hashlib
import re
from typing import Any, Mapping

from ..aws.clients import Target, sagemaker
from ..aws.find import find_endpoint, live_tags
from ..core.owner import parse, standing
from ..core.unknowns import is_unknown, known
from .failures import Failure
from .lookups import warn

NAME_LIMIT = 63
SUFFIX_LENGTH = 7
CANDIDATES = 8  # names tried for a new endpoint before giving up (two are enough unless endpoints were orphaned)


def logical_name(inputs: Mapping[str, Any]) -> str | None:
    owner = inputs.get("owner")
    if not isinstance(owner, str) or is_unknown(owner):
        return None
    return parse(owner).name


def auto_name(inputs: dict[str, Any], olds: Mapping[str, Any]) -> list[Failure]:
    """The name when the program gives none (no AWS call): the import's, else the one the endpoint already has
    (an adopted one after `import_` is removed, an aliased resource's), else the first candidate."""
    if "name" in inputs:
        return []
    if isinstance(inputs.get("importId"), str):
        inputs["name"] = inputs["importId"]
        return []
    if known(olds.get("name")):
        inputs["name"] = olds["name"]
        return []
    if logical_name(inputs) is None:
        return [Failure("name", "name is required when the endpoint has no Pulumi resource name; set name.")]
    inputs["name"] = candidate(inputs, 0)
    return []


def candidate(inputs: Mapping[str, Any], index: int) -> str:
    owner = inputs["owner"] if index == 0 else f"{inputs['owner']}#{index}"
    return f"{_name_prefix(logical_name(inputs) or '')}-{hashlib.sha256(owner.encode()).hexdigest()[:SUFFIX_LENGTH]}"


def _name_prefix(logical: str) -> str:
    cleaned = re.sub(r"[^a-zA-Z0-9]+", "-", logical).strip("-") or "endpoint"
    return cleaned[: NAME_LIMIT - SUFFIX_LENGTH - 1].rstrip("-")


def claim(inputs: dict[str, Any], olds: Mapping[str, Any], explicit: bool, target: Target) -> list[Failure]:
    """For a new endpoint (no olds): a free auto-name, or the failure of an explicit name already in use."""
    if olds or isinstance(inputs.get("importId"), str) or not known(inputs.get("name"), inputs.get("owner")):
        return []
    try:
        client = sagemaker(target)
        return _explicit_in_use(client, inputs) if explicit else _free_name(client, inputs)
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"endpoint {inputs['name']}: could not check during preview whether the name is free "
             f"({type(error).__name__}); create() refuses to take over an endpoint in use.")
        return []


def _standing(client: Any, name: str, owner: str) -> str:
    """"free", "interrupted" (ours, its create never finished), "ours" (this resource's, created) or "taken"."""
    described = find_endpoint(client, name)
    if described is None:
        return "free"
    return standing(live_tags(client, described["EndpointArn"]), owner)


def _free_name(client: Any, inputs: dict[str, Any]) -> list[Failure]:
    for index in range(CANDIDATES):
        name = candidate(inputs, index)
        if _standing(client, name, inputs["owner"]) in ("free", "interrupted"):
            inputs["name"] = name
            return []
    return [Failure("name", f"name cannot be chosen: the {CANDIDATES} names this resource can be auto-named "
                            f"({candidate(inputs, 0)} and the like) are all taken by live endpoints; delete the "
                            f"endpoints no stack knows, or set name.")]


def _explicit_in_use(client: Any, inputs: Mapping[str, Any]) -> list[Failure]:
    name = inputs["name"]
    described = find_endpoint(client, name)
    if described is None or described["EndpointName"] != name:  # free, or a case-only rename (delete-first)
        return []
    status = _standing(client, name, inputs["owner"])
    if status == "taken":
        return [Failure("name", f"name {name!r} is an endpoint that already exists and that no Pulumi resource of "
                                f"this stack created; to manage it here, import it with "
                                f"opts=pulumi.ResourceOptions(import_={name!r}), or choose another name.")]
    if status == "ours" and inputs.get("deleteBeforeReplace") is not True:
        return [Failure("name", f"name {name!r} is the endpoint this resource already has, and its "
                                f"replacement would be created before it is deleted, which SageMaker's unique names "
                                f"forbid; set opts=pulumi.ResourceOptions(delete_before_replace=True) on this "
                                f"Endpoint, or remove name to let the replacement be auto-named.")]
    return []

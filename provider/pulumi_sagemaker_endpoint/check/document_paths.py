"""Problems found in the state form, spoken in the document's paths: `deploymentConfig.blueGreenUpdatePolicy` is
reported as `DeploymentConfig.BlueGreenUpdatePolicy`, a tag's value as the `Tags[i].Value` that holds it."""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from ..core.properties import PROPERTIES, Role
from ..core.shapes import camel, pascal
from .failures import Failure

# The document's keys and the state form's, both directions: the properties the API's endpoint calls take.
DOCUMENT_KEYS = {p.api: p.state for p in PROPERTIES if p.api and p.role is Role.INPUT}
STATE_KEYS = {state: document for document, state in DOCUMENT_KEYS.items()}


def to_state(document: Mapping[str, Any]) -> dict[str, Any]:
    """The known keys under their state-form names; check() converts the values."""
    return {DOCUMENT_KEYS[key]: value for key, value in document.items() if key in DOCUMENT_KEYS}


def document_path(state_path: str, document: Mapping[str, Any]) -> str:
    """`deploymentConfig.blueGreenUpdatePolicy.x` -> `DeploymentConfig.BlueGreenUpdatePolicy.X`, spelled as the
    document spells each key; a tag's value `tags.team` -> `Tags[2].Value` (the item that holds it); "" for an
    input no document has (`autoscaling`): the sentence says what to do without a path to set."""
    if not state_path:
        return state_path
    if state_path.startswith("tags."):
        return _tag_path(state_path[len("tags."):], document.get("Tags"))
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", state_path)
    head = parts[0]
    if head not in STATE_KEYS:
        return ""
    path = STATE_KEYS[head]
    value: Any = document.get(path)
    for part in parts[1:]:
        if part.startswith("["):
            index = int(part[1:-1])
            path += part
            value = value[index] if isinstance(value, list) and index < len(value) else None
            continue
        key = _spelled(value, part)
        path += f".{key}"
        value = value.get(key) if isinstance(value, Mapping) else None
    return path


def _spelled(value: Any, state_key: str) -> str:
    """The document's key whose state form is `state_key` (PascalCase when the document has none)."""
    if isinstance(value, Mapping):
        for key in value:
            if camel(str(key)) == state_key:
                return str(key)
    return pascal(state_key)


def _tag_path(key: str, tags: Any) -> str:
    if isinstance(tags, list):
        for index, item in enumerate(tags):
            if isinstance(item, Mapping) and item.get("Key") == key:
                return f"Tags[{index}].Value"
    return f"Tags.{key}"


def document_failures(failures: Iterable[Failure], document: Mapping[str, Any]) -> list[Failure]:
    """State-form failures (from check_inputs or the rules) spoken in the document's paths."""
    translated = []
    for failure in failures:
        where = document_path(failure.property, document)
        reason = failure.reason
        if where and reason.startswith(failure.property):
            reason = where + reason[len(failure.property):]
        reason = re.sub(r"\bdeploymentConfig(?:\.[A-Za-z]\w*|\[\d+\])*", lambda m: document_path(m.group(0),
                                                                                                 document), reason)
        translated.append(Failure(where, reason))
    return translated


def merge(failures: Iterable[Failure]) -> list[Failure]:
    """One problem per path (the first, which is the more specific), sorted by path."""
    first: dict[str, Failure] = {}
    for failure in failures:
        first.setdefault(failure.property, failure)
    return sorted(first.values())

"""The committed schema.json holds for the installed botocore's SageMaker model, the floor's included: the same
fields and bounds, patterns equal up to the anchors some model versions spell inside them."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pulumi_sagemaker_endpoint.check.schema_gen import render

ROOT = Path(__file__).resolve().parents[3]
WRAPPED = re.compile(r"\^\(\?:(?P<inner>.*)\)\$\(\?!\[\\s\\S\]\)", re.S)


def unanchored(pattern: str) -> str:
    """schema_gen wraps each pattern as ^(?:...)$(?![\\s\\S]); a ^ opening or a $ closing the inner part is
    redundant there (newer botocore models write them, older ones do not)."""
    match = WRAPPED.fullmatch(pattern)
    if not match:
        return pattern
    inner = match["inner"]
    if inner.startswith("^"):
        inner = inner[1:]
    if inner.endswith("$") and not inner.endswith("\\$"):
        inner = inner[:-1]
    return f"^(?:{inner})$(?![\\s\\S])"


def normalized(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {key: unanchored(value) if key == "pattern" and isinstance(value, str) else normalized(value)
                for key, value in schema.items()}
    if isinstance(schema, list):
        return [normalized(value) for value in schema]
    return schema


def test_committed_schema_holds_for_the_installed_botocore_model():
    committed = json.loads((ROOT / "schema.json").read_text())
    generated = json.loads(render())
    assert normalized(committed) == normalized(generated)


def test_the_anchors_are_the_only_spelling_normalized_away():
    assert unanchored("^(?:^[a-z]+$)$(?![\\s\\S])") == "^(?:[a-z]+)$(?![\\s\\S])"
    assert unanchored("^(?:[a-z]+\\$)$(?![\\s\\S])") == "^(?:[a-z]+\\$)$(?![\\s\\S])"
    assert unanchored("^(?:a|^b)$(?![\\s\\S])") == "^(?:a|^b)$(?![\\s\\S])"

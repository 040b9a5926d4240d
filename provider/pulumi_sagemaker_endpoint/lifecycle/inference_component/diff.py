"""olds (the state's outputs) and news (checked inputs) to a Diff, by the InferenceComponent's table. Pure."""
from __future__ import annotations

from typing import Any, Mapping

from ...core.inference_component.properties import REPLACE_KEYS, UPDATE_KEYS
from ..diff import Diff, diff as table_diff


def diff(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Diff:
    """Without variant_name the component sits on the endpoint's only variant, the one the state records: that is
    no change of variant."""
    if news.get("variantName") is None and olds.get("variantName") is not None:
        news = {**news, "variantName": olds["variantName"]}
    return table_diff(olds, news, REPLACE_KEYS, UPDATE_KEYS)

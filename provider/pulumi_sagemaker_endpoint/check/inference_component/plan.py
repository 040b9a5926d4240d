"""The InferenceComponent's rollout plan, shown in the preview: what create or update will do to its copies, in
the Endpoint plan's words for a rolling policy (check/plan.py), and whose copy count it is."""
from __future__ import annotations

from typing import Any, Mapping

from ...core.unknowns import is_unknown
from ..plan import strategy
from .rules import copy_count

UNIT = "copies"


def autoscaler_says(scaled: str | None) -> str:
    if scaled is None:
        return ""
    return (f"; the copy count is Application Auto Scaling's (scalable target {scaled} copies): "
            f"runtime_config.copy_count is not applied and refresh leaves the autoscaler's count alone")


def adapted(inputs: Mapping[str, Any]) -> str | None:
    """The base component an adapter's specification names ("known after apply" while unknown), else None."""
    base = (inputs.get("specification") or {}).get("baseInferenceComponentName")
    if base is None:
        return None
    return "its base (known after apply)" if is_unknown(base) else str(base)


def rollout_plan(olds: Mapping[str, Any], inputs: Mapping[str, Any], count: int | None, scaled: str | None) -> str:
    """count: the copies a rolling batch is measured against; scaled: the copy count's scalable range ("1-4"), when
    Application Auto Scaling owns it."""
    new_count = copy_count(inputs)
    base = adapted(inputs)
    if not olds:
        copies = f"{new_count} copies" if new_count is not None else "the copy count known after apply"
        if base is not None:
            copies = f"no copies of its own (an adapter, loaded into the copies of {base})"
        return f"create on {inputs.get('endpointName')}/{inputs.get('variantName') or 'its only variant'} with " \
               f"{copies}, waiting for InService{autoscaler_says(scaled)}"
    changes = []
    if inputs.get("specification") != olds.get("specification"):
        changes.append("new specification" if not is_unknown(inputs.get("specification"))
                       else "specification known after apply")
    old_count = copy_count(olds)
    if new_count != old_count and scaled is None:
        changes.append(f"copy count {old_count} -> {new_count}")
    if not changes:
        return f"no rollout: specification unchanged{autoscaler_says(scaled)}" if scaled else \
            "no rollout: specification and copy count unchanged"
    config = inputs.get("deploymentConfig")
    if base is not None:
        how = f"loaded into the copies of {base} (an adapter has no copies of its own to roll out in batches)"
    else:
        how = strategy(config, count, UNIT) if config else \
            "all copies at once (no deployment_config), no rollback alarms"
    return f"{' and '.join(changes)}: {how}{autoscaler_says(scaled)}"

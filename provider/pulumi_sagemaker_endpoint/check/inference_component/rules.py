"""The InferenceComponent's rules JSON Schema cannot state: rolling batch sizes against the copy count, and where
the component may be placed (an endpoint that exists, whose EndpointConfig hosts inference components and has the
variant). Timeouts against the waits and the rollback alarms are the Endpoint's rules (check/rules.py)."""
from __future__ import annotations

from typing import Any, Mapping

from ...core.shapes import whole_numbers
from ...core.unknowns import known
from ..failures import Failure
from ..rules import ROLLING

# (member of the rolling policy, least and most share of the copy count): "The value must be between 5% to 50% of
# the copy count of the inference component"; a rollback batch is at most all of them.
BATCHES = (("maximumBatchSize", 0.05, 0.5), ("rollbackMaximumBatchSize", 0.0, 1.0))


def copy_count(inputs: Mapping[str, Any]) -> int | None:
    """runtime_config.copy_count, when known (a whole number: the engine's wire carries 2 as 2.0)."""
    runtime = inputs.get("runtimeConfig")
    count = whole_numbers(runtime.get("copyCount")) if isinstance(runtime, Mapping) else None
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def batch_failures(inputs: Mapping[str, Any], count: int | None) -> list[Failure]:
    """Each rolling batch size against `count` copies (the program's, or the autoscaler's when it owns them)."""
    config = inputs.get("deploymentConfig")
    rolling = config.get("rollingUpdatePolicy") if isinstance(config, Mapping) else None
    if not isinstance(rolling, Mapping):
        return []
    failures = []
    for member, low, high in BATCHES:
        size = rolling.get(member)
        if not isinstance(size, Mapping) or not known(size.get("type"), size.get("value")):
            continue
        where = f"{ROLLING}.{member}"
        if size["type"] == "CAPACITY_PERCENT":
            share, said = size["value"] / 100, f"{size['value']} %"
        elif count:
            share, said = size["value"] / count, f"{size['value']} of the {count} copies"
        else:
            continue
        if not low <= share <= high:
            bounds = f"at most {high:.0%}" if low == 0 else f"between {low:.0%} and {high:.0%}"
            failures.append(Failure(where, f"{where} is {said}; SageMaker allows {bounds} of the inference "
                                           f"component's copy count; change the batch size or the copy count."))
    return failures


def placement_failures(inputs: Mapping[str, Any], endpoint: Mapping[str, Any] | None,
                       config: Mapping[str, Any] | None) -> list[Failure]:
    """endpoint: its DescribeEndpoint (None: it does not exist); config: its EndpointConfig (None: unreadable)."""
    name = inputs.get("endpointName")
    if endpoint is None:
        return [Failure("endpointName", f"endpointName {name!r} is not an endpoint in this account and region; "
                                        f"create the endpoint first (an Endpoint resource whose output name this "
                                        f"takes waits for it) or fix the name.")]
    if config is None:
        return []
    variants = config.get("ProductionVariants", [])
    if any(variant.get("ModelName") for variant in variants):
        return [Failure("endpointName", f"endpointName {name!r} cannot host inference components: its "
                                        f"EndpointConfig {config.get('EndpointConfigName')!r} names models; deploy "
                                        f"an EndpointConfig with an ExecutionRoleArn and variants without a "
                                        f"ModelName.")]
    variant = inputs.get("variantName")
    names = [v.get("VariantName") for v in variants]
    if known(variant) and variant not in names:
        return [Failure("variantName", f"variantName {variant!r} is not a production variant of endpoint "
                                       f"{name!r} (it has {', '.join(map(str, names))}); fix the name.")]
    return []

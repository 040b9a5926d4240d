"""Deployment guardrails "Exclusions" (SageMaker's page of that name): blue/green and rolling updates keep the
variant names; rolling updates take one instance-based variant; with AWS Marketplace containers or Inf1 instances
SageMaker falls back to all at once with no baking period, which the plan must say instead of promising a canary.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from .failures import Failure

ROLLING = "deploymentConfig.rollingUpdatePolicy"
INF1 = "ml.inf1."
ModelLookup = Callable[[str], "Mapping[str, Any] | None"]  # DescribeModel, None when it cannot be read


def guarded(inputs: Mapping[str, Any]) -> bool:
    """A DeploymentConfig (blue/green, SageMaker's default policy, or rolling) governs the update."""
    config = inputs.get("deploymentConfig")
    return isinstance(config, Mapping) and bool(config)


def _variants(config: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(config.get("ProductionVariants", []))


def name_failures(inputs: Mapping[str, Any], config: Mapping[str, Any], old_config: Any,
                  old_names: Sequence[str]) -> list[Failure]:
    """A guarded update needs the new config to keep the live config's variant names."""
    new_names = sorted(v.get("VariantName") for v in _variants(config))
    if not guarded(inputs) or not old_names or sorted(old_names) == new_names:
        return []
    return [Failure("deploymentConfig",
                    f"deploymentConfig deploys with guardrails, which need endpoint config "
                    f"{inputs.get('endpointConfigName')} to keep the variant names of the live config {old_config} "
                    f"({', '.join(sorted(old_names))}), but it has {', '.join(new_names)}; keep the variant names, "
                    f"or remove deploymentConfig to deploy without guardrails.")]


def rolling_failures(inputs: Mapping[str, Any], config: Mapping[str, Any]) -> list[Failure]:
    """Rolling updates are excluded for endpoints with several variants and for serverless ones."""
    deployment = inputs.get("deploymentConfig")
    if not isinstance(deployment, Mapping) or not isinstance(deployment.get("rollingUpdatePolicy"), Mapping):
        return []
    variants, name = _variants(config), inputs.get("endpointConfigName")
    if len(variants) > 1:
        why = f"has {len(variants)} variants ({', '.join(str(v.get('VariantName')) for v in variants)})"
    elif any(v.get("ServerlessConfig") for v in variants):
        why = "is serverless"
    else:
        return []
    return [Failure(ROLLING, f"{ROLLING} is not supported for endpoint config {name}, which {why}: rolling "
                             f"updates need a single instance-based variant; use deploymentConfig.blueGreenUpdatePolicy instead.")]


def fallback_reason(fleets: Iterable[tuple[str | None, str | None]], describe_model: ModelLookup) -> str | None:
    """What makes SageMaker fall back to all at once without baking, for the (instance type, model name) of the old
    and new fleets; None when nothing does (or a model cannot be read)."""
    fleets = list(fleets)
    if any(str(instance_type or "").startswith(INF1) for instance_type, _ in fleets):
        return "endpoints that use Inf1 instances"
    for model in sorted({model for _, model in fleets if model}):
        description = describe_model(model) or {}
        containers = [description.get("PrimaryContainer") or {}, *(description.get("Containers") or [])]
        if any(container.get("ModelPackageName") for container in containers):
            return "AWS Marketplace containers"
    return None


def fleet(config: Mapping[str, Any]) -> list[tuple[str | None, str | None]]:
    """(instance type, model name) of each variant of an EndpointConfig."""
    return [(v.get("InstanceType"), v.get("ModelName")) for v in _variants(config)]


def fallback_text(reason: str) -> str:
    return (f"ALL_AT_ONCE with no baking period: deployment guardrails do not support {reason}, so SageMaker falls "
            f"back to it and watches no rollback alarms")

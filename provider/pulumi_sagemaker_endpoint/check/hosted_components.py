"""A new EndpointConfig for an endpoint that hosts inference components: AWS documents no guarantee for the
components through UpdateEndpoint, so the plan says which are there and the update is refused unless the program
opts in with `inference_components="update"`. Only an endpoint whose config can host components is asked (a
classic endpoint costs no call)."""
from __future__ import annotations

from typing import Any, Mapping

from ..aws.clients import Target, sagemaker
from ..aws.find import find_config
from ..aws.inference_component.find import hosted_on
from ..core.unknowns import known
from .failures import Failure
from .lookups import warn

OPT_IN = "update"


def hosts_components(variants: Any) -> bool:
    """Whether an EndpointConfig's variants (state or API form) host inference components: they name no model."""
    if not isinstance(variants, list) or not variants:
        return False
    return not any(isinstance(v, Mapping) and (v.get("modelName") or v.get("ModelName")) for v in variants)


def judge(inputs: Mapping[str, Any], hosted: list[str]) -> tuple[list[Failure], str]:
    """(failures, plan text) for a new EndpointConfig over the components `hosted`."""
    if not hosted:
        return [], ""
    names = ", ".join(hosted)
    if inputs.get("inferenceComponents") == OPT_IN:
        return [], (f"; hosted inference components {names} stay placed on the endpoint's variants through the "
                    f"update (inference_components=\"update\": AWS documents no guarantee for them)")
    return [Failure("inferenceComponents",
                    f"inferenceComponents must be \"update\" to deploy {inputs.get('endpointConfigName')!r} to "
                    f"endpoint {inputs.get('name')!r}: it hosts inference components {names}, and AWS documents no "
                    f"guarantee for them through UpdateEndpoint; set inference_components=\"update\" to accept "
                    f"that, or delete or move the components first.")], \
        f"; hosted inference components {names}: refused unless inference_components=\"update\""


def review(olds: Mapping[str, Any], inputs: Mapping[str, Any], target: Target) -> tuple[list[Failure], str]:
    """At preview: only for a new EndpointConfig that hosts components (components stay only on such a one)."""
    if not olds or not known(inputs.get("endpointConfigName"), inputs.get("name")) or \
            inputs.get("endpointConfigName") == olds.get("endpointConfigName"):
        return [], ""
    try:
        client = sagemaker(target)
        config = find_config(client, inputs["endpointConfigName"])
        if config is None or not hosts_components(config.get("ProductionVariants")):
            return [], ""
        hosted = [e["InferenceComponentName"] for e in hosted_on(client, inputs["name"])]
    except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
        warn(f"endpoint {inputs.get('name')}: could not list its inference components during preview "
             f"({type(error).__name__}); they are checked again before UpdateEndpoint.")
        return [], ""
    return judge(inputs, sorted(hosted))


def live_failures(inputs: Mapping[str, Any], target: Target, config: Mapping[str, Any]) -> list[Failure]:
    """Before UpdateEndpoint, where AWS must be readable: `config` is the new EndpointConfig."""
    if not hosts_components(config.get("ProductionVariants")):
        return []
    hosted = sorted(e["InferenceComponentName"] for e in hosted_on(sagemaker(target), inputs["name"]))
    return judge(inputs, hosted)[0]

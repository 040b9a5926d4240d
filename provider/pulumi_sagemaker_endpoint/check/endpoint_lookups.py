"""What `check()` reads from AWS beyond the new EndpointConfig and the alarms (check gets the old inputs, not the
state's outputs): the live endpoint (its variants, weights and counts) for a rollout or an in-place change; for a
rollout the provider's record of the last one, and with a DeploymentConfig the old config and the models of both
fleets (a Marketplace container makes SageMaker fall back to all at once). A preview never fails on them: a warning
says what could not be read."""
from __future__ import annotations

from typing import Any, Mapping

from ..aws.clients import Target, sagemaker
from ..aws.find import find_config, find_endpoint, live_tags
from ..core.unknowns import is_unknown
from .exclusions import ModelLookup
from .lookups import warn
from ..core.owner import OUTCOME_TAG
from .outcome_record import Record, parse


def model_lookup(inputs: Mapping[str, Any], target: Target) -> ModelLookup:
    """DescribeModel, each model once; None (with a warning) for a model that cannot be read."""
    seen: dict[str, Mapping[str, Any] | None] = {}

    def describe(model: str) -> Mapping[str, Any] | None:
        if model not in seen:
            try:
                seen[model] = sagemaker(target).describe_model(ModelName=model)
            except Exception as error:  # noqa: BLE001 - preview must not fail because AWS is unreadable
                warn(f"endpoint {inputs.get('name')}: could not read model {model!r} during preview "
                     f"({type(error).__name__}); whether SageMaker falls back to all at once is not known.")
                seen[model] = None
        return seen[model]

    return describe


def live_endpoint(inputs: Mapping[str, Any], target: Target) -> dict[str, Any] | None:
    """DescribeEndpoint of the endpoint being updated; None (with a warning) when it cannot be read or is gone."""
    name = inputs.get("name")
    if not isinstance(name, str) or is_unknown(name):
        return None
    try:
        return find_endpoint(sagemaker(target), name)
    except Exception as error:  # noqa: BLE001
        warn(f"endpoint {name}: could not read it during preview ({type(error).__name__}); its variant rules are "
             f"checked again before UpdateEndpoint.")
        return None


def old_config(live: Mapping[str, Any], target: Target) -> dict[str, Any] | None:
    """DescribeEndpointConfig of the config the endpoint runs now."""
    try:
        return find_config(sagemaker(target), live["EndpointConfigName"])
    except Exception as error:  # noqa: BLE001
        warn(f"endpoint {live.get('EndpointName')}: could not read its live endpoint config during preview "
             f"({type(error).__name__}); whether SageMaker falls back to all at once is not known.")
        return None


def last_outcome(live: Mapping[str, Any], target: Target) -> Record | None:
    """The record of the endpoint's last rollout, when it rolled back or failed."""
    try:
        return parse(live_tags(sagemaker(target), live["EndpointArn"]).get(OUTCOME_TAG))
    except Exception as error:  # noqa: BLE001
        warn(f"endpoint {live.get('EndpointName')}: could not read its tags during preview "
             f"({type(error).__name__}); the plan cannot say how the last deployment ended.")
        return None

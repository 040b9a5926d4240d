"""Update: tags in place; a new EndpointConfig only through UpdateEndpoint, followed until the rollout ends and
reported truthfully (see rollout.py); an unchanged name whose config was recreated is refused; weights and desired
counts in place, and again after a rollout (see weights.py)."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ..aws import waiting
from ..aws.clients import Target, sagemaker
from ..aws.errors import EndpointError, InvalidInputs, explain, is_in_progress
from ..aws.find import find_config, find_endpoint, require_config, retry_consistency
from ..check.review import live_failures
from ..core import events, timeouts
from ..core.words import words
from . import reapply
from .weights import converge
from .hosted_components import with_hosted
from .outputs import iso, outputs
from .requests import update_request
from .rollout import follow, outcome
from .tags import sync_tags


def update(name: str, olds: Mapping[str, Any], news: Mapping[str, Any], target: Target,
           wait: bool = True) -> dict[str, Any]:
    """wait=False returns right after UpdateEndpoint instead of following the rollout to its end."""
    client = sagemaker(target)
    deadline = time.monotonic() + timeouts.seconds(news, "update")
    try:
        sync_tags(client, olds, news)
        if news["endpointConfigName"] != olds.get("endpointConfigName"):
            return with_hosted(client, reapply.around(target, name, olds, news, deadline,
                                                      lambda: deploy(client, target, name, news, deadline, wait),
                                                      wait))
        reapply.finish(target, name, olds["arn"], deadline)
        config = refuse_recreated_config(client, name, olds, news)
        described = find_endpoint(client, name)
        if described is None:
            raise EndpointError(f"Endpoint {name!r} no longer exists; {words().recreate}.")
        return with_hosted(client, converge(client, target, name, news, config, described, deadline, olds)
                           or outputs(news, described, config))
    except Exception as error:
        raise explain(error, name, "updating") from None


def refuse_recreated_config(client: Any, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Any:
    config = find_config(client, news["endpointConfigName"])
    recorded = olds.get("endpointConfigCreationTime")
    if config is not None and recorded and iso(config.get("CreationTime")) != recorded:
        raise EndpointError(
            f"EndpointConfig {news['endpointConfigName']!r} of endpoint {name!r} was recreated under the same name, "
            f"which SageMaker never applies to a running endpoint; give the new EndpointConfig a new name (for "
            f"example let Pulumi auto-name it) so that the change deploys through UpdateEndpoint.")
    return config


def deploy(client: Any, target: Target, name: str, news: Mapping[str, Any], deadline: float,
           wait: bool = True) -> dict[str, Any]:
    """The new EndpointConfig through UpdateEndpoint, unless an interrupted run already made it live."""
    new_config = news["endpointConfigName"]
    config = require_config(client, new_config, name, deadline)
    live = settled_endpoint(target, name, deadline)
    failures = live_failures(news, target, config, live)
    if failures:
        raise InvalidInputs(failures)
    if live.get("EndpointConfigName") == new_config and live.get("EndpointStatus") == "InService":
        events.emit(name, f"{new_config} is already live (an earlier, interrupted run deployed it)")
        return converge(client, target, name, news, config, live, deadline) or outputs(news, live, config)
    events.emit(name, f"deploying {news.get('rolloutPlan') or new_config}")
    start_update(client, name, news, deadline)
    if not wait:  # the CLI without --wait: SageMaker accepted the update
        return outputs(news, find_endpoint(client, name) or live, config)
    follow(client, name, deadline)
    described = find_endpoint(client, name)
    if described is None:
        raise EndpointError(f"Endpoint {name!r} was deleted while it was being updated; {words().recreate}.")
    deployed = outcome(target, name, news, described, config)
    return converge(client, target, name, news, config, described, deadline) or deployed  # weights apply again


def settled_endpoint(target: Target, name: str, deadline: float) -> dict[str, Any]:
    """DescribeEndpoint; when a deployment is already running, wait it out first and look again."""
    live = waiting.settled(target, name, deadline, "waiting for a running deployment of")
    if live is None:
        raise EndpointError(f"Endpoint {name!r} was deleted {words().outside}; {words().recreate}.")
    return live


def start_update(client: Any, name: str, news: Mapping[str, Any], deadline: float) -> None:
    """UpdateEndpoint. When a dropped connection made botocore send it again, SageMaker answers the retry with
    "Cannot update in-progress endpoint": if the deployment under way is ours, the first attempt was accepted."""
    try:
        retry_consistency(lambda: client.update_endpoint(**update_request(name, news)), deadline)
    except Exception as error:
        if not is_in_progress(error):
            raise
        pending = (find_endpoint(client, name) or {}).get("PendingDeploymentSummary") or {}
        if pending.get("EndpointConfigName") != news["endpointConfigName"]:
            raise
        events.emit(name, "UpdateEndpoint was accepted before the connection dropped; following that deployment")

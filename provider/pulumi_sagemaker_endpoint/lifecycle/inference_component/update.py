"""Update an inference component: tags in place; a new specification or copy count through
UpdateInferenceComponent with the resource's deployment config, followed until it ends and reported truthfully (an
alarm rollback is an error naming the alarms, in the words the Endpoint's rollouts use, and the engine keeps the old
state: the live specification). A copy count under Application Auto Scaling is the autoscaler's and never sent."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ...aws import waiting
from ...aws.clients import Target, autoscaling, sagemaker
from ...aws.errors import EndpointError, InvalidInputs, RolledBack, explain
from ...aws.inference_component.find import copy_count_target, find_inference_component, scaling_range
from ...check.inference_component.review import live_failures
from ...check.inference_component.rules import copy_count
from ...check.rules import alarm_names
from ...core import events, timeouts
from ..rollout import fired_alarms, rolled_back_because
from ..tags import sync_tags
from .delete import KIND, NOUN
from .shapes import outputs, update_request


def update(name: str, olds: Mapping[str, Any], news: Mapping[str, Any], target: Target) -> dict[str, Any]:
    client = sagemaker(target)
    deadline = time.monotonic() + timeouts.seconds(news, "update")
    try:
        sync_tags(client, olds, news)
        scaled = scaling_range(copy_count_target(autoscaling(target), name))
        specification = news.get("specification") != olds.get("specification")
        copies = scaled is None and copy_count(news) is not None and copy_count(news) != copy_count(olds)
        if specification or copies:
            return _roll_out(client, target, name, news, deadline, specification, copies, scaled)
        described = find_inference_component(client, name)
        if described is None:
            raise _gone(name)
        return outputs(news, described, scaled)
    except Exception as error:
        raise explain(error, name, "updating", NOUN) from None


def _roll_out(client: Any, target: Target, name: str, news: Mapping[str, Any], deadline: float,
              specification: bool, copies: bool, scaled: str | None) -> dict[str, Any]:
    live = waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting for a running update of", KIND)
    if live.status == waiting.GONE:
        raise _gone(name)
    count = (live.summary.get("RuntimeConfig") or {}).get("DesiredCopyCount") if scaled else copy_count(news)
    failures = live_failures(news, target, count)
    if failures:
        raise InvalidInputs(failures)
    events.emit(name, f"updating: {news.get('rolloutPlan') or 'new specification or copy count'}", NOUN)
    client.update_inference_component(**update_request(name, news, specification, copies))
    waiting.wait_for(target, name, waiting.UPDATE, deadline, "updating", KIND)
    described = find_inference_component(client, name)
    if described is None:
        raise _gone(name)
    return outcome(target, name, news, described, scaled)


def outcome(target: Target, name: str, news: Mapping[str, Any], described: Mapping[str, Any],
            scaled: str | None) -> dict[str, Any]:
    """Outputs when the update went live; else the error saying what happened (SageMaker reports a rollback as
    InService with a FailureReason and the old specification)."""
    status, reason = described["InferenceComponentStatus"], (described.get("FailureReason") or "").rstrip(".")
    if status == "InService" and not reason:
        events.emit(name, "InService with the new specification and copy count", NOUN)
        return outputs(news, described, scaled)
    if status == "InService":
        fired = fired_alarms(target, alarm_names(news), reason)
        raise RolledBack(
            f"The update of inference component {name!r} {rolled_back_because(fired, reason)}; its previous "
            f"specification is still live and stays in the state. Fix the cause (or wait for the alarm to return to "
            f"OK), then run `pulumi up` again to retry the update.", None, fired)
    raise EndpointError(f"The update of inference component {name!r} ended {status}: {reason or 'no reason given'}; "
                        f"fix the cause and run `pulumi up` again (`pulumi refresh` shows what is live).")


def _gone(name: str) -> EndpointError:
    return EndpointError(f"Inference component {name!r} no longer exists: it was deleted outside Pulumi; run "
                         f"`pulumi refresh` to drop it from the state, then `pulumi up` creates it again.")

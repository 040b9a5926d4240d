"""Following a rollout to its end and reporting it truthfully: an alarm rollback is an error naming the alarms,
the state keeps the EndpointConfig that is really live, and the endpoint's tags keep how it ended."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ..aws import waiting
from ..aws.clients import Target, sagemaker
from ..aws.errors import EndpointError, RolledBack, WaitTimeout
from ..aws.find import alarms, find_endpoint
from ..check.outcome_record import Record, alarms_detail, when
from ..check.rules import alarm_names
from ..core import events
from ..core.words import words
from .outputs import outputs
from .tags import remember_outcome

PROGRESS_SECONDS = 60.0  # one DescribeEndpoint a minute for the step report; the sweep notices the end


def follow(client: Any, name: str, deadline: float) -> None:
    """Wait until the rollout ends (termination wait included), reporting each step SageMaker reports."""
    board = waiting.board_for(client)
    last, started = "", time.monotonic()
    while True:
        try:
            board.wait(name, waiting.UPDATE, min(deadline, time.monotonic() + PROGRESS_SECONDS), since=started)
            return
        except WaitTimeout as timeout:
            if time.monotonic() >= deadline:
                raise WaitTimeout(f"Timed out updating endpoint {name!r}: the deployment is still running and "
                                  f"SageMaker goes on with it; {words().resume_rollout}.", timeout.status) from None
        step = progress(find_endpoint(client, name) or {})
        if step and step != last:
            events.emit(name, step)
            last = step


def progress(described: Mapping[str, Any]) -> str:
    """One line from PendingDeploymentSummary: each new variant's status and SageMaker's message."""
    pending = described.get("PendingDeploymentSummary") or {}
    parts = []
    for variant in pending.get("ProductionVariants", []):
        for status in variant.get("VariantStatus", []):
            parts.append(f"{variant.get('VariantName')}: {status.get('Status')}"
                         f"{' - ' + status['StatusMessage'] if status.get('StatusMessage') else ''}")
    return f"{described.get('EndpointStatus')} -> {pending.get('EndpointConfigName')}: {'; '.join(parts)}" \
        if pending else str(described.get("EndpointStatus", ""))


def fired_alarms(target: Target, names: list[str], reason: str) -> list[str]:
    """The rollback alarms that fired: those SageMaker's FailureReason names, else those in ALARM now."""
    named = [alarm for alarm in names if alarm in reason]
    if named or not names:
        return named
    return [alarm for alarm, state in alarms(target, names).items() if state == "ALARM"]


def rolled_back_because(fired: list[str], reason: str) -> str:
    """What happened to a deployment SageMaker rolled back, for "The deployment of X to Y <this>; ...": shared
    by endpoints and inference components."""
    return (f"was rolled back because CloudWatch alarm(s) {', '.join(fired)} went into ALARM" if fired
            else f"did not go live: {reason or 'SageMaker rolled it back without giving a reason'}")


def outcome(target: Target, name: str, news: Mapping[str, Any], described: Mapping[str, Any],
            config: Mapping[str, Any]) -> dict[str, Any]:
    """Outputs when the new config went live; else the error saying what happened. Either way the endpoint's tags
    record the outcome for the next preview (see check/outcome_record.py)."""
    status, live = described["EndpointStatus"], described.get("EndpointConfigName")
    reason = (described.get("FailureReason") or "").rstrip(".")
    wanted = news["endpointConfigName"]
    client, at, say = sagemaker(target), when(described.get("LastModifiedTime")), words()
    if status == "InService" and live == wanted:
        remember_outcome(client, described, None)
        events.emit(name, f"InService with {wanted}")
        return outputs(news, described, config)
    if status == "InService":
        fired = fired_alarms(target, alarm_names(news), reason)
        remember_outcome(client, described, Record("rolled-back", wanted, at, alarms_detail(fired)) if fired
                         else Record("not-live", wanted, at, reason))
        what = rolled_back_because(fired, reason)
        raise RolledBack(
            f"The deployment of {wanted!r} to endpoint {name!r} {what}; {live!r} is "
            f"still live{say.kept}. Fix the cause (or wait for the alarm to return to OK), then {say.again} to "
            f"retry the rollout.", live, fired)
    remember_outcome(client, described, Record("failed", wanted, at, f"{status}: {reason or 'no reason given'}"))
    if status == "UpdateRollbackFailed":
        raise EndpointError(
            f"The deployment of {wanted!r} to endpoint {name!r} failed and so did its rollback: {reason or status}; "
            f"the endpoint needs attention: inspect it in the SageMaker console, then {say.inspect}.")
    raise EndpointError(
        f"The deployment of {wanted!r} to endpoint {name!r} ended {status}: {reason or 'no reason given'}; fix the "
        f"cause and {say.again} ({say.see_live}).")

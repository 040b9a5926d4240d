"""Update: tags in place; a new EndpointConfig only through UpdateEndpoint, followed until the rollout ends and
reported truthfully (a rollback is an error naming the alarms, and the state keeps the config that is live)."""
from __future__ import annotations

import time
from typing import Any, Mapping

from . import aws, endpoint, events, rules, timeouts, waiting
from .errors import EndpointError, RolledBack, WaitTimeout, error_message, explain
from .shapes import pascalize, tags_to_api


def update(name: str, olds: Mapping[str, Any], news: Mapping[str, Any], target: aws.Target,
           wait: bool = True) -> dict[str, Any]:
    """wait=False returns right after UpdateEndpoint instead of following the rollout to its end."""
    client = endpoint.sagemaker(target)
    deadline = time.monotonic() + timeouts.seconds(news, "update")
    try:
        sync_tags(client, olds, news)
        if news["endpointConfigName"] != olds.get("endpointConfigName"):
            return rollout(client, target, name, olds, news, deadline, wait)
        config = refuse_recreated_config(client, name, olds, news)
        described = endpoint.find_endpoint(client, name)
        if described is None:
            raise EndpointError(f"Endpoint {name!r} no longer exists; run `pulumi refresh` and then `pulumi up` "
                                f"to create it again.")
        return endpoint.outputs(news, described, config)
    except Exception as error:
        raise explain(error, name, "updating") from None


def sync_tags(client: Any, olds: Mapping[str, Any], news: Mapping[str, Any]) -> None:
    old, new = endpoint.tags_with_owner(olds), endpoint.tags_with_owner(news)
    if old == new:
        return
    arn = olds["arn"]
    removed = [key for key in old if key not in new]
    changed = {key: value for key, value in new.items() if old.get(key) != value}
    if removed:
        client.delete_tags(ResourceArn=arn, TagKeys=removed)
    if changed:
        client.add_tags(ResourceArn=arn, Tags=tags_to_api(changed))
    events.emit(olds["name"], f"tags updated in place ({len(changed)} set, {len(removed)} removed)")


def refuse_recreated_config(client: Any, name: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Any:
    config = endpoint.find_config(client, news["endpointConfigName"])
    recorded = olds.get("endpointConfigCreationTime")
    if config is not None and recorded and endpoint.iso(config.get("CreationTime")) != recorded:
        raise EndpointError(
            f"EndpointConfig {news['endpointConfigName']!r} of endpoint {name!r} was recreated under the same name, "
            f"which SageMaker never applies to a running endpoint; give the new EndpointConfig a new name (for "
            f"example let Pulumi auto-name it) so that the change deploys through UpdateEndpoint.")
    return config


def rollout(client: Any, target: aws.Target, name: str, olds: Mapping[str, Any], news: Mapping[str, Any],
            deadline: float, wait: bool = True) -> dict[str, Any]:
    new_config = news["endpointConfigName"]
    config = endpoint.require_config(client, new_config, name, deadline)
    verify_before_update(target, news, config)
    live = settled_endpoint(client, target, name, deadline)
    if live.get("EndpointConfigName") == new_config and live.get("EndpointStatus") == "InService":
        events.emit(name, f"{new_config} is already live (an earlier, interrupted run deployed it)")
        return endpoint.outputs(news, live, config)
    events.emit(name, f"deploying {news.get('rolloutPlan') or new_config}")
    start_update(client, name, news, deadline)
    if not wait:  # the CLI without --wait: SageMaker accepted the update
        return endpoint.outputs(news, endpoint.find_endpoint(client, name) or live, config)
    follow(client, target, name, deadline)
    described = endpoint.find_endpoint(client, name)
    if described is None:
        raise EndpointError(f"Endpoint {name!r} was deleted while it was being updated; run `pulumi refresh`, then "
                            f"`pulumi up` creates it again.")
    return outcome(target, name, news, described, config)


def settled_endpoint(client: Any, target: aws.Target, name: str, deadline: float) -> dict[str, Any]:
    """DescribeEndpoint; when a deployment is already running, wait it out first and look again."""
    live = endpoint.find_endpoint(client, name)
    if live is not None and waiting.action(waiting.SETTLED, live["EndpointStatus"]) == waiting.WAIT:
        endpoint.wait_for(target, name, waiting.SETTLED, deadline, "waiting for a running deployment of")
        live = endpoint.find_endpoint(client, name)
    if live is None:
        raise EndpointError(f"Endpoint {name!r} was deleted outside Pulumi; run `pulumi refresh`, then "
                            f"`pulumi up` creates it again.")
    return live


def start_update(client: Any, name: str, news: Mapping[str, Any], deadline: float) -> None:
    """UpdateEndpoint. When a dropped connection made botocore send it again, SageMaker answers the retry with
    "Cannot update in-progress endpoint": if the deployment under way is ours, the first attempt was accepted."""
    try:
        endpoint.retry_consistency(lambda: client.update_endpoint(**update_request(name, news)), deadline)
    except Exception as error:
        if "in-progress" not in error_message(error):
            raise
        pending = (endpoint.find_endpoint(client, name) or {}).get("PendingDeploymentSummary") or {}
        if pending.get("EndpointConfigName") != news["endpointConfigName"]:
            raise
        events.emit(name, "UpdateEndpoint was accepted before the connection dropped; following that deployment")


PROGRESS_SECONDS = 60.0  # one DescribeEndpoint a minute for the step report; the sweep notices the end


def follow(client: Any, target: aws.Target, name: str, deadline: float) -> None:
    """Wait until the rollout ends (termination wait included), reporting each step SageMaker reports."""
    board = waiting.board_for(client)
    last, started = "", time.monotonic()
    while True:
        try:
            board.wait(name, waiting.UPDATE, min(deadline, time.monotonic() + PROGRESS_SECONDS), since=started)
            return
        except WaitTimeout:
            if time.monotonic() >= deadline:
                raise WaitTimeout(f"Timed out updating endpoint {name!r}: the deployment is still running and "
                                  f"SageMaker goes on with it; the state keeps the previous config, and the next "
                                  f"`pulumi up` waits for this deployment and finishes it.") from None
        step = progress(endpoint.find_endpoint(client, name) or {})
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


def update_request(name: str, news: Mapping[str, Any]) -> dict[str, Any]:
    request: dict[str, Any] = {"EndpointName": name, "EndpointConfigName": news["endpointConfigName"]}
    optional = {"DeploymentConfig": "deploymentConfig", "RetainAllVariantProperties": "retainAllVariantProperties",
                "ExcludeRetainedVariantProperties": "excludeRetainedVariantProperties",
                "RetainDeploymentConfig": "retainDeploymentConfig"}
    for api_key, key in optional.items():
        if news.get(key) is not None:
            request[api_key] = pascalize(news[key])
    return request


def verify_before_update(target: aws.Target, news: Mapping[str, Any], config: Mapping[str, Any]) -> None:
    """The variant- and alarm-dependent rules, again, now that AWS must be readable (preview may not have)."""
    failures = rules.variant_failures(news, config)
    names = rules.alarm_names(news)
    if names:
        failures += rules.alarm_failures(news, existing_alarms(target, names))
    if failures:
        raise EndpointError(" ".join(f.reason for f in failures))


def existing_alarms(target: aws.Target, names: list[str]) -> set[str]:
    alarms = aws.client("cloudwatch", target).describe_alarms(AlarmNames=names).get("MetricAlarms", [])
    return {alarm["AlarmName"] for alarm in alarms}


def fired_alarms(target: aws.Target, names: list[str], reason: str) -> list[str]:
    """The rollback alarms that fired: those SageMaker's FailureReason names, else those in ALARM now."""
    named = [alarm for alarm in names if alarm in reason]
    if named or not names:
        return named
    alarms = aws.client("cloudwatch", target).describe_alarms(AlarmNames=names).get("MetricAlarms", [])
    return [alarm["AlarmName"] for alarm in alarms if alarm.get("StateValue") == "ALARM"]


def outcome(target: aws.Target, name: str, news: Mapping[str, Any], described: Mapping[str, Any],
            config: Mapping[str, Any]) -> dict[str, Any]:
    status, live = described["EndpointStatus"], described.get("EndpointConfigName")
    reason = (described.get("FailureReason") or "").rstrip(".")
    wanted = news["endpointConfigName"]
    if status == "InService" and live == wanted:
        events.emit(name, f"InService with {wanted}")
        return endpoint.outputs(news, described, config)
    if status == "InService":
        fired = fired_alarms(target, rules.alarm_names(news), reason)
        what = (f"was rolled back because CloudWatch alarm(s) {', '.join(fired)} went into ALARM" if fired
                else f"did not go live: {reason or 'SageMaker rolled it back without giving a reason'}")
        raise RolledBack(
            f"The deployment of {wanted!r} to endpoint {name!r} {what}; {live!r} is "
            f"still live and stays in the state. Fix the cause (or wait for the alarm to return to OK), then run "
            f"`pulumi up` again to retry the rollout.", live, fired)
    if status == "UpdateRollbackFailed":
        raise EndpointError(
            f"The deployment of {wanted!r} to endpoint {name!r} failed and so did its rollback: {reason or status}; "
            f"the endpoint needs attention: inspect it in the SageMaker console, then run `pulumi refresh` and "
            f"`pulumi up`.")
    raise EndpointError(
        f"The deployment of {wanted!r} to endpoint {name!r} ended {status}: {reason or 'no reason given'}; fix the "
        f"cause and run `pulumi up` again (`pulumi refresh` shows what is live).")

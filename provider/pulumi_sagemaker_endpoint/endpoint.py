"""The endpoint's create, read and delete, with the find/wait helpers beside them (update lives in deploy.py).

Every function takes the state-form inputs and an `aws.Target`, returns state-form outputs and raises
`EndpointError` with one sentence.
"""
from __future__ import annotations

import random
import re
import time
from datetime import datetime
from typing import Any, Callable, Mapping

from . import aws, events, timeouts, waiting
from .errors import (EndpointError, WaitTimeout, error_code, error_message, explain, is_config_not_visible,
                     is_not_found, is_permanent, missing_kind)
from .shapes import pascalize, tags_from_api, tags_to_api

OWNER_TAG = "pulumi_sagemaker_endpoint:owner"
CONSISTENCY_RETRY_SECONDS = 120.0
INPUT_KEYS = ("name", "endpointConfigName", "deploymentConfig", "tags", "retainAllVariantProperties",
              "excludeRetainedVariantProperties", "retainDeploymentConfig", "region", "roleArn", "owner", "timeouts",
              "rolloutPlan", "importId")


def sagemaker(target: aws.Target) -> Any:
    return aws.client("sagemaker", target)


# ---- find / status -------------------------------------------------------------------------------------------

def find_endpoint(client: Any, name: str) -> dict[str, Any] | None:
    try:
        return client.describe_endpoint(EndpointName=name)
    except Exception as error:
        if is_not_found(error):
            return None
        raise


def find_config(client: Any, name: str) -> dict[str, Any] | None:
    try:
        return client.describe_endpoint_config(EndpointConfigName=name)
    except Exception as error:
        if is_not_found(error):
            return None
        raise


def require_config(client: Any, name: str, endpoint: str, deadline: float) -> dict[str, Any]:
    """DescribeEndpointConfig, retrying 'not found' for a while: a config created moments ago may not be visible."""
    config = retry_consistency(lambda: find_config(client, name), deadline)
    if config is None:
        raise EndpointError(f"endpointConfigName {name!r} of endpoint {endpoint!r} does not exist in this account "
                            f"and region; create the EndpointConfig first or fix the name.")
    return config


def retry_consistency(call: Callable[[], Any], deadline: float) -> Any:
    """Call until it returns something other than None, or raises other than the consistency ValidationException
    (an EndpointConfig created moments ago that CreateEndpoint/UpdateEndpoint cannot see yet)."""
    limit = min(deadline, time.monotonic() + CONSISTENCY_RETRY_SECONDS)
    delay = 0.5
    while True:
        try:
            result = call()
        except Exception as error:
            if not (is_config_not_visible(error) and time.monotonic() < limit):
                raise
            result = None
        if result is not None or time.monotonic() >= limit:
            return result
        time.sleep(min(delay, max(0.0, limit - time.monotonic())) * random.uniform(0.8, 1.0))
        delay = min(delay * 2, 8.0)


def owner_of(client: Any, arn: str) -> str | None:
    tags = client.list_tags(ResourceArn=arn).get("Tags", [])
    return tags_from_api(tags).get(OWNER_TAG)


def wait_for(target: aws.Target, name: str, table: Mapping[str, str], deadline: float,
             doing: str) -> waiting.Observation:
    def report(seen: waiting.Observation) -> None:
        events.emit(name, seen.status)

    try:
        return waiting.board_for(sagemaker(target)).wait(name, table, deadline, report)
    except WaitTimeout as timeout:
        raise WaitTimeout(f"Timed out {doing} endpoint {name!r}: {_left_in(target, name, timeout)}; SageMaker goes "
                          f"on with it, and the next `pulumi up` resumes (raise customTimeouts if this is "
                          f"expected).") from None


def _left_in(target: aws.Target, name: str, timeout: WaitTimeout) -> str:
    """What state the endpoint is left in, looked up now (the last sweep may predate the wait). A look that is
    denied or whose credentials are rejected is the real failure: that error is raised instead."""
    try:
        described = find_endpoint(sagemaker(target), name)
    except Exception as error:  # noqa: BLE001 - the sweep's answer will do, unless retrying cannot help
        if is_permanent(error):
            raise
        return str(timeout)
    return f"endpoint {name!r} is still {described['EndpointStatus']}" if described else f"endpoint {name!r} is gone"


# ---- outputs ---------------------------------------------------------------------------------------------------

def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def variants(config: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"variantName": v.get("VariantName"), "modelName": v.get("ModelName"),
             "instanceType": v.get("InstanceType"), "instanceCount": v.get("InitialInstanceCount")}
            for v in config.get("ProductionVariants", [])]


def outputs(inputs: Mapping[str, Any], summary: Mapping[str, Any], config: Mapping[str, Any] | None) -> dict:
    """State outputs: the inputs as given plus what SageMaker reports (summary: DescribeEndpoint or List entry)."""
    outs = {key: inputs[key] for key in INPUT_KEYS if key in inputs}
    outs.update({
        "name": summary["EndpointName"],
        "arn": summary["EndpointArn"],
        "endpointStatus": summary["EndpointStatus"],
        "endpointConfigName": summary.get("EndpointConfigName", inputs.get("endpointConfigName")),
        "creationTime": iso(summary.get("CreationTime")),
    })
    if config is not None:
        outs["productionVariants"] = variants(config)
        outs["endpointConfigCreationTime"] = iso(config.get("CreationTime"))
    return outs


def user_tags(inputs: Mapping[str, Any]) -> dict[str, str]:
    return dict(inputs.get("tags") or {})


def tags_with_owner(inputs: Mapping[str, Any]) -> dict[str, str]:
    tags = user_tags(inputs)
    if inputs.get("owner"):
        tags[OWNER_TAG] = owner_tag_value(inputs["owner"])
    return tags


def owner_tag_value(owner: str) -> str:
    return re.sub(r"[^\w\s_.:/=+\-@]", "-", owner)[:256]


# ---- create ----------------------------------------------------------------------------------------------------

def create(inputs: Mapping[str, Any], target: aws.Target, wait: bool = True) -> dict[str, Any]:
    """wait=False returns right after CreateEndpoint (outputs as DescribeEndpoint then has them)."""
    name, config_name = inputs["name"], inputs["endpointConfigName"]
    deadline = time.monotonic() + timeouts.seconds(inputs, "create")
    client = sagemaker(target)
    try:
        config = require_config(client, config_name, name, deadline)
        adopted = not _start_create(client, inputs, deadline)
        if adopted:
            events.emit(name, "already exists and is ours (an interrupted run created it); adopting it")
        if not wait:
            return outputs(inputs, retry_consistency(lambda: find_endpoint(client, name), deadline), config)
        seen = wait_for(target, name, waiting.CREATE, deadline, "creating")
        if seen.status != "InService":
            _clean_up_failed(client, target, name, deadline)
        if adopted:
            return _converge(client, target, inputs, config)
        return outputs(inputs, seen.summary, config)
    except Exception as error:
        raise explain(error, name, "creating") from None


def _start_create(client: Any, inputs: Mapping[str, Any], deadline: float) -> bool:
    """CreateEndpoint; False when an endpoint of that name already exists and carries our owner tag."""
    request: dict[str, Any] = {"EndpointName": inputs["name"], "EndpointConfigName": inputs["endpointConfigName"],
                               "Tags": tags_to_api(tags_with_owner(inputs))}
    if inputs.get("deploymentConfig"):
        request["DeploymentConfig"] = pascalize(inputs["deploymentConfig"])
    try:
        retry_consistency(lambda: client.create_endpoint(**request), deadline)
        return True
    except Exception as error:
        if not _already_exists(error):
            raise
    existing = find_endpoint(client, inputs["name"])
    if existing is None or existing["EndpointStatus"] == "Deleting":
        raise EndpointError(f"Endpoint {inputs['name']!r} is being deleted; wait for it to go, then run "
                            f"`pulumi up` again.")
    if inputs.get("owner") and owner_of(client, existing["EndpointArn"]) == owner_tag_value(inputs["owner"]):
        return False
    raise EndpointError(
        f"Endpoint {existing['EndpointName']!r} already exists (names are unique regardless of case) and this "
        f"stack did not create it; to manage it here, import it with "
        f"opts=pulumi.ResourceOptions(import_={existing['EndpointName']!r}) on this Endpoint, or choose another name.")


def _converge(client: Any, target: aws.Target, inputs: Mapping[str, Any], config: Any) -> dict[str, Any]:
    """An adopted endpoint of ours made by an earlier run may carry that run's config or tags: update it to these."""
    name = inputs["name"]
    live = find_endpoint(client, name)
    if live is None:
        raise EndpointError(f"Endpoint {name!r} was deleted outside Pulumi while it was being adopted; run "
                            f"`pulumi up` again to create it.")
    live_tags = tags_from_api(client.list_tags(ResourceArn=live["EndpointArn"]).get("Tags", []))
    olds = {"name": name, "arn": live["EndpointArn"], "endpointConfigName": live["EndpointConfigName"],
            "tags": {key: value for key, value in live_tags.items() if key != OWNER_TAG}, "owner": inputs.get("owner")}
    if olds["endpointConfigName"] == inputs["endpointConfigName"] and tags_with_owner(olds) == tags_with_owner(inputs):
        return outputs(inputs, live, config)
    from .deploy import update  # deploy builds on this module

    return update(name, olds, inputs, target)


def _already_exists(error: Exception) -> bool:
    return error_code(error) == "ValidationException" and "already existing" in error_message(error)


def _clean_up_failed(client: Any, target: aws.Target, name: str, deadline: float) -> None:
    """A failed create leaves nothing behind: delete it, then report SageMaker's reason."""
    described = find_endpoint(client, name) or {}
    reason = described.get("FailureReason") or f"status {described.get('EndpointStatus', 'unknown')}"
    events.emit(name, f"failed to create ({reason}); deleting it")
    _delete(client, target, name, max(deadline, time.monotonic() + timeouts.DEFAULTS["delete"]))
    raise EndpointError(f"Endpoint {name!r} failed to create: {reason.rstrip('.')}. The failed endpoint was "
                        f"deleted; fix the cause (model, image, instance quota) and run `pulumi up` again.")


# ---- read ------------------------------------------------------------------------------------------------------

def read(name: str, props: Mapping[str, Any], target: aws.Target) -> tuple[dict, dict] | None:
    """(outputs, inputs) as SageMaker has them now, or None when the endpoint is gone."""
    client = sagemaker(target)
    try:
        described = find_endpoint(client, name)
        if described is None:
            return None
        config = find_config(client, described["EndpointConfigName"])
        if config is None:
            events.emit(name, f"warning: its live endpoint config {described['EndpointConfigName']!r} no longer "
                              f"exists; keep EndpointConfigs that endpoints serve (retain_on_delete=True).")
        live_tags = tags_from_api(client.list_tags(ResourceArn=described["EndpointArn"]).get("Tags", []))
    except Exception as error:
        if missing_kind(error) == "endpoint":
            return None  # deleted between our calls
        raise explain(error, name, "reading") from None
    owner_tag = live_tags.pop(OWNER_TAG, None)
    inputs = {key: props[key] for key in INPUT_KEYS if key in props}
    inputs.update({"name": described["EndpointName"], "endpointConfigName": described["EndpointConfigName"]})
    if live_tags or "tags" in inputs:
        inputs["tags"] = live_tags
    if "owner" not in inputs and owner_tag:
        inputs["owner"] = owner_tag
    outs = outputs(inputs, described, config)
    if described.get("FailureReason"):
        outs["failureReason"] = described["FailureReason"]
    return outs, inputs


# ---- delete ----------------------------------------------------------------------------------------------------

def delete(name: str, props: Mapping[str, Any], target: aws.Target, wait: bool = True) -> None:
    """wait=False returns right after DeleteEndpoint instead of waiting until the endpoint is gone."""
    deadline = time.monotonic() + timeouts.seconds(props, "delete")
    try:
        _delete(sagemaker(target), target, name, deadline, wait)
    except Exception as error:
        raise explain(error, name, "deleting") from None


def _delete(client: Any, target: aws.Target, name: str, deadline: float, wait: bool = True) -> None:
    """Look; wait out Creating/Updating; DeleteEndpoint (unless an interrupted run already sent it); wait until
    gone. An endpoint already gone is success. The first look is a plain DescribeEndpoint, so denied or expired
    credentials fail at once rather than at the deadline, and an endpoint at rest is deleted without a wait."""
    described = find_endpoint(client, name)
    status = described["EndpointStatus"] if described else waiting.GONE
    while True:
        if waiting.action(waiting.SETTLED, status) == waiting.WAIT:
            status = wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete").status
        if status == waiting.GONE:
            return
        if status != "Deleting":
            try:
                client.delete_endpoint(EndpointName=name)
            except Exception as error:
                if is_not_found(error):
                    return
                if "in-progress" in error_message(error) and time.monotonic() < deadline:
                    # it changed state between our look and the call: wait that out and look again
                    status = wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete").status
                    continue
                raise
        if not wait:
            return
        wait_for(target, name, waiting.DELETE, deadline, "deleting")
        events.emit(name, "deleted")
        return

"""The endpoint's create, read and delete, with the find/wait helpers beside them (update lives in deploy.py).

Every function takes the state-form inputs and an `aws.Target`, returns state-form outputs and raises
`EndpointError` with one sentence.
"""
from __future__ import annotations

import random
import time
from datetime import datetime
from typing import Any, Callable, Mapping

from . import aws, events, timeouts, waiting
from .errors import EndpointError, WaitTimeout, error_code, error_message, explain, is_not_found
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
    """Call until it returns something other than None, or raises other than the consistency ValidationException."""
    limit = min(deadline, time.monotonic() + CONSISTENCY_RETRY_SECONDS)
    delay = 0.5
    while True:
        try:
            result = call()
        except Exception as error:
            if not (is_not_found(error) and time.monotonic() < limit):
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
        raise WaitTimeout(f"Timed out {doing} endpoint {name!r}: {timeout}; SageMaker goes on with it, and the next "
                          f"`pulumi up` resumes (raise customTimeouts if this is expected).") from None


# ---- outputs ---------------------------------------------------------------------------------------------------

def _iso(value: Any) -> Any:
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
        "creationTime": _iso(summary.get("CreationTime")),
    })
    if config is not None:
        outs["productionVariants"] = variants(config)
        outs["endpointConfigCreationTime"] = _iso(config.get("CreationTime"))
    return outs


def user_tags(inputs: Mapping[str, Any]) -> dict[str, str]:
    return dict(inputs.get("tags") or {})


def tags_with_owner(inputs: Mapping[str, Any]) -> dict[str, str]:
    tags = user_tags(inputs)
    if inputs.get("owner"):
        tags[OWNER_TAG] = owner_tag_value(inputs["owner"])
    return tags


def owner_tag_value(owner: str) -> str:
    import re

    return re.sub(r"[^\w\s_.:/=+\-@]", "-", owner)[:256]


# ---- create ----------------------------------------------------------------------------------------------------

def create(inputs: Mapping[str, Any], target: aws.Target, wait: bool = True) -> dict[str, Any]:
    """wait=False returns right after CreateEndpoint (outputs as DescribeEndpoint then has them)."""
    name, config_name = inputs["name"], inputs["endpointConfigName"]
    deadline = time.monotonic() + timeouts.seconds(inputs, "create")
    client = sagemaker(target)
    try:
        config = require_config(client, config_name, name, deadline)
        if not _start_create(client, inputs, deadline):
            events.emit(name, "already exists and is ours (an interrupted run created it); adopting it")
        if not wait:
            return outputs(inputs, retry_consistency(lambda: find_endpoint(client, name), deadline), config)
        seen = wait_for(target, name, waiting.CREATE, deadline, "creating")
        if seen.status != "InService":
            _clean_up_failed(client, target, name, deadline)
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
    if existing is None:
        raise EndpointError(f"Endpoint {inputs['name']!r} is being deleted; wait for it to go, then run "
                            f"`pulumi up` again.")
    if inputs.get("owner") and owner_of(client, existing["EndpointArn"]) == owner_tag_value(inputs["owner"]):
        return False
    raise EndpointError(
        f"Endpoint {existing['EndpointName']!r} already exists (names are unique regardless of case) and this "
        f"stack did not create it; adopt it with `pulumi import pulumi-python:dynamic/sagemaker:Endpoint <name> "
        f"{existing['EndpointName']}` or opts=ResourceOptions(import_=...), or choose another name.")


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
    """Wait out Creating/Updating, DeleteEndpoint, wait until gone; an endpoint already gone is success."""
    while True:
        settled = wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete")
        if settled.status in (waiting.GONE,):
            return
        if settled.status != "Deleting":
            try:
                client.delete_endpoint(EndpointName=name)
            except Exception as error:
                if is_not_found(error):
                    return
                if error_code(error) == "ValidationException" and time.monotonic() < deadline:
                    continue  # it changed state between our look and the call: look again
                raise
        if not wait:
            return
        wait_for(target, name, waiting.DELETE, deadline, "deleting")
        events.emit(name, "deleted")
        return

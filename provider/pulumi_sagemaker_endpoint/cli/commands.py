"""The AWS CLI-shaped commands: create-endpoint, update-endpoint, delete-endpoint, describe-endpoint, and validate.

`sagemaker-endpoint create-endpoint --endpoint-name ep --endpoint-config-name cfg` takes the options of
`aws sagemaker create-endpoint` (they are generated from the same botocore model), `--cli-input-json` /
`--cli-input-yaml` documents (explicit options override the document) and `--generate-cli-skeleton`, prints the
same JSON, and runs the resource's own lifecycle code (config visibility retries, failed creates cleaned up,
rollbacks named). Without `--wait` it returns once SageMaker accepted the request, like the AWS CLI. Exit codes
and messages: exits.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from typing import Any, Callable, Mapping

from ..aws.clients import Target, sagemaker
from ..aws import waiting
from ..aws.errors import EndpointError, InvalidInputs, explain
from ..aws.find import find_endpoint
from ..aws.model import members
from ..check.document import check as check_document
from ..check.document_loading import InputProblems, describe, load
from ..check.document_paths import document_failures
from ..check.document_shape import ENDPOINT_OPERATIONS
from ..check.failures import Failure
from ..check.review import review
from ..core.timeouts import seconds
from ..lifecycle.create import create as create_endpoint
from ..lifecycle.delete import delete as delete_endpoint
from ..lifecycle.read import read
from ..lifecycle.update import update as update_endpoint
from .exits import EXIT_INVALID, EXIT_OK, guarded
from .progress import display
from .skeletons import input_skeleton, output_skeleton, yaml_skeleton

COMMANDS = {
    "create-endpoint": ("CreateEndpoint", "create an endpoint from an EndpointConfig (aws sagemaker create-endpoint)"),
    "update-endpoint": ("UpdateEndpoint", "deploy a new EndpointConfig to an endpoint (aws sagemaker update-endpoint)"),
    "delete-endpoint": ("DeleteEndpoint", "delete an endpoint (aws sagemaker delete-endpoint)"),
    "describe-endpoint": ("DescribeEndpoint", "print an endpoint's description (aws sagemaker describe-endpoint)"),
}
WAITED = {"CreateEndpoint": "create", "UpdateEndpoint": "update", "DeleteEndpoint": "delete"}
SAMPLE_ACCOUNT = "123456789012"



def run(operation: str, args: argparse.Namespace) -> int:
    skeleton = args.generate_cli_skeleton
    if skeleton == "input":
        return _print_json(input_skeleton(operation))
    if skeleton == "yaml-input":
        print(yaml_skeleton(operation), end="")
        return EXIT_OK
    return guarded(lambda: _run(operation, args))


def _run(operation: str, args: argparse.Namespace) -> int:
    document = gather(operation, args)
    inputs, failures = check_document(document, (operation,))
    if failures:
        raise InputProblems(failures)
    if args.generate_cli_skeleton == "output":
        return _print_json(sample_output(operation, inputs, args))
    target = target_of(args)
    try:
        with display(every=getattr(args, "still_waiting_every", None)):
            result = ACTIONS[operation](inputs, document, target, args)
    except InvalidInputs as invalid:  # a rule checked against the EndpointConfig or alarms: the document's paths
        raise InputProblems(document_failures([Failure(*problem) for problem in invalid.problems], document)) \
            from None
    return _print_json(result) if result is not None else EXIT_OK


def gather(operation: str, args: argparse.Namespace) -> dict[str, Any]:
    """The request document: --cli-input-json/--cli-input-yaml, overridden by the options given explicitly."""
    document: dict[str, Any] = {}
    if args.cli_input_json is not None:
        document = load(args.cli_input_json, "json")
    elif args.cli_input_yaml is not None:
        document = load(args.cli_input_yaml, "yaml")
    for name, shape in members((operation,)).items():
        value = getattr(args, name, None)
        if value is None:
            continue
        document[name] = [item for items in value for item in items] if shape.type_name == "list" else value
    return document


def target_of(args: argparse.Namespace) -> Target:
    """--region/--profile/--endpoint-url, checked before any call so that a missing region is invalid input."""
    import boto3
    from botocore.exceptions import ProfileNotFound

    try:
        session = boto3.Session(profile_name=args.profile, region_name=args.region)
    except ProfileNotFound:
        raise InputProblems([Failure("", f"--profile {args.profile!r} is not a profile in the AWS config files; "
                                         f"pass one that `aws configure list-profiles` shows.")]) from None
    if not session.region_name:
        raise InputProblems([Failure("", "No AWS region is set; pass --region, or set AWS_REGION / "
                                         "AWS_DEFAULT_REGION, or give the profile a region.")])
    url = args.endpoint_url
    if url is not None and not url.startswith(("http://", "https://")):
        raise InputProblems([Failure("", f"--endpoint-url {url!r} is not a URL; pass one such as "
                                         f"http://127.0.0.1:5000.")])
    return Target(region=args.region, profile=args.profile, endpoint_url=url)


def _timeouts(args: argparse.Namespace, operation: str) -> dict[str, Any]:
    seconds = getattr(args, "wait_timeout", None)
    return {"timeouts": {WAITED[operation]: seconds}} if seconds else {}


def sample_output(operation: str, inputs: Mapping[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The operation's output shape with sample values, naming this endpoint; no AWS call."""
    sample = output_skeleton(operation)
    name = inputs.get("name", "")
    if "EndpointName" in sample:
        sample["EndpointName"] = name
    if "EndpointArn" in sample:
        sample["EndpointArn"] = f"arn:aws:sagemaker:{_sample_region(args)}:{SAMPLE_ACCOUNT}:endpoint/{name.lower()}"
    return sample


def _sample_region(args: argparse.Namespace) -> str:
    """The region the command would use, read from options and configuration only."""
    import boto3
    from botocore.exceptions import BotoCoreError

    try:
        return args.region or boto3.Session(profile_name=args.profile).region_name or "us-east-1"
    except BotoCoreError:
        return "us-east-1"


def _print_json(value: Any) -> int:
    print(json.dumps(value, indent=4, default=_iso))
    return EXIT_OK


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")



Action = Callable[[dict, dict, Target, argparse.Namespace], Any]


def create(inputs: dict, document: dict, target: Target, args: argparse.Namespace) -> dict[str, Any]:
    outs = create_endpoint({**inputs, **_timeouts(args, "CreateEndpoint")}, target, wait=args.wait)
    return {"EndpointArn": outs["arn"]}


def update(inputs: dict, document: dict, target: Target, args: argparse.Namespace) -> dict[str, Any]:
    """The live endpoint is the old state; the rollout is the resource's (alarms checked, rollbacks named). An
    endpoint busy with another operation is waited out with --wait (then what was asked is done), else refused as
    SageMaker refuses it."""
    name = inputs["name"]
    timeouts = _timeouts(args, "UpdateEndpoint")
    described = _describe(name, target)
    if waiting.SETTLED.action(described["EndpointStatus"]) == waiting.WAIT:
        if not args.wait:
            raise EndpointError(busy(described, inputs["endpointConfigName"]))
        deadline = time.monotonic() + seconds({**inputs, **timeouts}, "update")
        waiting.settled(target, name, deadline, "waiting for the operation under way on")
    found = read(name, {}, target)
    if found is None:
        raise EndpointError(missing(name))
    olds, live = found
    news = {**live, **inputs, **timeouts}
    failures, news["rolloutPlan"] = review(olds, news, lambda _inputs: target)
    if failures:
        raise InputProblems(document_failures(failures, document))
    if news["endpointConfigName"] == olds["endpointConfigName"]:
        print(f"note: endpoint {name} already serves {olds['endpointConfigName']}; SageMaker deploys only a new "
              f"EndpointConfig name, so nothing was sent.", file=sys.stderr)
    outs = update_endpoint(name, olds, news, target, wait=args.wait)
    return {"EndpointArn": outs["arn"]}


def busy(described: Mapping[str, Any], wanted: str) -> str:
    """SageMaker's "Cannot update in-progress endpoint", in the command line's words."""
    name, status = described["EndpointName"], described["EndpointStatus"]
    pending = (described.get("PendingDeploymentSummary") or {}).get("EndpointConfigName")
    doing = f"{status} (to {pending})" if pending else status
    return (f"Endpoint {name!r} is {doing} and SageMaker accepts no update until that ends; pass --wait to wait "
            f"for it and then deploy {wanted}, or run the command again once describe-endpoint shows InService.")


def missing(name: str) -> str:
    return (f"Endpoint {name!r} does not exist in this account and region; check --endpoint-name and --region "
            f"(create-endpoint creates one).")


def delete(inputs: dict, document: dict, target: Target, args: argparse.Namespace) -> None:
    name = inputs["name"]
    _describe(name, target)
    delete_endpoint(name, _timeouts(args, "DeleteEndpoint"), target, wait=args.wait)


def describe_endpoint(inputs: dict, document: dict, target: Target, args: argparse.Namespace) -> dict:
    described = dict(_describe(inputs["name"], target))
    described.pop("ResponseMetadata", None)
    return described


def _describe(name: str, target: Target) -> dict[str, Any]:
    try:
        described = find_endpoint(sagemaker(target), name)
    except Exception as error:
        raise explain(error, name, "describing") from None
    if described is None:
        raise EndpointError(missing(name))
    return described


ACTIONS: dict[str, Action] = {"CreateEndpoint": create, "UpdateEndpoint": update, "DeleteEndpoint": delete,
                              "DescribeEndpoint": describe_endpoint}



def validate(args: argparse.Namespace) -> int:
    operations = (COMMANDS[args.operation][0],) if args.operation else ENDPOINT_OPERATIONS
    try:
        document = load(args.file)
    except InputProblems as problems:
        return _report(problems.failures)
    _inputs, failures = check_document(document, operations)
    return _report(failures)


def _report(failures: list[Failure]) -> int:
    for failure in failures:
        print(describe(failure))
    if failures:
        return EXIT_INVALID
    print("valid")
    return EXIT_OK

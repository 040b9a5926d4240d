"""The AWS CLI-shaped commands: create-endpoint, update-endpoint, delete-endpoint, describe-endpoint, and validate.

`sagemaker-endpoint create-endpoint --endpoint-name ep --endpoint-config-name cfg` takes the options of
`aws sagemaker create-endpoint` (they are generated from the same botocore model), `--cli-input-json` /
`--cli-input-yaml` documents (explicit options override the document) and `--generate-cli-skeleton`, prints the
same JSON, and runs the resource's own lifecycle code (config visibility retries, failed creates cleaned up,
rollbacks named). Without `--wait` it returns once SageMaker accepted the request, like the AWS CLI.

Exit codes (every command):

| code | meaning |
| ---- | ------- |
| 0 | success |
| 2 | invalid input: an option, the input document or the AWS configuration (argparse errors too); every problem is printed as `path: reason` |
| 3 | AWS/SageMaker error: SageMaker refused or failed the request (the message says what to do) |
| 4 | the deployment was rolled back (an alarm fired or the new fleet failed); the previous EndpointConfig is still live |
| 5 | timed out waiting (`--wait`, `--wait-timeout`); SageMaker carries on with the operation |
| 130 | interrupted (Ctrl-C); SageMaker carries on with any operation it accepted |
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping

from . import aws, cli_input, deploy, endpoint, errors, preview, progress
from .cli_input import InputProblems, describe
from .schema import Failure

EXIT_OK, EXIT_INVALID, EXIT_AWS, EXIT_ROLLED_BACK, EXIT_TIMEOUT = 0, 2, 3, 4, 5
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
EXIT_CODES_HELP = """exit codes:
  0  success
  2  invalid input (options, input document, AWS configuration); every problem is printed as `path: reason`
  3  AWS/SageMaker error
  4  the deployment was rolled back; the previous EndpointConfig is still live
  5  timed out waiting; SageMaker carries on with the operation
  130  interrupted (Ctrl-C)"""

COMMANDS = {
    "create-endpoint": ("CreateEndpoint", "create an endpoint from an EndpointConfig (aws sagemaker create-endpoint)"),
    "update-endpoint": ("UpdateEndpoint", "deploy a new EndpointConfig to an endpoint (aws sagemaker update-endpoint)"),
    "delete-endpoint": ("DeleteEndpoint", "delete an endpoint (aws sagemaker delete-endpoint)"),
    "describe-endpoint": ("DescribeEndpoint", "print an endpoint's description (aws sagemaker describe-endpoint)"),
}
WAITED = {"CreateEndpoint": "create", "UpdateEndpoint": "update", "DeleteEndpoint": "delete"}
SAMPLE_ACCOUNT = "123456789012"


def register(commands: argparse._SubParsersAction) -> None:
    for command, (operation, summary) in COMMANDS.items():
        sub = commands.add_parser(command, help=summary, description=summary, epilog=EXIT_CODES_HELP,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        for name, shape in cli_input.members((operation,)).items():
            _add_member_option(sub, name, shape)
        _add_input_options(sub)
        if operation in WAITED:
            _add_wait_options(sub, operation)
        _add_target_options(sub)
        sub.set_defaults(handler=lambda args, operation=operation: run(operation, args))
    check = commands.add_parser(
        "validate", help="check a CLI-input document against schema.json and the provider's rules",
        description="Check a create-endpoint/update-endpoint CLI-input document (JSON or YAML) without calling AWS; "
                    "print every problem as `path: reason` (exit 2), or `valid` (exit 0).",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("file", metavar="FILE", help="the document: a path, file://path, or - for standard input")
    check.add_argument("--operation", choices=("create-endpoint", "update-endpoint"),
                       help="check against this command's input only (default: either's keys are accepted)")
    check.set_defaults(handler=validate)


# ---- options ----------------------------------------------------------------------------------------------------

def _option(name: str) -> str:
    import botocore

    return "--" + botocore.xform_name(name, "-")


def _help(shape: Any, extra: str = "") -> str:
    return " ".join(part for part in (cli_input.summary(shape), extra) if part).replace("%", "%%")


def _add_member_option(parser: argparse.ArgumentParser, name: str, shape: Any) -> None:
    """One option per member of the operation's input, typed by its shape, as the AWS CLI derives them."""
    flag, kind = _option(name), shape.type_name
    if kind == "boolean":
        parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, default=None, help=_help(shape))
    elif kind == "structure":
        parser.add_argument(flag, dest=name, metavar="JSON", type=_json_object(flag),
                            help=_help(shape, "A JSON object in the API's shape, or file://path to one."))
    elif kind == "list":
        example = ",".join(f"{key}=..." for key in shape.member.members) if shape.member.type_name == "structure" \
            else "VALUE"
        parser.add_argument(flag, dest=name, metavar=example, nargs="+", type=_list_items(flag, shape.member),
                            help=_help(shape, f"Shorthand items ({example} ...) or a JSON list (or file://path)."))
    else:
        parser.add_argument(flag, dest=name, metavar="NAME" if name.endswith("Name") else "VALUE", help=_help(shape))


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    document = parser.add_mutually_exclusive_group()
    document.add_argument("--cli-input-json", metavar="JSON|file://PATH",
                          help="read the arguments from a JSON document (text, a path or file://path); "
                               "options given on the command line override its values")
    document.add_argument("--cli-input-yaml", metavar="YAML|file://PATH",
                          help="read the arguments from a YAML document (text, a path or file://path); "
                               "options given on the command line override its values")
    parser.add_argument("--generate-cli-skeleton", nargs="?", const="input", choices=("input", "yaml-input", "output"),
                        help="print an input skeleton (input: JSON, the default; yaml-input: YAML) without calling "
                             "AWS, or validate the inputs and print a sample output (output)")


def _add_wait_options(parser: argparse.ArgumentParser, operation: str) -> None:
    until = "it is gone" if operation == "DeleteEndpoint" else "the endpoint is InService (or the rollout ended)"
    parser.add_argument("--wait", action="store_true",
                        help=f"wait until {until}, showing progress on standard error")
    parser.add_argument("--wait-timeout", metavar="DURATION", type=_duration,
                        help="give up waiting after this long (e.g. 90s, 30m, 1h30m; default: sized to the "
                             "deployment); SageMaker carries on")


def _add_target_options(parser: argparse.ArgumentParser) -> None:
    target = parser.add_argument_group("AWS targeting (as the AWS CLI's)")
    target.add_argument("--region", help="the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's)")
    target.add_argument("--profile", help="a named profile from the AWS config files")
    target.add_argument("--endpoint-url", metavar="URL",
                        help="send the requests (SageMaker, and CloudWatch for rollback alarms) to this URL, e.g. the "
                             "local emulator; AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_SAGEMAKER work too")


def _json_object(flag: str) -> Callable[[str], dict[str, Any]]:
    def parse(text: str) -> dict[str, Any]:
        value = _json(flag, text)
        if not isinstance(value, dict):
            raise argparse.ArgumentTypeError(f"{flag} takes a JSON object ({{...}}), not {type(value).__name__}; "
                                             f"pass the object or file://path to it.")
        return value

    return parse


def _list_items(flag: str, item_shape: Any) -> Callable[[str], list[Any]]:
    """Each word of a list option: shorthand (Key=team,Value=ml) or JSON (a list or one item)."""
    def parse(text: str) -> list[Any]:
        if text.startswith("file://") or text.lstrip().startswith(("[", "{")):
            value = _json(flag, text)
            return value if isinstance(value, list) else [value]
        if item_shape.type_name != "structure":
            return [text]
        return [_shorthand(flag, text, item_shape)]

    return parse


def _shorthand(flag: str, text: str, item_shape: Any) -> dict[str, str]:
    known = list(item_shape.members)
    example = ",".join(f"{key}=..." for key in known)
    item: dict[str, str] = {}
    for pair in text.split(","):
        key, sep, value = pair.partition("=")
        if not sep:
            raise argparse.ArgumentTypeError(f"{text!r} is not shorthand such as {example}; write each item as "
                                             f"{example} (values with commas need JSON).")
        if key not in item_shape.members:
            raise argparse.ArgumentTypeError(f"{key!r} in {text!r} is not a key of {flag} items; use "
                                             f"{', '.join(known)}.")
        item[key] = value
    return item


def _json(flag: str, text: str) -> Any:
    if text.startswith("file://"):
        path = Path(text[len("file://"):])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise argparse.ArgumentTypeError(f"cannot read {path} ({error.strerror}); pass an existing file.") \
                from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise argparse.ArgumentTypeError(f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno}); "
                                         f"pass JSON in the API's shape or file://path to it.") from None


def _duration(text: str) -> float:
    from .timeouts import parse_duration

    try:
        seconds = float(text)
    except ValueError:
        try:
            seconds = parse_duration(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a duration; write seconds or e.g. 90s, 30m, "
                                             f"1h30m.") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be longer than zero.")
    return seconds


# ---- running a command ------------------------------------------------------------------------------------------

def run(operation: str, args: argparse.Namespace) -> int:
    skeleton = args.generate_cli_skeleton
    if skeleton == "input":
        return _print_json(cli_input.input_skeleton(operation))
    if skeleton == "yaml-input":
        print(cli_input.yaml_skeleton(operation), end="")
        return EXIT_OK
    return guarded(lambda: _run(operation, args))


def guarded(body: Callable[[], int]) -> int:
    """The exit code for each kind of failure, with its sentence(s) on standard error."""
    try:
        return body()
    except InputProblems as problems:
        for failure in problems.failures:
            print(describe(failure), file=sys.stderr)
        return EXIT_INVALID
    except errors.RolledBack as error:
        return _fail(error, EXIT_ROLLED_BACK)
    except errors.WaitTimeout as error:
        return _fail(error, EXIT_TIMEOUT)
    except errors.EndpointError as error:
        return _fail(error, EXIT_AWS)
    except KeyboardInterrupt:
        print("\ninterrupted: SageMaker carries on with any operation it accepted; `describe-endpoint` shows it.",
              file=sys.stderr)
        return EXIT_INTERRUPTED


def _fail(error: Exception, code: int) -> int:
    print(f"error: {error}", file=sys.stderr)
    return code


def _run(operation: str, args: argparse.Namespace) -> int:
    document = gather(operation, args)
    inputs, failures = cli_input.check(document, (operation,))
    if failures:
        raise InputProblems(failures)
    if args.generate_cli_skeleton == "output":
        return _print_json(sample_output(operation, inputs, args))
    target = target_of(args)
    with progress.display():
        result = ACTIONS[operation](inputs, document, target, args)
    return _print_json(result) if result is not None else EXIT_OK


def gather(operation: str, args: argparse.Namespace) -> dict[str, Any]:
    """The request document: --cli-input-json/--cli-input-yaml, overridden by the options given explicitly."""
    document: dict[str, Any] = {}
    if args.cli_input_json is not None:
        document = cli_input.load(args.cli_input_json, "json")
    elif args.cli_input_yaml is not None:
        document = cli_input.load(args.cli_input_yaml, "yaml")
    for name, shape in cli_input.members((operation,)).items():
        value = getattr(args, name, None)
        if value is None:
            continue
        document[name] = [item for items in value for item in items] if shape.type_name == "list" else value
    return document


def target_of(args: argparse.Namespace) -> aws.Target:
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
    return aws.Target(region=args.region, profile=args.profile, endpoint_url=url)


def _timeouts(args: argparse.Namespace, operation: str) -> dict[str, Any]:
    seconds = getattr(args, "wait_timeout", None)
    return {"timeouts": {WAITED[operation]: seconds}} if seconds else {}


def sample_output(operation: str, inputs: Mapping[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The operation's output shape with sample values, naming this endpoint; no AWS call."""
    sample = cli_input.output_skeleton(operation)
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


# ---- the operations ---------------------------------------------------------------------------------------------

Action = Callable[[dict, dict, aws.Target, argparse.Namespace], Any]


def create(inputs: dict, document: dict, target: aws.Target, args: argparse.Namespace) -> dict[str, Any]:
    outs = endpoint.create({**inputs, **_timeouts(args, "CreateEndpoint")}, target, wait=args.wait)
    return {"EndpointArn": outs["arn"]}


def update(inputs: dict, document: dict, target: aws.Target, args: argparse.Namespace) -> dict[str, Any]:
    """The live endpoint is the old state; the rollout is the resource's (alarms checked, rollbacks named)."""
    name = inputs["name"]
    found = endpoint.read(name, {}, target)
    if found is None:
        raise errors.EndpointError(f"Endpoint {name!r} does not exist in this account and region; create it with "
                                   f"`sagemaker-endpoint create-endpoint`, or check --endpoint-name and --region.")
    olds, live = found
    news = {**live, **inputs, **_timeouts(args, "UpdateEndpoint")}
    failures, news["rolloutPlan"] = preview.review(olds, news, lambda _inputs: target)
    if failures:
        raise InputProblems(cli_input.document_failures(failures, document))
    if news["endpointConfigName"] == olds["endpointConfigName"]:
        print(f"note: endpoint {name} already serves {olds['endpointConfigName']}; SageMaker deploys only a new "
              f"EndpointConfig name, so nothing was sent.", file=sys.stderr)
    outs = deploy.update(name, olds, news, target, wait=args.wait)
    return {"EndpointArn": outs["arn"]}


def delete(inputs: dict, document: dict, target: aws.Target, args: argparse.Namespace) -> None:
    name = inputs["name"]
    _describe(name, target)
    endpoint.delete(name, _timeouts(args, "DeleteEndpoint"), target, wait=args.wait)


def describe_endpoint(inputs: dict, document: dict, target: aws.Target, args: argparse.Namespace) -> dict:
    described = dict(_describe(inputs["name"], target))
    described.pop("ResponseMetadata", None)
    return described


def _describe(name: str, target: aws.Target) -> dict[str, Any]:
    try:
        described = endpoint.find_endpoint(endpoint.sagemaker(target), name)
    except Exception as error:
        raise errors.explain(error, name, "describing") from None
    if described is None:
        raise errors.EndpointError(f"Endpoint {name!r} does not exist in this account and region; check "
                                   f"--endpoint-name and --region.")
    return described


ACTIONS: dict[str, Action] = {"CreateEndpoint": create, "UpdateEndpoint": update, "DeleteEndpoint": delete,
                              "DescribeEndpoint": describe_endpoint}


# ---- validate ---------------------------------------------------------------------------------------------------

def validate(args: argparse.Namespace) -> int:
    operations = (COMMANDS[args.operation][0],) if args.operation else cli_input.ENDPOINT_OPERATIONS
    try:
        document = cli_input.load(args.file)
    except InputProblems as problems:
        return _report(problems.failures)
    _inputs, failures = cli_input.check(document, operations)
    return _report(failures)


def _report(failures: list[Failure]) -> int:
    for failure in failures:
        print(describe(failure))
    if failures:
        return EXIT_INVALID
    print("valid")
    return EXIT_OK

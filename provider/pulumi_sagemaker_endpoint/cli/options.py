"""The endpoint commands' options, generated from botocore's input shapes as the AWS CLI derives them: one
option per member, typed by its shape (JSON, shorthand lists, booleans), plus the CLI-input, wait and targeting
options."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable

from ..aws.model import documentation, members, option
from ..core.timeouts import parse_duration
from .commands import COMMANDS, WAITED, run, validate
from .exits import EXIT_CODES_HELP
from .progress import STILL_WAITING_SECONDS


def register(commands: argparse._SubParsersAction) -> None:
    for command, (operation, about) in COMMANDS.items():
        sub = commands.add_parser(command, help=about, description=about, epilog=EXIT_CODES_HELP,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        for name, shape in members((operation,)).items():
            _add_member_option(sub, name, shape)
        _add_input_options(sub)
        if operation in WAITED:
            _add_wait_options(sub, operation)
        _add_target_options(sub)
        sub.set_defaults(handler=lambda args, operation=operation: run(operation, args))
    check = commands.add_parser(
        "validate", help="check a CLI-input document against schema.json and the provider's rules",
        description="Check a create-endpoint/update-endpoint CLI-input document (JSON or YAML) without calling AWS; "
                    "print every problem, starting with its path (exit 2), or `valid` (exit 0).",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("file", metavar="FILE", help="the document: a path, file://path, or - for standard input")
    check.add_argument("--operation", choices=("create-endpoint", "update-endpoint"),
                       help="check against this command's input only (default: either's keys are accepted)")
    check.set_defaults(handler=validate)


def _help(shape: Any, extra: str = "") -> str:
    return " ".join(part for part in (documentation(shape), extra) if part).replace("%", "%%")


def _add_member_option(parser: argparse.ArgumentParser, name: str, shape: Any) -> None:
    """One option per member of the operation's input, typed by its shape, as the AWS CLI derives them."""
    flag, kind = option(name), shape.type_name
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
    parser.add_argument("--still-waiting-every", metavar="DURATION", type=_duration,
                        help=f"when standard error is not a terminal, say the status still lasts after this long "
                             f"without news (default: {STILL_WAITING_SECONDS:g}s)")


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

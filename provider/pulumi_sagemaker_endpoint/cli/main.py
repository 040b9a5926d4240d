"""`sagemaker-endpoint` / `python -m pulumi_sagemaker_endpoint`: quickstart, the endpoint commands, validate,
iam-policy and the local emulator."""
from __future__ import annotations

import argparse
import sys
from typing import Callable, NoReturn, Sequence

Handler = Callable[[argparse.Namespace], int]


def _quickstart(args: argparse.Namespace) -> int:
    from .quickstart import run

    return run(engine=args.engine)


def _iam_policy(args: argparse.Namespace) -> int:
    from ..aws.iam import render
    from ..check.schema import value_failures
    from .exits import EXIT_INVALID, fail

    if args.role_arn is not None:
        problems = value_failures("roleArn", args.role_arn)
        if problems:
            return fail([problem.reason.replace("roleArn", "--role-arn", 1) for problem in problems], EXIT_INVALID)
    print(render(args.role_arn))
    return 0


class Parser(argparse.ArgumentParser):
    """argparse, with its errors said as every other error of the command line is: `error: ...`, exit 2."""

    def error(self, message: str) -> NoReturn:
        from .exits import EXIT_INVALID, PREFIX

        self.exit(EXIT_INVALID, f"{PREFIX}{self.prog}: {message.rstrip('.')}; see `{self.prog} --help`.\n")


def parser() -> argparse.ArgumentParser:
    from .exits import EXIT_CODES_HELP

    root = Parser(prog="sagemaker-endpoint", description=__doc__, epilog=EXIT_CODES_HELP,
                  formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = root.add_subparsers(dest="command", required=True)

    quickstart = commands.add_parser("quickstart", help="run examples/quickstart against the local emulator")
    quickstart.add_argument("--engine", choices=["auto", "cli", "sdk"], default="auto",
                            help="cli: the pulumi CLI via the Automation API; sdk: the SDK's dynamic provider server")
    quickstart.set_defaults(handler=_quickstart)

    commands.add_parser("emulator", help="serve the SageMaker emulator: the options of python -m sagemaker_emulator")

    iam = commands.add_parser("iam-policy", help="print the IAM policy the provider needs: the calls it makes and what "
                                                    "AWS checks on their behalf")
    iam.add_argument("--role-arn", help="also allow assuming this deployment role")
    iam.set_defaults(handler=_iam_policy)

    from .options import register

    register(commands)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["emulator"]:  # its options belong to `python -m sagemaker_emulator`, passed through whole
        from sagemaker_emulator.__main__ import main as emulator_main

        return emulator_main(argv[1:])
    args = parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())

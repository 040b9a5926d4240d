"""`sagemaker-endpoint` / `python -m pulumi_sagemaker_endpoint`: quickstart, the endpoint commands, validate,
iam-policy and the local emulator."""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _quickstart(args: argparse.Namespace) -> int:
    from .quickstart import run

    return run(engine=args.engine)


def _iam_policy(args: argparse.Namespace) -> int:
    from ..aws.iam import render

    print(render(args.role_arn))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="sagemaker-endpoint", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    quickstart = commands.add_parser("quickstart", help="run examples/quickstart against the local emulator")
    quickstart.add_argument("--engine", choices=["auto", "cli", "sdk"], default="auto",
                            help="cli: the pulumi CLI via the Automation API; sdk: the SDK's dynamic provider server")
    quickstart.set_defaults(handler=_quickstart)

    commands.add_parser("emulator", help="serve the SageMaker emulator: the options of python -m sagemaker_emulator")

    iam = commands.add_parser("iam-policy", help="print the least-privilege IAM policy the provider needs")
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

"""``python -m sagemaker_emulator``: serve the emulator on 127.0.0.1 until interrupted.

Prints the URL it serves on as the first line of standard output, e.g.
``http://127.0.0.1:5123``; point boto3 at it with ``AWS_ENDPOINT_URL``.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any, Sequence

from .settings import REALISTIC, build


def _pairs(values: Sequence[str] | None) -> dict[str, str]:
    """``NAME`` or ``NAME=REASON`` items → mapping."""
    result: dict[str, str] = {}
    for item in values or []:
        name, _, reason = item.partition("=")
        result[name] = reason
    return result


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m sagemaker_emulator",
        description="Local SageMaker hosting emulator (moto-based) served on 127.0.0.1.",
    )
    p.add_argument("--port", type=int, default=0, help="port to listen on (0: pick a free one)")
    timing = p.add_argument_group("timings (seconds; floats allowed)")
    for name, help_text in (
        ("create", "Creating → InService"),
        ("update", "provisioning the new fleet of an UpdateEndpoint"),
        ("delete", "Deleting → gone"),
        ("rollback", "RollingBack → InService"),
        ("capacity", "UpdateEndpointWeightsAndCapacities or an autoscaling change: Updating → InService"),
        ("consistency", "wall-clock seconds a new EndpointConfig stays invisible to CreateEndpoint/UpdateEndpoint"),
    ):
        key = f"{name}_seconds"
        timing.add_argument(f"--{name}-seconds", dest=key, type=float, default=REALISTIC[key],
                            help=f"{help_text} (default {REALISTIC[key]:g})")
    timing.add_argument("--consistency-uses", type=int, default=0,
                        help="how many CreateEndpoint/UpdateEndpoint uses of each new EndpointConfig miss it "
                             "(default 0)")
    timing.add_argument("--time-scale", type=float, default=REALISTIC["time_scale"],
                        help="factor applied to DeploymentConfig waits and timeouts (default 1)")
    faults = p.add_argument_group("faults")
    faults.add_argument("--throttle-rate", type=float, default=0.0, help="probability of ThrottlingException")
    faults.add_argument("--throttle-rps", type=float, default=None, help="requests-per-second budget")
    faults.add_argument("--error-rate", type=float, default=0.0, help="probability of a 500/503")
    faults.add_argument("--reset-rate", type=float, default=0.0, help="probability of a dropped connection")
    faults.add_argument("--seed", type=int, default=None, help="seed for the fault draws")
    faults.add_argument("--fail-create", action="append", metavar="NAME[=REASON]", help="creates end Failed")
    faults.add_argument("--fail-update", action="append", metavar="NAME[=REASON]", help="updates fail")
    faults.add_argument("--fail-rollback", action="append", metavar="NAME", help="rollbacks fail")
    faults.add_argument("--deny-action", action="append", metavar="ACTION", help="e.g. sagemaker:UpdateEndpoint")
    faults.add_argument("--expired-credentials", action="store_true", help="answer ExpiredTokenException")
    faults.add_argument("--endpoint-limit", type=int, default=None, help="endpoints allowed per account/region")
    p.add_argument("--settings-json", default=None, help="JSON object of settings, applied last")
    p.add_argument("--verbose", action="store_true", help="log every request to standard error")
    return p


def settings_from(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {
        key: getattr(args, key)
        for key in (
            "create_seconds", "update_seconds", "delete_seconds", "rollback_seconds", "capacity_seconds",
            "consistency_seconds",
            "consistency_uses", "time_scale", "throttle_rate", "throttle_rps", "error_rate", "reset_rate", "seed",
            "expired_credentials", "endpoint_limit",
        )
    }
    values["fail_create"] = _pairs(args.fail_create)
    values["fail_update"] = _pairs(args.fail_update)
    values["fail_rollback"] = list(args.fail_rollback or [])
    values["deny_actions"] = list(args.deny_action or [])
    if args.settings_json:
        values.update(json.loads(args.settings_json))
    return values


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        values = settings_from(args)
        build(values)
    except ValueError as error:
        print(f"sagemaker_emulator: {error}", file=sys.stderr)
        return 2

    from .server import create_server
    from .settings import SETTINGS

    SETTINGS.start(values)
    server, url = create_server(args.port, verbose=args.verbose)
    print(url, flush=True)
    print(
        f"SageMaker emulator serving on {url} (export AWS_ENDPOINT_URL={url}); Ctrl-C to stop.",
        file=sys.stderr,
        flush=True,
    )

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())

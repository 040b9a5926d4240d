"""Python API: run an emulator in a subprocess and talk to it.

>>> with Emulator(**FAST) as emu:                       # doctest: +SKIP
...     sm = emu.client("sagemaker")
...     emu.configure(throttle_rate=0.5)
...     emu.stats()["calls"]

Each :class:`Emulator` is its own ``python -m sagemaker_emulator --port 0``
process, so each has its own moto state.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any, Mapping

from .settings import FAST, build

DUMMY_ACCESS_KEY = "testing"
DUMMY_SECRET_KEY = "testing"
REGION = "us-east-1"

__all__ = ["Emulator", "EmulatorError", "FAST"]


class EmulatorError(RuntimeError):
    """The emulator process could not be started or answered a control call with an error."""


_SESSION_LOCK = threading.Lock()
_SESSION: Any = None


def _boto3_session() -> Any:
    """One boto3 session for all clients, so the service models are parsed once."""
    global _SESSION
    import boto3

    if _SESSION is None:
        _SESSION = boto3.session.Session()
    return _SESSION


def _pipe_lines(stream: IO[str], sink: "queue.Queue[str | None]") -> None:
    for line in stream:
        sink.put(line)
    sink.put(None)


class Emulator:
    """A SageMaker emulator subprocess; start it with ``start()`` or ``with``.

    Keyword arguments are emulator settings (see the package docstring):
    ``create_seconds``, ``update_seconds``, ``delete_seconds``,
    ``rollback_seconds``, ``capacity_seconds``, ``consistency_seconds``, ``consistency_uses``, ``time_scale`` and the
    faults.  Settings left out take the server's defaults (realistic timings,
    no faults); pass ``**FAST`` for test timings.
    """

    def __init__(self, *, startup_timeout: float = 60.0, **settings: Any) -> None:
        build(settings)  # a ValueError naming the setting, before any process starts
        self.settings: dict[str, Any] = dict(settings)
        self.startup_timeout = startup_timeout
        self.url: str = ""
        self._process: subprocess.Popen[str] | None = None
        self._stderr: list[str] = []

    # -- process ---------------------------------------------------------------
    def start(self) -> "Emulator":
        if self._process is not None:
            return self
        source_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source_root, env.get("PYTHONPATH", "")) if p)
        command = [sys.executable, "-m", "sagemaker_emulator", "--port", "0",
                   "--settings-json", json.dumps(self.settings)]
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env
        )
        lines: "queue.Queue[str | None]" = queue.Queue()
        assert self._process.stdout is not None and self._process.stderr is not None
        threading.Thread(target=_pipe_lines, args=(self._process.stdout, lines), daemon=True).start()
        threading.Thread(target=self._collect_stderr, args=(self._process.stderr,), daemon=True).start()
        try:
            line = lines.get(timeout=self.startup_timeout)
        except queue.Empty:
            line = None
        if not line or not line.startswith("http://"):
            self.stop()
            detail = "".join(self._stderr[-20:])
            raise EmulatorError(f"the SageMaker emulator did not start: {detail or 'no output'}")
        self.url = line.strip()
        return self

    def _collect_stderr(self, stream: IO[str]) -> None:
        for line in stream:
            self._stderr.append(line)
            del self._stderr[:-200]

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- clients ---------------------------------------------------------------
    def env(self) -> dict[str, str]:
        """Environment variables that point the AWS SDKs (and the provider) at this emulator."""
        return {
            "AWS_ENDPOINT_URL": self.url,
            "AWS_ACCESS_KEY_ID": DUMMY_ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET_KEY,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
        }

    def client(self, service: str = "sagemaker", **kwargs: Any) -> Any:
        """A boto3 client for ``service`` (``"sagemaker"``, ``"cloudwatch"``, ``"application-autoscaling"``)
        pointed at the emulator."""
        options: dict[str, Any] = {
            "endpoint_url": self.url,
            "region_name": REGION,
            "aws_access_key_id": DUMMY_ACCESS_KEY,
            "aws_secret_access_key": DUMMY_SECRET_KEY,
        }
        options.update(kwargs)
        with _SESSION_LOCK:
            return _boto3_session().client(service, **options)

    # -- control routes ------------------------------------------------------------
    def _call(self, method: str, route: str, payload: Mapping[str, Any] | None = None) -> Any:
        if not self.url:
            raise EmulatorError("the emulator is not running; call start() first")
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            f"{self.url}/_emulator/{route}", data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise EmulatorError(f"/_emulator/{route}: {error.read().decode(errors='replace')}") from error

    def configure(self, **settings: Any) -> dict[str, Any]:
        """Change timings or faults at run time; returns the settings now in force."""
        return self._call("POST", "config", settings)

    def config(self) -> dict[str, Any]:
        return self._call("GET", "config")

    def stats(self) -> dict[str, Any]:
        """``{"calls": {op: n}, "total": n, "errors": {code: n}, "throttled": n, "faults": {kind: n}}``."""
        return self._call("GET", "stats")

    def requests(self, since: float | None = None) -> list[dict[str, Any]]:
        """The request log: ``{"t", "service", "operation", "endpoint", "status", "error", "duration"}`` each."""
        return self._call("GET", "requests" if since is None else f"requests?since={since}")

    def events(self, resource: str | None = None) -> list[dict[str, Any]]:
        """The event log: ``{"t", "resource", "rollout", "phase", "message"}`` for each phase a resource completed,
        in order; ``resource`` an endpoint name or ``inference-component/<name>`` (as for holds)."""
        query = "" if resource is None else "?" + urllib.parse.urlencode({"resource": resource})
        return self._call("GET", f"events{query}")

    def reset_stats(self) -> None:
        self._call("POST", "stats/reset", {})

    def reset(self) -> None:
        """Forget all state (moto reset), counters, and runtime setting changes."""
        self._call("POST", "reset", {})

    def autoscale(self, endpoint_name: str, variant_name: str, desired_instance_count: int) -> dict[str, Any]:
        """Play Application Auto Scaling: set a variant's desired instance count within its scalable target's
        min/max (``Updating`` for ``capacity_seconds``, then ``InService``); returns the endpoint as
        DescribeEndpoint shows it right after.  EmulatorError when no target is registered, the count is out of
        range, that direction is suspended, or the endpoint is not InService."""
        return self._call(
            "POST",
            "autoscale",
            {"endpoint": endpoint_name, "variant": variant_name, "desired_instance_count": desired_instance_count},
        )

    def autoscale_copies(self, component_name: str, copy_count: int) -> dict[str, Any]:
        """Play Application Auto Scaling for an inference component: set its copy count within its
        ``sagemaker:inference-component:DesiredCopyCount`` target (``Updating`` for ``capacity_seconds``); returns
        the component as DescribeInferenceComponent shows it right after."""
        return self._call("POST", "autoscale", {"inference_component": component_name, "copy_count": copy_count})

    def managed_scale(self, endpoint_name: str, variant_name: str, instance_count: int) -> dict[str, Any]:
        """Play SageMaker's managed instance scaling: set a variant's current and desired instance count within
        its ENABLED ``ManagedInstanceScaling`` min/max at once (the endpoint stays InService); returns the endpoint
        as DescribeEndpoint shows it.  EmulatorError when the variant has no such scaling, the count is out of
        range, or the endpoint is not InService."""
        return self._call(
            "POST",
            "managed-scale",
            {"endpoint": endpoint_name, "variant": variant_name, "instance_count": instance_count},
        )

    # -- holds: stop an endpoint (or an inference component) in a phase, deterministically ----------------------------
    def hold(self, endpoint_name: str, *phases: str) -> dict[str, Any]:
        """Stop ``endpoint_name`` (it need not exist yet) at its next phase of each kind in ``phases``.

        ``inference-component/<name>`` names an inference component.
        Kinds: ``create``, ``provision``, ``shift``, ``bake``, ``termination-wait``, ``terminate``,
        ``rollback``, ``delete``, ``capacity``.  A held phase's clock and deployment deadline stop
        (alarms stay watched) until :meth:`release`; then the phase runs its full duration.
        Returns :meth:`holds`.
        """
        return self._call("POST", "hold", {"endpoint": endpoint_name, "phases": list(phases)})

    def release(self, endpoint_name: str, phase: str | None = None) -> dict[str, Any]:
        """Let the endpoint go on from the phase it is held in (its other holds stay).

        With ``phase``, only if the held phase is of that kind: a hold that ended otherwise (an alarm
        rolled the deployment back) is not mistaken for the next one.
        """
        return self._call("POST", "release", {"endpoint": endpoint_name, "phase": phase})

    def unhold(self, endpoint_name: str) -> dict[str, Any]:
        """Release the endpoint and forget every hold set for it."""
        return self._call("POST", "unhold", {"endpoint": endpoint_name})

    def holds(self) -> dict[str, Any]:
        """``{endpoint (lower case): {"pending": [kinds], "reached": kind or None}}``."""
        return self._call("GET", "holds")

    def wait_held(self, endpoint_name: str, timeout: float = 60.0) -> str:
        """Wait until ``endpoint_name`` stands in a held phase; returns that phase's kind."""
        deadline = time.monotonic() + timeout
        while True:
            reached = self.holds().get(endpoint_name.lower(), {}).get("reached")
            if reached:
                return str(reached)
            if time.monotonic() >= deadline:
                raise EmulatorError(f"{endpoint_name} reached none of its holds within {timeout} s")
            time.sleep(0.01)

    def __repr__(self) -> str:
        return f"Emulator(url={self.url!r}, running={self.running})"


def fast(**overrides: Any) -> Emulator:
    """An (unstarted) emulator with test timings, see :data:`FAST`."""
    return Emulator(**{**FAST, **overrides})

"""The ``/_emulator/*`` control routes (JSON; never counted as API calls, never faulted).

* ``GET  /_emulator/health`` → ``{"ok": true}``
* ``GET  /_emulator/config`` → current settings
* ``POST /_emulator/config`` → change settings (JSON object of setting → value)
* ``GET  /_emulator/stats`` → counters (``calls`` per operation, ``throttled``, ``faults``…)
* ``POST /_emulator/stats/reset`` → clear counters, the request log and the event log
* ``GET  /_emulator/events[?resource=<hold key>]`` → the phases timed resources completed, in order
* ``GET  /_emulator/requests[?since=<epoch seconds>]`` → the request log
* ``POST /_emulator/reset`` → reset moto state, counters and settings (to start-up values)
* ``GET  /_emulator/holds`` → ``{endpoint: {"pending": [phase kinds], "reached": kind | null}}``
* ``POST /_emulator/hold`` ``{"endpoint", "phases": [kind, ...]}`` → stop the endpoint at its next phase of
  each kind (``create``, ``provision``, ``shift``, ``bake``, ``termination-wait``, ``terminate``,
  ``rollback``, ``delete``, ``capacity``) until released
* ``POST /_emulator/release`` ``{"endpoint"[, "phase"]}`` → let it run on from the phase it is held in
  (only if that phase is of kind ``phase``, when given)
* ``POST /_emulator/unhold`` ``{"endpoint"}`` → release it and forget its other holds
* ``POST /_emulator/autoscale`` ``{"endpoint", "variant", "desired_instance_count"}`` → play Application
  Auto Scaling: set the variant's desired instance count within its registered scalable target's range
  (``Updating`` → ``InService``); answers the endpoint as DescribeEndpoint would.  With
  ``{"inference_component", "copy_count"}`` instead: the same for a component's copy count within its
  ``sagemaker:inference-component:DesiredCopyCount`` target; answers as DescribeInferenceComponent would
* ``POST /_emulator/managed-scale`` ``{"endpoint", "variant", "instance_count"}`` → play managed instance scaling:
  set the variant's current and desired instance count within its ENABLED ``ManagedInstanceScaling`` range (the
  endpoint stays ``InService``); answers the endpoint as DescribeEndpoint would

Holds, releases and events name an inference component as ``inference-component/<name>``.
The endpoint routes take optional ``"account"`` and ``"region"`` (default
``123456789012`` / ``us-east-1``).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from moto.core import DEFAULT_ACCOUNT_ID
from moto.sagemaker.models import sagemaker_backends
from werkzeug.wrappers import Request, Response

from .models import EmulatorSageMakerBackend
from .requestlog import RECORDER
from .settings import SETTINGS

PREFIX = "/_emulator/"
DEFAULT_REGION = "us-east-1"


def reset_state() -> None:
    """moto reset (every backend, ours included), counters, start-up settings."""
    from moto.moto_api._internal import moto_api_backend

    moto_api_backend.reset()
    SETTINGS.restore()
    RECORDER.reset()


def _backend(body: Mapping[str, Any]) -> EmulatorSageMakerBackend:
    account = str(body.get("account") or DEFAULT_ACCOUNT_ID)
    region = str(body.get("region") or DEFAULT_REGION)
    return sagemaker_backends[account][region]  # type: ignore[return-value]


def _endpoint(body: Mapping[str, Any]) -> str:
    name = body.get("endpoint")
    if not isinstance(name, str) or not name:
        raise ValueError('this route needs "endpoint": the endpoint name')
    return name


def _phases(body: Mapping[str, Any]) -> list[str]:
    phases = body.get("phases", body.get("phase"))
    return [phases] if isinstance(phases, str) else list(phases or [])


def _requests(request: Request, body: Mapping[str, Any]) -> Any:
    since = request.args.get("since")
    return RECORDER.requests(float(since) if since else None)


def _events(request: Request, body: Mapping[str, Any]) -> Any:
    return RECORDER.events(request.args.get("resource"))


def _reset_stats(request: Request, body: Mapping[str, Any]) -> Any:
    RECORDER.reset()
    return RECORDER.stats()


def _reset(request: Request, body: Mapping[str, Any]) -> Any:
    reset_state()
    return SETTINGS.current.to_dict()


def _autoscale(request: Request, body: Mapping[str, Any]) -> Any:
    backend = _backend(body)
    if body.get("inference_component"):
        return backend.autoscale_inference_component(str(body["inference_component"]), body.get("copy_count"))  # type: ignore[arg-type]
    return backend.autoscale(_endpoint(body), str(body.get("variant", "")), body.get("desired_instance_count"))  # type: ignore[arg-type]


def _managed_scale(request: Request, body: Mapping[str, Any]) -> Any:
    count = body.get("instance_count")
    return _backend(body).managed_scale(_endpoint(body), str(body.get("variant", "")), count)  # type: ignore[arg-type]


Handler = Callable[[Request, Mapping[str, Any]], Any]

ROUTES: dict[tuple[str, str], Handler] = {
    ("GET", "health"): lambda request, body: {"ok": True},
    ("GET", "config"): lambda request, body: SETTINGS.current.to_dict(),
    ("POST", "config"): lambda request, body: SETTINGS.update(body).to_dict(),
    ("GET", "stats"): lambda request, body: RECORDER.stats(),
    ("POST", "stats/reset"): _reset_stats,
    ("GET", "requests"): _requests,
    ("GET", "events"): _events,
    ("POST", "reset"): _reset,
    ("GET", "holds"): lambda request, body: _backend(request.args).hold_states(),
    ("POST", "hold"): lambda request, body: _backend(body).hold(_endpoint(body), _phases(body)),
    ("POST", "release"): lambda request, body: _backend(body).release(_endpoint(body), body.get("phase")),
    ("POST", "unhold"): lambda request, body: _backend(body).unhold(_endpoint(body)),
    ("POST", "autoscale"): _autoscale,
    ("POST", "managed-scale"): _managed_scale,
}


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload, default=str), status, mimetype="application/json")


def handle(request: Request) -> Response:
    route = request.path[len(PREFIX) :].strip("/")
    handler = ROUTES.get((request.method, route))
    if handler is None:
        return _json({"error": f"no control route {request.method} {PREFIX}{route}"}, 404)
    try:
        body = request.get_json(force=True, silent=True) if request.method == "POST" else None
        return _json(handler(request, body if isinstance(body, dict) else {}))
    except (TypeError, ValueError) as error:
        return _json({"error": str(error)}, 400)

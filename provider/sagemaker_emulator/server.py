"""HTTP serving: moto's werkzeug app with the emulator's models, the request
log, dropped-connection faults and the control routes (``control.py``).
"""

from __future__ import annotations

import io
import json
import logging
import socket
import struct
import time
import warnings
from typing import Any, Callable, Iterable, Mapping

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.test import Client
from werkzeug.wrappers import Request

from . import control
from .exceptions import ConnectionResetFault
from .faults import FAULTS
from .autoscaling import models as autoscaling
from .autoscaling.models import RESOURCE_ID
from .models import install
from .requestlog import RECORDER

HOST = "127.0.0.1"
_TARGET_SERVICES = {
    "SageMaker": "sagemaker",
    "GraniteServiceVersion20100801": "cloudwatch",
    "AnyScaleFrontendService": "application-autoscaling",
}

warnings.filterwarnings("ignore", message=r".*does not match an error shape.*")


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def identify(environ: Mapping[str, Any], body: bytes) -> tuple[str, str]:
    """``(service, operation)`` of an AWS request; empty strings when unknown."""
    target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
    if target:
        prefix, _, operation = target.rpartition(".")
        return _TARGET_SERVICES.get(prefix, prefix.lower()), operation
    auth = str(environ.get("HTTP_AUTHORIZATION", ""))
    service = ""
    if "Credential=" in auth:
        scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
        service = scope[3] if len(scope) > 3 else ""
    service = {"monitoring": "cloudwatch"}.get(service, service)
    path = str(environ.get("PATH_INFO", ""))
    if "/operation/" in path:
        return service, path.rsplit("/operation/", 1)[1].strip("/")
    form = dict(pair.split("=", 1) for pair in body.decode("utf-8", "replace").split("&") if "=" in pair)
    return service, form.get("Action", "")


def endpoint_of(body: bytes) -> str | None:
    """The endpoint a request is about, when its JSON body names one."""
    try:
        params = json.loads(body or b"{}")
    except ValueError:
        return None
    if not isinstance(params, dict):
        return None
    if isinstance(params.get("EndpointName"), str):
        return params["EndpointName"]
    arn = params.get("ResourceArn")
    if isinstance(arn, str) and ":endpoint/" in arn:
        return arn.rsplit("/", 1)[1]
    scalable = RESOURCE_ID.fullmatch(str(params.get("ResourceId", "")))
    return scalable["endpoint"] if scalable else None


def _drop_connection(environ: Mapping[str, Any]) -> None:
    sock = environ.get("werkzeug.socket")
    if sock is None:
        return
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class EmulatorApp:
    """WSGI application: control routes, then moto's dispatcher, with a request log."""

    def __init__(self) -> None:
        install()
        autoscaling.install()
        self.moto_app = DomainDispatcherApplication(create_backend_app)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("PATH_INFO", "")).startswith(control.PREFIX):
            return control.handle(Request(environ))(environ, start_response)
        started = time.time()
        body = _read_body(environ)
        service, operation = identify(environ, body)
        endpoint = endpoint_of(body)
        if service == "sagemaker" and FAULTS.should_reset():
            RECORDER.record(
                service=service, operation=operation, endpoint=endpoint, status=0, error="ConnectionReset",
                started=started,
            )
            _drop_connection(environ)
            raise ConnectionResetFault(f"connection dropped on purpose ({operation})")
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"] = int(status.split(" ", 1)[0])
            seen["headers"] = headers
            return start_response(status, headers, exc_info)

        try:
            result = self.moto_app(environ, capture)
        except Exception:
            # e.g. an operation moto does not implement: werkzeug answers 500.
            RECORDER.record(
                service=service, operation=operation, endpoint=endpoint, status=500, error="InternalError",
                started=started,
            )
            raise
        if operation:
            headers = {k.lower(): v for k, v in seen.get("headers", [])}
            error = headers.get("x-amzn-errortype", "").split(":", 1)[0] or None
            status = seen.get("status", 500)
            if error is None and status >= 400:
                error = str(status)
            RECORDER.record(
                service=service, operation=operation, endpoint=endpoint, status=status, error=error, started=started
            )
        return result

    def warm_up(self) -> None:
        """Load the services' models and apps before the first real request."""
        client = Client(self.moto_app)  # straight to moto: faults and the request log stay out of the warm-up
        for target, scope, content_type, body in (
            ("SageMaker.ListEndpoints", "sagemaker", "application/x-amz-json-1.1", b"{}"),
            ("GraniteServiceVersion20100801.DescribeAlarms", "monitoring", *_cloudwatch_warm_up_body()),
            (
                "AnyScaleFrontendService.DescribeScalableTargets",
                "application-autoscaling",
                "application/x-amz-json-1.1",
                b'{"ServiceNamespace": "sagemaker"}',
            ),
        ):
            client.post(
                "/",
                data=body,
                headers={
                    "X-Amz-Target": target,
                    "Content-Type": content_type,
                    "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/{scope}/aws4_request, "
                    "SignedHeaders=host, Signature=0",
                },
            )
        control.reset_state()


def _cloudwatch_warm_up_body() -> tuple[str, bytes]:
    """DescribeAlarms in a protocol the installed botocore's CloudWatch model accepts: JSON from botocore 1.42.7,
    only the query protocol before it (moto answers each request in the protocol the model lists)."""
    from moto.core.utils import get_service_model

    if "json" in (get_service_model("cloudwatch").metadata.get("protocols") or []):
        return "application/x-amz-json-1.0", b"{}"
    return "application/x-www-form-urlencoded", b"Action=DescribeAlarms&Version=2010-08-01"


def create_server(port: int = 0, verbose: bool = False) -> tuple[BaseWSGIServer, str]:
    """A threaded werkzeug server bound to 127.0.0.1, and its URL."""
    if not verbose:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = EmulatorApp()
    app.warm_up()
    server = make_server(HOST, port, app, threaded=True)
    return server, f"http://{HOST}:{server.server_port}"

"""A gate between the provider and the emulator, for kills at an exact point between two AWS calls.

The provider server is pointed at the gate (`AWS_ENDPOINT_URL`), which forwards every request to the emulator, except
the one `stop_at(operation, occurrence)` names: that request is held before it is forwarded, `wait_stopped()` returns
once it is, and after the test has killed the server `drop()` closes it unanswered. So the killed run made every call
before that one and not that one, whatever the machine's speed: no wall-clock window is involved.

The operation is read from the `X-Amz-Target` header of the JSON protocols (SageMaker's `SageMaker.AddTags`,
Application Auto Scaling's `AnyScaleFrontendService.RegisterScalableTarget`); other requests are only forwarded.
"""
from __future__ import annotations

import http.client
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


class Gate:
    def __init__(self, upstream: str) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.counts: dict[str, int] = {}
        self._stop: tuple[str, int] | None = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._dropped = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="gate", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "Gate":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._dropped.set()
        self._server.shutdown()
        self._server.server_close()

    def stop_at(self, operation: str, occurrence: int = 1) -> None:
        """Hold the `occurrence`-th request of `operation` (counted from now) instead of forwarding it."""
        with self._lock:
            self.counts.clear()
            self._stop = (operation, occurrence)

    def wait_stopped(self, timeout: float = 60.0) -> None:
        if not self._stopped.wait(timeout):
            raise AssertionError(f"the provider never sent {self._stop} (it sent {self.counts})")

    def drop(self) -> None:
        """Close the held request unanswered (call it once the server that sent it is dead)."""
        self._dropped.set()

    def _holds(self, operation: str | None) -> bool:
        with self._lock:
            if operation is None:
                return False
            self.counts[operation] = self.counts.get(operation, 0) + 1
            return self._stop == (operation, self.counts[operation])

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, list, bytes]:
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        gate = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                target = self.headers.get("X-Amz-Target")
                if gate._holds(target.rsplit(".", 1)[-1] if target else None):
                    gate._stopped.set()
                    gate._dropped.wait()
                    self.close_connection = True
                    return  # never forwarded: the call did not happen
                headers = {key: value for key, value in self.headers.items() if key.lower() not in HOP_BY_HOP}
                status, answer_headers, answer = gate._forward(self.command, self.path, headers, body)
                self.send_response(status)
                for key, value in answer_headers:
                    if key.lower() not in HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler

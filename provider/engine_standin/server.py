"""Run the Pulumi Python SDK's dynamic provider server (`python -m pulumi.dynamic`) as a child process.

The engine starts dynamic providers through the `pulumi-resource-pulumi-python` shim
(pulumi repo: sdk/python/dist/pulumi-resource-pulumi-python), which runs
`python -u -m pulumi.dynamic <engine address>` in the program's directory with
PULUMI_PROJECT and PULUMI_CONFIG set (pkg/resource/plugin/provider_plugin.go, NewProvider;
pkg/host/host.go, defaultHost.Provider). The server prints its port on stdout and serves
ResourceProvider over gRPC. This module does the same, minus the engine address (the
server ignores its arguments).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Optional

import grpc
from pulumi.runtime.proto import provider_pb2_grpc

# The engine's own limit (sdk/go/common/util/rpcutil/serve.go maxRPCMessageSize, 400 MiB); the
# SDK's equivalent list is private (pulumi.runtime._grpc_settings) and absent before 3.14x.
_MAX_RPC_MESSAGE_SIZE = 1024 * 1024 * 400
CHANNEL_OPTIONS = [("grpc.max_receive_message_length", _MAX_RPC_MESSAGE_SIZE)]


class ServerStartError(RuntimeError):
    """The provider server exited or stayed silent before printing its port."""


class ProviderServer:
    """`python -m pulumi.dynamic` in a subprocess, with a gRPC stub connected to it.

    `env` is merged over `os.environ` (add PYTHONPATH, AWS_* ... there). `cwd` defaults to the
    current directory: like the engine (which starts plugins in the program directory), that
    puts it on the child's `sys.path`, so providers defined beside the program unpickle.
    """

    def __init__(
        self,
        env: Optional[Mapping[str, str]] = None,
        *,
        cwd: "str | os.PathLike[str] | None" = None,
        project: str = "test",
        package_config: Optional[Mapping[str, str]] = None,
        startup_timeout: float = 30.0,
    ) -> None:
        self.project = project
        self._env = dict(env or {})
        self._cwd = Path(cwd) if cwd is not None else Path.cwd()
        self._package_config = dict(package_config or {})
        self._startup_timeout = startup_timeout
        self._proc: Optional[subprocess.Popen[bytes]] = None
        self._channel: Optional[grpc.Channel] = None
        self._stub: Optional[provider_pb2_grpc.ResourceProviderStub] = None
        self._stderr: Optional[IO[bytes]] = None
        self._stdout_lines: list[str] = []
        self._port: Optional[int] = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> "ProviderServer":
        if self._proc is not None:
            raise RuntimeError("server already started")
        env = dict(os.environ)
        # What NewProvider adds for every plugin: the project name (read by the server's
        # get_provider for Config.get without a namespace) and the config of the plugin's own
        # namespace ("pulumi-python:*", normally empty) as JSON.
        env["PULUMI_PROJECT"] = self.project
        env["PULUMI_CONFIG"] = json.dumps(self._package_config)
        env.update(self._env)
        self._stderr = tempfile.NamedTemporaryFile(prefix="pulumi-dynamic-", suffix=".stderr")
        self._proc = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.dynamic"],
            cwd=str(self._cwd),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        first_line = threading.Event()
        reader = threading.Thread(target=self._drain_stdout, args=(first_line,), daemon=True)
        reader.start()
        if not first_line.wait(self._startup_timeout) or not self._stdout_lines:
            self.stop()
            raise ServerStartError(f"dynamic provider server printed no port; stderr:\n{self.stderr_text()}")
        try:
            self._port = int(self._stdout_lines[0].strip())
        except ValueError:
            self.stop()
            raise ServerStartError(
                f"unexpected first line {self._stdout_lines[0]!r}; stderr:\n{self.stderr_text()}"
            ) from None
        self._channel = grpc.insecure_channel(f"127.0.0.1:{self._port}", options=CHANNEL_OPTIONS)
        try:
            grpc.channel_ready_future(self._channel).result(timeout=self._startup_timeout)
        except grpc.FutureTimeoutError:
            self.stop()
            raise ServerStartError(f"could not connect to port {self._port}; stderr:\n{self.stderr_text()}") from None
        self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)
        return self

    def _drain_stdout(self, first_line: threading.Event) -> None:
        # The engine keeps reading a plugin's stdout; so must we, or a chatty provider blocks
        # once the pipe buffer fills.
        assert self._proc is not None and self._proc.stdout is not None
        for raw in self._proc.stdout:
            self._stdout_lines.append(raw.decode(errors="replace"))
            first_line.set()
        first_line.set()

    def kill(self) -> None:
        """SIGKILL the server (simulates a crash or an engine killed mid-operation)."""
        if self._proc is not None and self._proc.poll() is None:
            os.kill(self._proc.pid, signal.SIGKILL)
            self._proc.wait()

    def stop(self) -> None:
        """Close the channel and end the process (SIGTERM, then SIGKILL after 5 s)."""
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "ProviderServer":
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    # -- accessors -------------------------------------------------------------------------

    @property
    def stub(self) -> provider_pb2_grpc.ResourceProviderStub:
        if self._stub is None:
            raise RuntimeError("server not started")
        return self._stub

    @property
    def pid(self) -> int:
        if self._proc is None:
            raise RuntimeError("server not started")
        return self._proc.pid

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("server not started")
        return self._port

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def returncode(self) -> Optional[int]:
        return None if self._proc is None else self._proc.poll()

    def stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        with open(self._stderr.name, "rb") as f:
            return f.read().decode(errors="replace")

    def stdout_text(self) -> str:
        """Everything the server printed, including the port line."""
        return "".join(self._stdout_lines)

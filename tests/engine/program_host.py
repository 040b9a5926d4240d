"""Serve a Pulumi project's `__main__.py` to the real `pulumi` CLI as its language runtime.

    python -m tests.engine.program_host PROJECT_DIR     # prints the port, serves until standard input closes

The CLI runs the program through this server when given `--client=127.0.0.1:PORT`: the route the Automation API
takes for inline programs (pulumi.automation's LanguageServer, the SDK's own). It stands in for the language host
`pulumi-language-python` only because the Go module proxy here does not serve that module (scripts/pulumi-engine);
every other part of each run, the engine, the state, the dynamic provider plugin and its server, is Pulumi's own.
Each run executes `__main__.py` afresh, so a test edits the program between runs as a user edits theirs.
"""
from __future__ import annotations

import os
import runpy
import sys
from concurrent import futures
from pathlib import Path

import grpc
from pulumi.automation._server import LanguageServer
from pulumi.runtime.proto import language_pb2_grpc

MAX_MESSAGE = 400 * 1024 * 1024  # what the Automation API allows its language server


def serve(project_dir: Path) -> None:
    program_file = project_dir / "__main__.py"
    sys.path.insert(0, str(project_dir))
    os.chdir(project_dir)

    def program() -> None:
        runpy.run_path(str(program_file), run_name="__main__")

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4),
                         options=[("grpc.max_receive_message_length", MAX_MESSAGE)])
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(LanguageServer(program), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    sys.stdin.read()
    server.stop(0)


if __name__ == "__main__":
    serve(Path(sys.argv[1]).resolve())

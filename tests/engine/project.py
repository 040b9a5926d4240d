"""A real Pulumi project in a temporary directory, driven with the real `pulumi` CLI against the emulator.

`Project` writes Pulumi.yaml and `__main__.py`, keeps the state in a file backend of its own, and runs `pulumi`
commands with the environment a user's shell would have for this emulator (PULUMI_HOME, backend and passphrase
of its own, no update checks, no plugin downloads). Commands that run the program get `--client` pointing at the
project's program host (program_host.py); everything else is the CLI as users run it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from tests.harness import REPO_ROOT, STARTUP_TIMEOUT, quick_polling
from tests.integration.support import GUARD as WAIT_GUARD

PULUMI = shutil.which("pulumi")
#: The commands that run the program, and so talk to the program host.
RUNS_PROGRAM = {"up", "preview", "refresh", "destroy"}
#: Seconds a whole CLI command may take before that is a failure: a guard against a hang, never a window.
GUARD = 600.0
ENDPOINT_TYPE = "pulumi-python:dynamic/sagemaker:Endpoint"
IC_TYPE = "pulumi-python:dynamic/sagemaker:InferenceComponent"


@dataclass(repr=False)
class Run:
    """One finished `pulumi` command."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __repr__(self) -> str:
        return f"pulumi {' '.join(self.args)} exited {self.code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


class Project:
    def __init__(self, root: Path, emulator: Any, program: str, name: str = "test", stack: str = "dev",
                 env: dict[str, str] | None = None) -> None:
        self.root, self.emulator, self.name, self.stack = root, emulator, name, stack
        self.dir = root / name
        self.dir.mkdir(parents=True, exist_ok=True)
        (root / "state").mkdir(exist_ok=True)
        (self.dir / "Pulumi.yaml").write_text(
            f"name: {name}\nruntime:\n  name: python\n  options:\n    toolchain: pip\n", encoding="utf-8")
        self.write(program)
        self.env = {**os.environ, **quick_polling(emulator.env()), **(env or {}),
                    "PULUMI_HOME": str(root / "home"), "PULUMI_BACKEND_URL": f"file://{root / 'state'}",
                    "PULUMI_CONFIG_PASSPHRASE": "test", "PULUMI_SKIP_UPDATE_CHECK": "true",
                    "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true", "PULUMI_PYTHON_CMD": sys.executable,
                    "NO_COLOR": "1"}
        self.env["PYTHONPATH"] = self._python_path = os.pathsep.join([self.env["PYTHONPATH"], str(REPO_ROOT)])
        self._host: subprocess.Popen[str] | None = None
        self.address = ""

    # -- the program ---------------------------------------------------------------------------------
    def write(self, program: str) -> None:
        (self.dir / "__main__.py").write_text(textwrap.dedent(program), encoding="utf-8")

    def start(self) -> "Project":
        self._host = subprocess.Popen([sys.executable, "-m", "tests.engine.program_host", str(self.dir)],
                                      cwd=REPO_ROOT, env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      text=True)
        assert self._host.stdout is not None
        port = self._host.stdout.readline().strip()
        if not port.isdigit():
            raise RuntimeError(f"the program host did not start (printed {port!r})")
        self.address = f"127.0.0.1:{port}"
        return self

    def restart(self, python_path: str | None = None) -> "Project":
        """The program host again, with `python_path` first on PYTHONPATH of it and of the provider plugins the CLI
        starts (an older release of the package, say), or without it."""
        self.close()
        base = self._python_path
        self.env["PYTHONPATH"] = os.pathsep.join([python_path, base]) if python_path else base
        return self.start()

    def close(self) -> None:
        if self._host is not None:
            assert self._host.stdin is not None
            self._host.stdin.close()
            try:
                self._host.wait(timeout=STARTUP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._host.kill()
                self._host.wait()
            self._host = None

    # -- the CLI -------------------------------------------------------------------------------------
    def command(self, *args: str) -> list[str]:
        assert PULUMI is not None
        argv = [PULUMI, *args, "--non-interactive"]
        if args and args[0] in RUNS_PROGRAM:
            argv += ["--stack", self.stack, f"--client={self.address}", "--color=never"]
        return argv

    def pulumi(self, *args: str, expect: int | None = 0, stdin: str | None = None) -> Run:
        done = subprocess.run(self.command(*args), cwd=self.dir, env=self.env, capture_output=True, text=True,
                              timeout=GUARD, input=stdin)
        run = Run(args, done.returncode, done.stdout, done.stderr)
        if expect is not None:
            assert run.code == expect, str(run)
        return run

    def start_command(self, *args: str) -> "Started":
        """Start a command and return at once (to interrupt it, or act while it runs)."""
        return Started(self.command(*args), self.dir, self.env)

    def init(self, stack: str | None = None, config: dict[str, str] | None = None) -> "Project":
        stack = stack or self.stack
        self.pulumi("stack", "init", stack)
        self.stack = stack
        self.configure(config or {})
        return self

    def configure(self, config: dict[str, str], secret: Iterable[str] = ()) -> None:
        config = {"aws:region": "us-east-1", **config}
        for key, value in config.items():
            self.pulumi("config", "set", "--stack", self.stack, key, value, *(["--secret"] if key in secret else []))

    def up(self, *args: str, expect: int | None = 0) -> Run:
        return self.pulumi("up", "--yes", "--skip-preview", *args, expect=expect)

    def preview(self, *args: str, expect: int | None = 0) -> Run:
        return self.pulumi("preview", *args, expect=expect)

    # -- the state ---------------------------------------------------------------------------------
    def export(self) -> dict[str, Any]:
        return json.loads(self.pulumi("stack", "export", "--stack", self.stack, "--show-secrets").stdout)

    def raw_export(self) -> str:
        return self.pulumi("stack", "export", "--stack", self.stack).stdout

    def resources(self, type_: str = ENDPOINT_TYPE) -> list[dict[str, Any]]:
        return [r for r in self.export()["deployment"].get("resources", []) if r["type"] == type_]

    def endpoint(self, logical: str = "inference") -> dict[str, Any]:
        [found] = [r for r in self.resources() if r["urn"].endswith(f"::{logical}")]
        return found

    def urn(self, logical: str, type_: str = ENDPOINT_TYPE) -> str:
        return f"urn:pulumi:{self.stack}::{self.name}::{type_}::{logical}"


class Started:
    """`pulumi` in a process group of its own, as a CI runner starts a job (killing the group kills the CLI and its
    provider plugin together, as a cancelled job does), its output read line by line as it comes."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, start_new_session=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def printed(self, text: str) -> bool:
        return any(text in line for line in list(self.lines))

    def finish(self) -> tuple[int, str]:
        code = self.process.wait(timeout=WAIT_GUARD)
        self._reader.join(timeout=WAIT_GUARD)
        return code, "".join(self.lines)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.finish()

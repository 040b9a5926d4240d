"""The real-engine suite: real Pulumi projects driven with the `pulumi` CLI (scripts/pulumi-engine builds it)."""
from __future__ import annotations

import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.engine.project import PULUMI, Project

SKIPPED = "tests/engine: skipped, no `pulumi` on PATH (PATH=\"$(scripts/pulumi-engine | tail -n 1):$PATH\" gives one)"

if PULUMI is None:
    collect_ignore_glob = ["test_*.py"]


def pytest_report_header() -> str:
    if PULUMI is None:
        return SKIPPED
    cli = subprocess.run([PULUMI, "version"], capture_output=True, text=True).stdout.strip()
    return f"tests/engine: pulumi {cli} ({PULUMI}), Python SDK pulumi {version('pulumi')}"


@pytest.fixture
def project(emulator: Any, tmp_path: Path) -> Iterator[Callable[..., Project]]:
    """`project(program, **options)`: a started Project of its own under tmp_path; closed after the test."""
    made: list[Project] = []

    def make(program: str, **options: Any) -> Project:
        made.append(Project(tmp_path / f"project{len(made)}", emulator, program, **options).start())
        return made[-1]

    yield make
    for each in made:
        each.close()

"""`sagemaker-endpoint quickstart` with the real `pulumi` CLI (the Automation API with examples/quickstart as an
inline program), and `--engine cli` where there is none."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.harness import REPO_ROOT, STARTUP_TIMEOUT


def quickstart(*args: str, path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pulumi_sagemaker_endpoint", "quickstart", *args], cwd=REPO_ROOT,
                          env={**os.environ, "PATH": path}, capture_output=True, text=True, timeout=STARTUP_TIMEOUT)


@pytest.mark.skipif(shutil.which("pulumi") is None, reason="no `pulumi` on PATH (scripts/pulumi-engine gives one)")
def test_the_quickstart_runs_the_real_pulumi_and_shows_its_preview_and_update():
    done = quickstart(path=os.environ["PATH"])
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "pulumi CLI on PATH" in out
    assert "Previewing update (quickstart):" in out and "Updating (quickstart):" in out
    assert 'rolloutPlan       : "create with quickstart-config-v1"' in out
    assert '~ endpointConfigName: "quickstart-config-v1" => "quickstart-config-v2"' in out
    assert "{'same': 2}" in out, "the third run changes nothing"
    assert "Destroying (quickstart):" in out and "- 2 deleted" in out
    assert "Traceback" not in done.stderr


def test_engine_cli_without_a_pulumi_cli_is_one_sentence_and_exit_2(tmp_path):
    python_only = os.pathsep.join([str(tmp_path), os.path.dirname(sys.executable)])
    done = quickstart("--engine", "cli", path=python_only)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "quickstart: --engine cli needs the `pulumi` CLI on PATH; install it (https://www.pulumi.com/docs/install/) "
        "or run the quickstart without --engine."]
    assert "Traceback" not in done.stdout + done.stderr

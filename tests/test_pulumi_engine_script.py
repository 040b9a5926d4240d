"""scripts/pulumi-engine: one sentence when Go or the module proxy is missing; the bin directory last."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_floors import ROOT

SCRIPT = ROOT / "scripts" / "pulumi-engine"


def run(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path), "PULUMI_ENGINE_CACHE": str(tmp_path / "cache"), **env}
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=300)


def test_without_go_it_says_so_in_one_sentence(tmp_path):
    if Path("/usr/bin/go").exists() or Path("/bin/go").exists():
        pytest.skip("go is installed in /usr/bin")
    done = run({"PATH": "/usr/bin:/bin"}, tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == ("pulumi-engine: no 'go' command on PATH: install Go 1.26 or newer (the Pulumi CLI "
                                   "is built from its Go modules).")


@pytest.mark.skipif(shutil.which("go") is None, reason="no go on PATH")
def test_without_the_module_proxy_it_names_the_module_it_could_not_get(tmp_path):
    env = {"PATH": os.environ["PATH"], "GOPROXY": "off", "GOMODCACHE": str(tmp_path / "mod"),
           "GOCACHE": str(tmp_path / "gocache"), "GOFLAGS": "-mod=mod"}
    done = run(env, tmp_path)
    assert done.returncode == 1
    [sentence] = [line for line in done.stderr.splitlines() if "did not serve" in line]
    assert sentence.startswith("pulumi-engine: the Go module proxy (off) did not serve github.com/pulumi/pulumi/")
    assert not (tmp_path / "cache" / "v3.276.0" / "bin").exists()

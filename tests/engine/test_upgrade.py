"""The real `pulumi` CLI: a stack written by an earlier release of this package, previewed and destroyed with the
current one (pulumi/pulumi#12401, #6238, #9085: a dynamic provider's class is pickled into the state)."""
from __future__ import annotations

import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from tests.harness import REPO_ROOT
from tests.integration.support import make_config

from .programs import ONE_ENDPOINT

#: Earlier releases whose stacks the current code must take over, and what their first `pulumi up` with it changes:
#: the last commit before the layers became folders (its states pickle `pulumi_sagemaker_endpoint.provider.
#: EndpointProvider` and its ownership tag was `<project>/<stack>/<name>`, now `<organization>/<URN>`: one in-place
#: update rewrites that tag), and the last one before the real engine (nothing).
RELEASES = {"bead957": ["owner"], "9fe2af0": []}


def installed(revision: str, into: Path) -> Path:
    """The package as a wheel of `revision` (from this clone's history) builds and installs it, without its
    dependencies (the current ones serve), into a folder of its own for PYTHONPATH."""
    archive = subprocess.run(["git", "archive", revision], cwd=REPO_ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into / "source")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(into / "site"),
                    str(into / "source")], check=True, capture_output=True)  # pip builds the wheel and installs it
    return into / "site"


@pytest.fixture(scope="module", autouse=True)
def history() -> None:
    missing = [r for r in RELEASES if subprocess.run(["git", "cat-file", "-e", f"{r}^{{commit}}"], cwd=REPO_ROOT,
                                                     capture_output=True).returncode != 0]
    if missing:
        pytest.fail(f"this clone's history lacks {missing}: clone without --depth to run the upgrade tests")


@pytest.mark.parametrize("revision", RELEASES)
def test_a_stack_of_an_earlier_release_previews_clean_and_destroys(project, emulator, tmp_path, revision):
    sm = emulator.client("sagemaker")
    make_config(sm, "cfg-v1")
    stack = project(ONE_ENDPOINT)
    stack.restart(str(installed(revision, tmp_path / revision)))
    stack.init(config={"configName": "cfg-v1"})
    stack.up()
    name = stack.endpoint()["id"]
    pickled = stack.endpoint()["inputs"]["__provider"]

    stack.restart()
    changed = RELEASES[revision]
    preview = stack.preview("--diff")
    assert "__provider" not in preview.stdout and "replace" not in preview.stdout, preview
    assert [key for key in ("owner", "endpointConfigName", "tags", "name") if f"~ {key} " in preview.stdout] == changed
    if changed:
        emulator.reset_stats()
        stack.up()
        calls = emulator.stats()["calls"]
        assert not {"CreateEndpoint", "UpdateEndpoint", "DeleteEndpoint"} & set(calls), "no rollout, no replacement"
        assert calls.get("AddTags") == 1
    stack.pulumi("refresh", "--yes", "--skip-preview")
    stack.preview("--expect-no-changes")
    assert (stack.endpoint()["inputs"]["__provider"] == pickled) == (not changed), "no update rewrote the state"
    stack.pulumi("destroy", "--yes", "--skip-preview")
    assert sm.list_endpoints()["Endpoints"] == [] and stack.resources() == []
    assert name

"""Every example is a Pulumi project of its own that runs as its README says: a Pulumi.yaml, a requirements file
that installs this package from the clone, a README saying what it needs and creating its stack, and nothing it
points at missing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    from pip._vendor import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(path for path in (ROOT / "examples").iterdir() if (path / "__main__.py").exists())
WITH_README = [path for path in EXAMPLES if (path / "README.md").exists()]
PACKAGE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]


def requirement_lines(example: Path) -> list[str]:
    lines = (example / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.split(" #")[0].strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_every_example_is_found():
    assert [path.name for path in EXAMPLES] == ["autoscaling", "blue-green", "inference-components", "promotion",
                                               "quickstart"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_each_example_is_a_python_project_with_its_own_virtualenv(example):
    """Issue 18 (8): examples/quickstart had no Pulumi.yaml of its own."""
    project = yaml.safe_load((example / "Pulumi.yaml").read_text(encoding="utf-8"))
    assert project["runtime"]["name"] == "python"
    assert project["runtime"]["options"] == {"toolchain": "pip", "virtualenv": "venv"}
    assert "main" not in project, "the program is the directory's own __main__.py"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_each_requirements_file_installs_this_package_from_the_clone(example):
    """Issue 18 (8): promotion/requirements.txt named pulumi-sagemaker-endpoint, which is not on PyPI. Every line
    is a path to this clone (relative to the example, where pip and Pulumi install it) or a requirement that is not
    this package."""
    paths = []
    for line in requirement_lines(example):
        target = line.removeprefix("-e ").strip()
        if target.startswith("."):
            paths.append((example / target).resolve())
        else:
            assert Requirement(target).name != PACKAGE, f"{line!r} asks an index for a package only the clone has"
    assert paths == [ROOT]
    assert tomllib.loads((paths[0] / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == PACKAGE


def test_the_quickstart_is_its_own_project_and_still_the_root_projects_program():
    root = yaml.safe_load((ROOT / "Pulumi.yaml").read_text(encoding="utf-8"))
    own = yaml.safe_load((ROOT / "examples" / "quickstart" / "Pulumi.yaml").read_text(encoding="utf-8"))
    assert root["main"] == "examples/quickstart"
    assert own["name"] == root["name"] and own["config"] == root["config"], "one program, one config either way"
    doc = (ROOT / "examples" / "quickstart" / "__main__.py").read_text(encoding="utf-8")
    assert "from the repository root" in doc and "python3 -m pulumi_sagemaker_endpoint quickstart" in doc
    assert "pulumi stack init dev" in doc and "pip install -r requirements.txt" in doc


@pytest.mark.parametrize("example", WITH_README, ids=lambda path: path.name)
def test_each_readme_says_what_it_needs_and_creates_its_stack(example):
    """Issue 18 (8): the READMEs named no prerequisite, and blue-green and autoscaling began with
    `pulumi stack select dev` on a stack that does not exist."""
    readme = (example / "README.md").read_text(encoding="utf-8")
    needs = re.search(r"^## What it needs\n(.*?)^## ", readme, re.S | re.M)
    assert needs is not None
    for what in ("Pulumi CLI", "AWS account", "credentials", "requirements.txt"):
        assert what in needs.group(1)
    commands = [line.split("#")[0].strip() for block in re.findall(r"```(?:bash|sh)\n(.*?)```", readme, re.S)
                for line in block.splitlines()]
    stack = [command for command in commands if command.startswith("pulumi stack ")]
    assert stack and stack[0].startswith("pulumi stack init "), "a new stack is created, not selected"
    assert "pip install -r requirements.txt" in " ".join(commands)


@pytest.mark.parametrize("example", WITH_README, ids=lambda path: path.name)
def test_every_repository_file_a_readme_names_exists(example):
    """Issue 18 (8): promotion/README.md pointed at tests/unit/test_promotion.py, which had moved."""
    readme = (example / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"`((?:tests|examples|provider|scripts)/[\w./-]+\.\w+)`", readme)
    assert [path for path in named if not (ROOT / path).exists()] == []

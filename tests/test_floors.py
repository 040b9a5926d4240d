""".ci/floors.txt pins exactly the lower bounds pyproject.toml declares, and the floor run has exactly those."""
from __future__ import annotations

import os
import re
import sys
from importlib.metadata import version
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib

try:
    from packaging.requirements import Requirement
    from packaging.version import Version
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def floors() -> tuple[str, dict[str, str]]:
    text = (ROOT / ".ci" / "floors.txt").read_text(encoding="utf-8")
    [python] = re.findall(r"^# *python *== *([0-9.]+) *$", text, flags=re.M)
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, pinned = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line).groups()
            pins[canonical(name)] = pinned
    return python, pins


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> tuple[str, list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    return project["requires-python"], [Requirement(r) for r in requirements]


def lower_bound(specifier) -> str:
    [bound] = [s.version for s in specifier if s.operator == ">="]
    return bound


def test_every_declared_lower_bound_is_pinned_as_the_floor():
    python, pins = floors()
    requires_python, requirements = declared()
    assert requires_python == f">={python}", "requires-python and floors.txt's '# python==' differ"
    for requirement in requirements:
        name = canonical(requirement.name)
        assert name in pins, f"{requirement} has no pin in .ci/floors.txt"
        assert Version(pins[name]) == Version(lower_bound(requirement.specifier)), (
            f"pyproject.toml declares {requirement}, .ci/floors.txt pins {name}=={pins[name]}")


def test_the_floor_run_has_exactly_the_floors():
    if os.environ.get("FLOOR_RUN") != "1":
        return  # the README's run: any versions the declared ranges allow
    python, pins = floors()
    assert "%d.%d" % sys.version_info[:2] == python
    assert {name: version(name) for name in pins} == pins

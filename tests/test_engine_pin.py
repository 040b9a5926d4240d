"""The Pulumi CLI the tests build (scripts/pulumi-engine) and the Python SDK they run with (the dev extra) agree:
the SDK is never newer than the CLI, and the newest SDK the dev extra allows is the CLI's own minor version."""
from __future__ import annotations

import re
from importlib.metadata import version

try:
    from packaging.version import Version
except ImportError:
    from pip._vendor.packaging.version import Version

from tests.test_floors import ROOT, canonical, declared

PIN = re.compile(r"^PULUMI_VERSION=v(\S+)$", re.M)


def cli_version() -> Version:
    [pinned] = PIN.findall((ROOT / "scripts" / "pulumi-engine").read_text(encoding="utf-8"))
    return Version(pinned)


def test_the_dev_extra_keeps_the_sdk_at_or_below_the_cli_the_tests_build():
    cli = cli_version()
    _, requirements = declared()
    [sdk] = [r for r in requirements if canonical(r.name) == "pulumi" and any(s.operator == "<" for s in r.specifier)]
    assert sdk.specifier.contains(str(cli)) and not sdk.specifier.contains(f"{cli.major}.{cli.minor + 1}.0")
    assert Version(version("pulumi")) <= cli

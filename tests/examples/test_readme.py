"""The README in two parts (users; contributors in CONTRIBUTING.md), its two set-up commands, its usage snippet run
as written, and the figures it states (exit codes, the emulator's pace) against the code that has them."""
from __future__ import annotations

import re
from pathlib import Path

from engine_standin.program import capture
from pulumi_sagemaker_endpoint.check.review import check_inputs
from pulumi_sagemaker_endpoint.cli.exits import EXIT_CODES
from sagemaker_emulator.settings import REALISTIC

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SET_UP = ['python3 -m pip install -e ".[emulator]" && python3 -m pulumi_sagemaker_endpoint quickstart',
          'python3 -m pip install -e ".[dev]" && python3 -m pytest -q']
USERS = ["Prerequisites", "Set up", "Usage", "Command line", "IAM permissions", "Autoscaled endpoints",
         "Inference components", "Pulumi CLI",
         "Reviewing a rollout in a pull request", "Replacements, aliases and other engine paths",
         "After a cancelled CI job (interrupted runs)", "Upgrading this package", "Importing an existing endpoint",
         "Troubleshooting", "Next steps"]
CONTRIBUTORS = ["How it is built", "The emulator's settings", "Benchmarks", "The test ground",
                "The real Pulumi engine in the tests"]


def sections(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.M)


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def test_the_readme_is_for_users_and_contributing_for_contributors():
    """Issue 18 (9): "How it is built" and "Benchmarks" sat between IAM and the user topics."""
    assert [title for title in sections(README) if title in USERS] == USERS
    assert not set(sections(README)) & set(CONTRIBUTORS)
    assert sections(CONTRIBUTING) == CONTRIBUTORS
    assert "Python 3.10" in README and "not on PyPI" in README and "Pulumi CLI" in README


def test_the_readme_has_exactly_the_two_set_up_commands():
    assert [block.strip() for block in blocks(README, "bash")] == SET_UP


def test_the_readme_states_the_emulators_default_pace():
    """Issue 18 (7): the realistic defaults (300 s to create) were in no README."""
    prose = " ".join(README.split())
    stated = dict(re.findall(r"an? (create|update|delete|rollback|capacity change) (?:takes )?(\d+) s", prose))
    assert {kind.split()[0]: float(seconds) for kind, seconds in stated.items()} == {
        kind: REALISTIC[f"{kind}_seconds"] for kind in ("create", "update", "delete", "rollback", "capacity")}


def test_the_readme_states_the_exit_codes_the_command_line_has():
    rows = re.findall(r"^\| (\d+) \| (.+) \|$", README, re.M)
    assert [(int(code), meaning) for code, meaning in rows] == list(EXIT_CODES)


def test_the_usage_snippet_runs_as_written(tmp_path):
    """Issue 18 (8): the snippet said `production_variants=[...]`. Run as a program under mocks, with the real
    pulumi_aws resources and their Args, it registers a model, a config naming it and a valid Endpoint."""
    [snippet] = [block for block in blocks(README, "python") if "Endpoint(" in block]
    (tmp_path / "__main__.py").write_text(snippet, encoding="utf-8")
    registered = {r.type: r for r in capture(tmp_path, "readme", "dev", {
        "executionRoleArn": "arn:aws:iam::123456789012:role/sm",
        "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ranker:v2"})}
    config = registered["aws:sagemaker/endpointConfiguration:EndpointConfiguration"]
    [variant] = config.inputs["productionVariants"]
    assert variant["instanceType"] == "ml.m5.xlarge" and variant["initialInstanceCount"] == 2
    assert "aws:sagemaker/model:Model" in registered
    inputs, failures = check_inputs({}, registered["pulumi-python:dynamic/sagemaker:Endpoint"].inputs)
    assert failures == []
    assert inputs["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]["type"] == "CANARY"


def test_every_test_the_comparison_table_names_exists():
    """Each row of "Compared with pulumi-aws, Terraform and CloudFormation" ends with the test that shows it."""
    table = README[README.index("### Compared with"):README.index("\n## ", README.index("### Compared with"))]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| scenario")]
    named = [re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", row) for row in rows if not row.startswith("| ---")]
    assert named and all(named), "every row names its test"
    missing = [f"{path}::{test}" for tests in named for path, test in tests
               if not re.search(rf"^def {test}\(", (ROOT / path).read_text(encoding="utf-8"), re.M)]
    assert missing == []

"""Run the command line in-process (`cli.main([...])`) against the emulator, with the AWS environment pointing at
it and nothing from this machine's AWS configuration."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from pulumi_sagemaker_endpoint.aws import clients as aws
from pulumi_sagemaker_endpoint.aws import waiting
from pulumi_sagemaker_endpoint.cli.main import main
from tests.integration.support import calls, make_config, tags_of  # noqa: F401 - shared with the CLI tests


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()

    @property
    def errors(self) -> list[str]:
        """The error sentences, without the `error: ` every one of them starts with (other lines are progress)."""
        return [line[len("error: "):] for line in self.lines if line.startswith("error: ")]


def path_of(line: str) -> str:
    """The path a printed problem starts with: its reason names it first (`Tags[0].Value is required; set it.`)."""
    return line.split(" ", 1)[0].rstrip(":")


def said_once(line: str) -> bool:
    return line.count(path_of(line)) == 1 or not line.startswith(f"{path_of(line)}: {path_of(line)}")


@pytest.fixture
def aws_env(emulator, monkeypatch, tmp_path):
    for key in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_ENDPOINT_URL_CLOUDWATCH"):
        monkeypatch.delenv(key, raising=False)
    for key, value in emulator.env().items():
        monkeypatch.setenv(key, value)
    (tmp_path / "aws-config").write_text("[profile other]\nregion = us-west-2\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    monkeypatch.setattr(waiting, "MIN_INTERVAL", 0.05)  # poll often: the emulator's operations take tenths of seconds
    aws.reset_clients()
    yield emulator
    aws.reset_clients()


@pytest.fixture
def cli(aws_env, capsys) -> Callable[..., Result]:
    def run(*argv: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse's own errors
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def live(cli, sm):
    """An InService endpoint "ep" serving cfg-v1."""
    created = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait")
    assert created.code == 0, created.err
    return sm



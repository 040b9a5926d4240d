"""The command line's contract, case by case: the exit code of every failure class, each message one `error: `
sentence in the command line's own words (option names, the API's PascalCase paths, no Pulumi advice), the same
mistake said the same way on every path, and an update asked for while another runs."""
from __future__ import annotations

import json
import re
from typing import Any, Callable

import pytest

from pulumi_sagemaker_endpoint.aws import find, waiting
from pulumi_sagemaker_endpoint.cli.exits import EXIT_CODES

from .conftest import calls, make_config
from .test_lifecycle_commands import firing_alarm, with_alarms

BIG_CANARY = json.dumps({"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {
    "Type": "CANARY", "WaitIntervalInSeconds": 60, "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 3}}}})
CANARY_PROBLEM = ("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize is 3 of the 4 "
                  "instances of variant primary in endpoint config {config}; it must be at most 50 % of them, which is 1 to 2 instances "
                  "here; change the size or the instance count.")
PULUMI_WORDS = ("pulumi", "stack", "endpointConfigName", "deploymentConfig", "customTimeouts", "aws:region")


def nothing(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    pass


def a_live_endpoint(cli: Callable[..., Any]) -> None:
    assert cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait").code == 0


def no_credentials(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def denied(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    emulator.configure(deny_actions=["sagemaker:CreateEndpoint"])


def quick_consistency(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(find, "CONSISTENCY_RETRY_SECONDS", 0.2)


def firing(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    firing_alarm(emulator, "ep-5xx")


def held_create(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    emulator.hold("ep", "create")


def autoscaled(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """ep's variant scaled by Application Auto Scaling, and a config that changes its instance type."""
    emulator.client("application-autoscaling").register_scalable_target(
        ServiceNamespace="sagemaker", ResourceId="endpoint/ep/variant/primary",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount", MinCapacity=1, MaxCapacity=8)
    make_config(emulator.client("sagemaker"), "cfg-big", instance_type="ml.c5.xlarge")


def interrupted(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(waiting, "wait_for", stop)


CREATE = ("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1")
UPDATE = ("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v2")

# (failure class, setup, needs a live endpoint "ep" on cfg-v1, argv, exit code, the first error line)
CASES = [
    ("an option argparse refuses", nothing, False, (*CREATE, "--wait-timeout", "0"), 2,
     "error: sagemaker-endpoint create-endpoint: argument --wait-timeout: '0' must be longer than zero; see "
     "`sagemaker-endpoint create-endpoint --help`."),
    ("a value the schema refuses", nothing, False,
     ("create-endpoint", "--endpoint-name", "bad_name", "--endpoint-config-name", "cfg-v1"), 2,
     "error: EndpointName must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit "
     "(got 'bad_name')."),
    ("a rule against the EndpointConfig, at create", nothing, False, (*CREATE, "--deployment-config", BIG_CANARY), 2,
     "error: " + CANARY_PROBLEM.format(config="cfg-v1")),
    ("a rule against the EndpointConfig, at update", nothing, True, (*UPDATE, "--deployment-config", BIG_CANARY), 2,
     "error: " + CANARY_PROBLEM.format(config="cfg-v2")),
    ("an autoscaled variant's instance type", autoscaled, True,
     ("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-big"), 2,
     "error: endpoint config cfg-big changes the instance type of autoscaled variant(s) primary (ml.m5.large -> "
     "ml.c5.xlarge), which UpdateEndpoint refuses while Application Auto Scaling scales them; deregister their "
     "scalable targets first and register them and their policies again after the update (SageMaker's guide "
     "\"Update endpoints that use auto scaling\"), or keep the instance type."),
    ("no credentials", no_credentials, False, ("describe-endpoint", "--endpoint-name", "ep"), 2,
     "error: No usable AWS configuration while describing endpoint 'ep': Unable to locate credentials; pass "
     "--region/--profile or set the standard AWS environment variables."),
    ("a missing EndpointConfig", quick_consistency, False,
     ("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-none"), 3,
     "error: --endpoint-config-name 'cfg-none' of endpoint 'ep' does not exist in this account and region; create "
     "the EndpointConfig first or fix the name."),
    ("a missing endpoint", nothing, False, ("delete-endpoint", "--endpoint-name", "nope"), 3,
     "error: Endpoint 'nope' does not exist in this account and region; check --endpoint-name and --region "
     "(create-endpoint creates one)."),
    ("a name in use", nothing, True,
     ("create-endpoint", "--endpoint-name", "EP", "--endpoint-config-name", "cfg-v2"), 3,
     "error: Endpoint 'ep' already exists (names are unique regardless of case); deploy to it with "
     "`sagemaker-endpoint update-endpoint --endpoint-name ep`, or choose another --endpoint-name."),
    ("access denied", denied, False, CREATE, 3,
     "error: Access denied while creating endpoint 'ep': the credentials in use may not call "
     "sagemaker:CreateEndpoint; grant sagemaker:CreateEndpoint to them (`sagemaker-endpoint iam-policy` prints the "
     "full policy)."),
    ("a rollback", firing, True, (*UPDATE, "--deployment-config", with_alarms("ep-5xx"), "--wait"), 4,
     "error: The deployment of 'cfg-v2' to endpoint 'ep' was rolled back because CloudWatch alarm(s) ep-5xx went "
     "into ALARM; 'cfg-v1' is still live. Fix the cause (or wait for the alarm to return to OK), then run the "
     "command again to retry the rollout."),
    ("a wait that times out", held_create, False, (*CREATE, "--wait", "--wait-timeout", "0.5s"), 5,
     "error: Timed out creating endpoint 'ep': endpoint 'ep' is still Creating; SageMaker goes on with it, and "
     "`sagemaker-endpoint describe-endpoint` shows how it goes (raise --wait-timeout if this is expected)."),
    ("an interruption", interrupted, False, (*CREATE, "--wait"), 130,
     "error: interrupted: SageMaker carries on with any operation it accepted; `sagemaker-endpoint "
     "describe-endpoint` shows it."),
]


@pytest.mark.parametrize("setup, live, argv, code, first", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_each_failure_class_has_its_exit_code_and_one_sentence_in_the_command_lines_words(
        cli, sm, emulator, monkeypatch, setup, live, argv, code, first):
    if live:
        a_live_endpoint(cli)
    setup(emulator, monkeypatch)
    result = cli(*argv)
    assert (result.code, result.errors[:1]) == (code, [first[len("error: "):]]), result.err
    errors = [line for line in result.lines if not line.startswith("endpoint ")]  # the rest is progress
    assert errors == [first]
    assert not [word for word in PULUMI_WORDS if word in result.err], "no Pulumi advice to command-line users"


def test_every_exit_code_of_the_contract_is_tested():
    assert {code for *_, code, _ in CASES} == {code for code, _ in EXIT_CODES} - {0}


def test_the_same_mistake_is_said_the_same_way_on_every_path(cli, live, tmp_path):
    """An option, the same key in --cli-input-json, and `validate` of that document."""
    document = tmp_path / "update.json"
    document.write_text(json.dumps({"EndpointName": "ep", "EndpointConfigName": "cfg-v2",
                                    "DeploymentConfig": json.loads(BIG_CANARY)}))
    by_option = cli(*UPDATE, "--deployment-config", BIG_CANARY)
    by_document = cli("update-endpoint", "--cli-input-json", f"file://{document}")
    assert by_option.code == by_document.code == 2
    assert by_option.err == by_document.err == "error: " + CANARY_PROBLEM.format(config="cfg-v2") + "\n"
    missing = [cli(command, "--endpoint-name", "nope", *extra) for command, extra in (
        ("update-endpoint", ("--endpoint-config-name", "cfg-v2")), ("delete-endpoint", ()),
        ("describe-endpoint", ()))]
    assert {(result.code, result.err) for result in missing} == {(3, missing[0].err)}


def test_a_command_speaks_the_apis_pascalcase_paths_only(cli, live):
    """Issue 18 (3): `DeploymentConfig.BlueGreenUpdatePolicy...` beside `deploymentConfig...canarySize` in one
    command. A rule checked against the EndpointConfig names its path, and any path in its reason, as the API does."""
    make_config(live, "cfg-two", variants=("a", "b"))
    rolling = json.dumps({"RollingUpdatePolicy": {"MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
                                                  "WaitIntervalInSeconds": 0}})
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-two",
                 "--deployment-config", rolling)
    assert result.code == 2
    assert ("DeploymentConfig.RollingUpdatePolicy is not supported for endpoint config cfg-two, which has 2 variants "
            "(a, b): rolling updates need a single instance-based variant; use DeploymentConfig.BlueGreenUpdatePolicy "
            "instead.") in result.errors
    assert not re.search(r"\b[a-z]+[A-Z]\w*", result.err), "no camelCase state key"


# ---- an update asked for while another runs -----------------------------------------------------------------------

def rolling_to_cfg_v2(live: Any, emulator: Any) -> None:
    """ep, live on cfg-v1, in the middle of a rollout to cfg-v2 (held until the test releases it)."""
    emulator.hold("ep", "provision")
    live.update_endpoint(EndpointName="ep", EndpointConfigName="cfg-v2")
    assert emulator.wait_held("ep") == "provision"


def test_an_update_while_another_runs_waits_for_it_then_deploys_what_was_asked(cli, live, emulator, monkeypatch):
    """Issue 18 (1): reverting to cfg-v1 while cfg-v2 rolls out used to print "already serves cfg-v1 ... nothing was
    sent" and exit 0, and the endpoint ended on cfg-v2."""
    rolling_to_cfg_v2(live, emulator)
    settled = waiting.settled

    def released_then_settled(*args: Any, **kwargs: Any) -> Any:
        emulator.release("ep", "provision")  # the running rollout ends once the command waits for it
        return settled(*args, **kwargs)

    monkeypatch.setattr(waiting, "settled", released_then_settled)
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait")
    assert result.code == 0, result.err
    assert "already serves" not in result.err
    described = live.describe_endpoint(EndpointName="ep")
    assert (described["EndpointStatus"], described["EndpointConfigName"]) == ("InService", "cfg-v1")
    assert calls(emulator, "UpdateEndpoint") == 2, "the running rollout, then the one asked for"


def test_an_update_while_another_runs_is_refused_without_wait(cli, live, emulator):
    rolling_to_cfg_v2(live, emulator)
    result = cli("update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1")
    assert result.code == 3
    assert result.err == ("error: Endpoint 'ep' is Updating (to cfg-v2) and SageMaker accepts no update until that "
                          "ends; pass --wait to wait for it and then deploy cfg-v1, or run the command again once "
                          "describe-endpoint shows InService.\n")
    assert result.out == ""
    assert calls(emulator, "UpdateEndpoint") == 1, "only the rollout already running"
    emulator.release("ep", "provision")

"""Credentials and permissions, end to end through the dynamic provider server:

- whatever credentials the process had (access key, secret and session token in the environment, secret
  `aws:accessKey`/`aws:secretKey`/`aws:token` stack config, the temporary keys of the assumed role), none reaches
  the serialized provider (`__provider`), the state, any RPC answer or the provider's output;
- role assumption (`role_arn`) uses a RoleSessionName naming project, stack and resource;
- `iam.policy()` allows exactly the actions the provider called over a full lifecycle (create, update watched by
  an alarm, tags changed in place, refresh, delete), plus `sts:AssumeRole` on the role only when there is one.
"""
from __future__ import annotations

import base64
import json
import urllib.request

import pytest
from google.protobuf.json_format import MessageToDict

from sagemaker_emulator import FAST, Emulator

from pulumi_sagemaker_endpoint.aws import clients as aws
from pulumi_sagemaker_endpoint.aws import iam
from tests.harness import PROVIDER_KEY, STARTUP_TIMEOUT, secret, unwrap_secrets

from .scenarios import DEPLOYMENT, RESOURCES, RETAGGED, TAGS, Stack, set_up, set_up_alarm, together
from tests.integration.support import CONFIG

ROLE = "arn:aws:iam::123456789012:role/pulumi-deployer"
ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "AKIAFAULTSUITEKEY001",
    "AWS_SECRET_ACCESS_KEY": "faultSuite/Secret+Access/Key0123456789XYZ",
    "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEFaultSuiteSessionToken0123456789abcdef",
}
STACK_SECRETS = {"aws:accessKey": "AKIASTACKCONFIGKEY01", "aws:secretKey": "stackConfig/Secret+Key0123456789",
                 "aws:token": "FwoGZXIvYXdzEStackConfigToken0123456789"}


def assumed_roles(emulator) -> list[dict]:
    """moto's record of every AssumeRole it answered (its own model dump), with the keys it handed out."""
    with urllib.request.urlopen(f"{emulator.url}/moto-api/data.json", timeout=10) as response:
        return json.loads(response.read())["sts"]["AssumedRole"]


def actions(policy: dict) -> set[str]:
    return {action for statement in policy["Statement"] for action in statement["Action"]}


@pytest.fixture(scope="module")
def emulator():
    with Emulator(**FAST, startup_timeout=STARTUP_TIMEOUT) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def lifecycle(emulator):
    """Both endpoints through a whole lifecycle as the deployment role, run by a process holding every kind of
    credential; yields (stack, state before destroy, the provider's requests as the emulator logged them)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        for key, value in ENVIRONMENT.items():
            monkeypatch.setenv(key, value)  # the program side too: that is where `__provider` is serialized
        yield from _lifecycle(emulator)


def _lifecycle(emulator):
    set_up(emulator, "cfg-v1", "cfg-v2")
    set_up_alarm(emulator)
    emulator.reset_stats()  # from here on, every logged request is the provider's
    stack = Stack(emulator, config={**CONFIG, **{k: secret(v) for k, v in STACK_SECRETS.items()}}, **ENVIRONMENT)
    try:
        run = stack.each
        together(emulator, "create", lambda: run(lambda r: stack.up(r, endpointConfigName="cfg-v1", tags=TAGS,
                                                                    roleArn=ROLE)))  # one sweep serves both waits
        run(lambda r: stack.up(r, endpointConfigName="cfg-v2", deploymentConfig=DEPLOYMENT, tags=TAGS, roleArn=ROLE))
        run(lambda r: stack.up(r, endpointConfigName="cfg-v2", deploymentConfig=DEPLOYMENT, tags=RETAGGED,
                               roleArn=ROLE))
        run(lambda r: stack.engine.refresh(r))
        state = stack.engine.snapshot()
        run(lambda r: stack.engine.destroy(r))
        yield stack, state, emulator.requests()
    finally:
        stack.close()


def test_no_credential_reaches_provider_state_rpc_or_output(emulator, lifecycle):
    stack, state, _ = lifecycle
    roles = assumed_roles(emulator)
    assert roles, "the provider assumed the role"
    secrets = {*ENVIRONMENT.values(), *STACK_SECRETS.values()}
    secrets |= {role[key] for role in roles for key in ("access_key_id", "secret_access_key", "session_token")}

    seen: list[str] = [json.dumps({urn: [unwrap_secrets(s.inputs), unwrap_secrets(s.outputs)]
                                   for urn, s in state.items()})]
    providers: set[str] = set()
    for call in stack.engine.calls():
        if call.response is not None:
            seen.append(json.dumps(MessageToDict(call.response)))
        if call.method not in ("Configure", "CheckConfig"):  # those carry the stack config by design
            seen.append(json.dumps(MessageToDict(call.request)))
        for field in ("news", "properties", "olds", "inputs"):
            if hasattr(call.request, field) and call.request.HasField(field):
                value = unwrap_secrets(call.props(field)).get(PROVIDER_KEY)
                if value:
                    providers.add(value)
    seen += [stack.server.stdout_text(), stack.server.stderr_text()]
    assert providers, "the serialized provider was sent"
    for provider in providers:
        raw = base64.b64decode(provider)
        assert b"EndpointProvider" in raw
        seen.append(raw.decode("latin-1"))
    text = "\n".join(seen)
    configure = json.dumps(MessageToDict(stack.engine.calls("Configure")[0].request))
    assert all(value in configure for value in STACK_SECRETS.values()), "the scan would see them (control)"
    assert "endpoint inference-" in stack.server.stderr_text(), "the provider's progress output was captured"
    leaked = sorted(s for s in secrets if s in text or s[:16] in text)
    assert leaked == []


def test_role_sessions_name_project_stack_and_resource(emulator, lifecycle):
    sessions = {role["session_name"] for role in assumed_roles(emulator)}
    assert sessions == {f"pulumi-test-dev-{resource}" for resource in RESOURCES}
    assert {role["role_arn"] for role in assumed_roles(emulator)} == {ROLE}
    assert sessions == {aws.session_name(f"test/dev/{resource}") for resource in RESOURCES}


def test_the_iam_policy_allows_exactly_the_calls_the_provider_made(lifecycle):
    _, _, requests = lifecycle
    prefix = {"sagemaker": "sagemaker", "cloudwatch": "cloudwatch", "sts": "sts"}
    called = {f"{prefix[r['service']]}:{r['operation']}" for r in requests}
    print("\n".join(sorted(called)))
    assert {"sagemaker:ListEndpoints", "sagemaker:DeleteTags", "cloudwatch:DescribeAlarms",
            "sts:AssumeRole"} <= called, "the lifecycle exercised every kind of call"
    assert actions(iam.policy(ROLE)) == called
    assert actions(iam.policy()) == called - {"sts:AssumeRole"}
    [assume] = [s for s in iam.policy(ROLE)["Statement"] if "sts:AssumeRole" in s["Action"]]
    assert assume["Resource"] == [ROLE]

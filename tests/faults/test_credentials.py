"""Credentials and permissions, end to end through the dynamic provider server:

- whatever credentials the process had (access key, secret and session token in the environment, secret
  `aws:accessKey`/`aws:secretKey`/`aws:token` stack config, the temporary keys of the assumed role), none reaches
  the serialized provider (`__provider`), the state, any RPC answer or the provider's output;
- role assumption (`role_arn`) uses a RoleSessionName naming project, stack and resource;
- `iam.policy()` allows exactly the actions the provider called over a full lifecycle (create, update watched by
  an alarm, of which one changes an autoscaled variant's instance type with autoscaling="reapply", tags changed in
  place, a weight changed in place, refresh, delete; and an endpoint hosting an inference component, whose
  specification and tags change, through refresh and delete), plus `sts:AssumeRole` on the role only when there
  is one;
- an autoscaled endpoint is deleted under the printed policy, with every action it does not list denied.
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
from tests.harness import PROVIDER_KEY, STARTUP_TIMEOUT, ProviderError, secret, unwrap_secrets

from .scenarios import (ALARM, DEPLOYMENT, QUIET, RESOURCES, RETAGGED, TAGS, Stack, quiet, set_up, set_up_alarm,
                        sturdy_client, together)
from tests.integration import ic_support as ic
from tests.integration.autoscaled import scale, setup_of
from tests.integration.support import CONFIG, make_config

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


RETYPED = "cfg-v3"  # a new instance type, for the autoscaled endpoint
SCALED = RESOURCES[0]
HOST, COMPONENT = "host", "llm"  # an Endpoint on a config that hosts inference components, and one of them


def _lifecycle(emulator):
    set_up(emulator, "cfg-v1", "cfg-v2")
    make_config(sturdy_client(emulator), RETYPED, instances=2, model="model-v3", instance_type="ml.c5.xlarge")
    set_up_alarm(emulator)
    ic.hosting_config(sturdy_client(emulator), f"{HOST}-cfg")
    emulator.reset_stats()  # from here on, every logged request is the provider's (or inside a `quiet` window)
    stack = Stack(emulator, config={**CONFIG, **{k: secret(v) for k, v in STACK_SECRETS.items()}}, **ENVIRONMENT)

    def rollout(r: str, tags: dict) -> dict:
        config = {"endpointConfigName": RETYPED, "autoscaling": "reapply"} if r == SCALED else \
            {"endpointConfigName": "cfg-v2"}
        return {**config, "deploymentConfig": DEPLOYMENT, "tags": tags, "roleArn": ROLE}

    try:
        run = stack.each
        created = together(emulator, "create", lambda: run(lambda r: stack.up(r, endpointConfigName="cfg-v1", tags=TAGS,
                                                                              roleArn=ROLE)))  # one sweep serves both
        with quiet(emulator):  # the program's pulumi_aws Target and Policy, made by the test's own client
            scale(sturdy_client(emulator, "application-autoscaling"), created[0].id)
        run(lambda r: stack.up(r, **rollout(r, TAGS)))
        run(lambda r: stack.up(r, **rollout(r, RETAGGED)))
        run(lambda r: stack.up(r, **rollout(r, RETAGGED), variantWeights={"primary": 2}))
        host = stack.up(HOST, endpointConfigName=f"{HOST}-cfg", tags=TAGS, roleArn=ROLE).id
        component = {"endpointName": host, "runtimeConfig": {"copyCount": 2}, "roleArn": ROLE,
                     "deploymentConfig": ic.rolling(1, alarm=ALARM)}
        ic.up(stack.engine, COMPONENT, specification=ic.SPEC, tags=TAGS, **component)
        ic.up(stack.engine, COMPONENT, specification=ic.SPEC_V2, tags=RETAGGED, **component)
        everything = (*RESOURCES, HOST, COMPONENT)
        run(lambda r: stack.engine.refresh(r), everything)
        state = stack.engine.snapshot()
        run(lambda r: stack.engine.destroy(r))
        for resource in (COMPONENT, HOST):  # as the engine orders them: the component before its endpoint
            stack.engine.destroy(resource)
        windows = QUIET.get(emulator.url, [])
        yield stack, state, [entry for entry in emulator.requests()
                             if not any(start <= entry["t"] <= end for start, end in windows)]
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
    raws = [base64.b64decode(provider) for provider in providers]
    assert {kind for kind in (b"EndpointProvider", b"InferenceComponentProvider") for raw in raws if kind in raw} == {
        b"EndpointProvider", b"InferenceComponentProvider"}, "both resources' serialized providers were sent"
    seen += [raw.decode("latin-1") for raw in raws]
    text = "\n".join(seen)
    configure = json.dumps(MessageToDict(stack.engine.calls("Configure")[0].request))
    assert all(value in configure for value in STACK_SECRETS.values()), "the scan would see them (control)"
    assert "endpoint inference-" in stack.server.stderr_text(), "the provider's progress output was captured"
    leaked = sorted(s for s in secrets if s in text or s[:16] in text)
    assert leaked == []


def test_role_sessions_name_project_stack_and_resource(emulator, lifecycle):
    sessions = {role["session_name"] for role in assumed_roles(emulator)}
    resources = (*RESOURCES, HOST, COMPONENT)
    assert sessions == {f"pulumi-test-dev-{resource}" for resource in resources}
    assert {role["role_arn"] for role in assumed_roles(emulator)} == {ROLE}
    assert sessions == {aws.session_name(f"test/dev/{resource}") for resource in resources}


def test_the_iam_policy_allows_exactly_the_calls_the_provider_made(lifecycle):
    _, _, requests = lifecycle
    called = {f"{r['service']}:{r['operation']}" for r in requests}
    print("\n".join(sorted(called)))
    assert {"sagemaker:ListEndpoints", "sagemaker:DeleteTags", "cloudwatch:DescribeAlarms", "sts:AssumeRole",
            "sagemaker:UpdateEndpointWeightsAndCapacities", "sagemaker:DescribeModel",
            "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:PutScheduledAction",
            "sagemaker:UpdateInferenceComponent", "sagemaker:ListInferenceComponents"} <= called, "the lifecycle exercised every kind of call"
    assert actions(iam.policy(ROLE)) == called | iam.on_behalf_actions(), "and what AWS checks on the caller's behalf"
    assert actions(iam.policy()) == (called | iam.on_behalf_actions()) - {"sts:AssumeRole"}
    [assume] = [s for s in iam.policy(ROLE)["Statement"] if "sts:AssumeRole" in s["Action"]]
    assert assume["Resource"] == [ROLE]


def everything_but(policy: dict) -> list[str]:
    """Every action of the services the provider uses (botocore's models) that the policy does not allow."""
    import botocore.session

    session = botocore.session.get_session()
    services = ("sagemaker", "cloudwatch", "application-autoscaling", "sts")
    every = {f"{service}:{operation}" for service in services
             for operation in session.get_service_model(service).operation_names}
    return sorted(every - actions(policy))


@pytest.mark.parametrize("withheld", [(), ("application-autoscaling:DeregisterScalableTarget",)],
                         ids=["the-printed-policy", "without-deregister"])
def test_an_autoscaled_endpoint_is_deleted_under_the_printed_policy(emulator, withheld):
    sm, aas = sturdy_client(emulator), sturdy_client(emulator, "application-autoscaling")
    resource = f"doomed-{len(withheld)}"
    make_config(sm, f"cfg-{resource}", instances=2)
    stack = Stack(emulator)
    try:
        name = stack.up(resource, endpointConfigName=f"cfg-{resource}").id
        scale(aas, name)
        emulator.configure(deny_actions=everything_but(iam.policy()) + list(withheld))
        if not withheld:
            stack.engine.destroy(resource)
            emulator.configure(deny_actions=[])
            assert name not in [e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]]
            assert setup_of(aas, name) is None, "SageMaker deregistered the target"
            return
        with pytest.raises(ProviderError) as refused:  # the control: the deny list bites
            stack.engine.destroy(resource)
        assert "DeleteEndpoint needs application-autoscaling:DeregisterScalableTarget" in refused.value.details
    finally:
        emulator.configure(deny_actions=[])
        stack.close()

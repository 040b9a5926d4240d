"""What the provider relies on in the installed Pulumi SDK (the floor's included), checked without the engine
stand-in's Read, which sends a field (ReadRequest.timeout, pulumi 3.246) that older protocols lack.

- ReadResult(id, outs, inputs), and the dynamic server returning those inputs in ReadResponse.inputs: pulumi 3.216.
- A provider's exception reaches the engine as the gRPC details: from pulumi 3.260 the traceback
  (`_abort_with_traceback`), before it grpc's own "Exception calling application: <message>".
"""
from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from pulumi.dynamic import ReadResult
from pulumi.runtime.proto import provider_pb2

from pulumi_sagemaker_endpoint import endpoint
from pulumi_sagemaker_endpoint.local_engine.engine import Engine, ProviderError, from_struct, to_struct, unwrap_secrets
from pulumi_sagemaker_endpoint.local_engine.server import ProviderServer
from pulumi_sagemaker_endpoint.provider import EndpointProvider
from tests.harness.dummy_provider import STORE_ENV, TYPE_TOKEN, ThingProvider

SDK = tuple(int(part) for part in version("pulumi").split(".")[:2])


@pytest.fixture
def engine(tmp_path: Path):
    with ProviderServer({STORE_ENV: str(tmp_path)}) as server:
        yield Engine(server, {"aws:region": "eu-west-1"})


def test_read_result_carries_the_inputs_the_provider_read():
    assert ReadResult("ep", {"name": "ep"}, {"name": "ep", "endpointConfigName": "cfg"}).inputs == {
        "name": "ep", "endpointConfigName": "cfg"}


def test_endpoint_provider_read_returns_the_live_inputs(monkeypatch):
    live = ({"name": "ep", "endpointConfigName": "cfg-live"}, {"name": "ep", "endpointConfigName": "cfg-live"})
    monkeypatch.setattr(endpoint, "read", lambda name, props, target: live)
    result = EndpointProvider().read("ep", {"name": "ep", "endpointConfigName": "cfg-old"})
    assert (result.id, result.outs, result.inputs) == ("ep", *live)


def test_the_dynamic_server_configures_the_provider_and_returns_read_inputs(engine: Engine):
    created = engine.up("thing", {"name": "thing", "size": 1}, ThingProvider(), type_token=TYPE_TOKEN)
    assert created.outputs["config_region"] == "eu-west-1", "configure() saw the stack's aws:region"
    state = engine.state("thing")
    response = engine.server.stub.Read(provider_pb2.ReadRequest(
        id=state.id, urn=state.urn, properties=to_struct(unwrap_secrets(state.outputs)),
        inputs=to_struct(unwrap_secrets(state.inputs))))
    assert response.id == state.id
    assert response.HasField("inputs"), "the server returns ReadResult.inputs (pulumi >= 3.216)"
    assert {k: v for k, v in from_struct(response.inputs).items() if k != "__provider"} == {"name": "thing", "size": 1}


def test_a_provider_error_reaches_the_engine_with_its_message(engine: Engine):
    with pytest.raises(ProviderError) as failed:
        engine.up("broken", {"name": "broken", "fail": "quota exceeded"}, ThingProvider(), type_token=TYPE_TOKEN)
    details = failed.value.details
    if SDK >= (3, 260):
        assert "Traceback (most recent call last)" in details and "create refused: quota exceeded" in details
    else:
        assert details == "Exception calling application: create refused: quota exceeded"

"""The serialized provider holds no credential, whatever the process or the stack config had
(the end-to-end checks are in tests/faults)."""
from __future__ import annotations

import base64

import dill
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime._serialization import _serialize

from pulumi_sagemaker_endpoint.face.provider import EndpointProvider

SECRETS = {"AWS_ACCESS_KEY_ID": "AKIAUNITSECURITY0001", "AWS_SECRET_ACCESS_KEY": "unit/Security+Secret0123456789",
           "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEUnitSecurityToken0123"}


def test_the_serialized_provider_holds_no_credential(monkeypatch):
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    provider = EndpointProvider()
    provider.configure(ConfigureRequest({"aws:region": "eu-west-1", "aws:profile": "ci",
                                         "aws:accessKey": "AKIASTACKCONFIG00001", "aws:secretKey": "stack/Secret0",
                                         "aws:token": "stackToken0123"}))
    assert provider.stack_config == {"aws:region": "eu-west-1", "aws:profile": "ci"}
    serialized, _ = _serialize(True, serialize_provider, EndpointProvider())
    raw = base64.b64decode(serialized)
    assert b"EndpointProvider" in raw and len(raw) < 200, "a reference to the class, not its code or fields"
    for value in [*SECRETS.values(), "AKIASTACKCONFIG00001", "stack/Secret0", "stackToken0123"]:
        assert value.encode() not in raw
    assert vars(dill.loads(raw)) == {}


def test_a_provider_pickled_before_the_layers_were_folders_still_unpickles():
    old_state_reference = b"cpulumi_sagemaker_endpoint.provider\nEndpointProvider\n."  # what earlier states hold
    assert dill.loads(old_state_reference) is EndpointProvider

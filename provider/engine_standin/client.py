"""The engine's side of each provider RPC (pkg/resource/plugin/provider_plugin.go): how it
marshals a request, reads the response, and turns a gRPC failure into an error.

Requests are built only with the fields the installed provider_pb2 defines, so the same code
talks to servers from pulumi 3.140 (no ReadRequest.timeout, no Handshake, no Configure
urn/name/type/id) to the newest. Every RPC is recorded in order."""

from __future__ import annotations

import itertools
import json
import os
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Optional

import grpc
from google.protobuf import empty_pb2, struct_pb2
from google.protobuf.message import Message
from pulumi.runtime.proto import provider_pb2

from .errors import CheckFailed, EngineError, ProviderError
from .records import ResourceState, RpcCall
from .server import ProviderServer
from .values import (
    Props,
    annotate_secrets,
    changed_keys,
    contains_secrets,
    contains_unknowns,
    from_struct,
    process_ignore_changes,
    secret,
    to_struct,
    unwrap_secrets,
)

DYNAMIC_PACKAGE = "pulumi-python"
PROVIDER_TYPE = f"pulumi:providers:{DYNAMIC_PACKAGE}"

_CHANGES = {
    provider_pb2.DiffResponse.DIFF_UNKNOWN: "unknown",
    provider_pb2.DiffResponse.DIFF_NONE: "none",
    provider_pb2.DiffResponse.DIFF_SOME: "some",
}
_REPLACE_KINDS = {
    provider_pb2.PropertyDiff.ADD_REPLACE,
    provider_pb2.PropertyDiff.DELETE_REPLACE,
    provider_pb2.PropertyDiff.UPDATE_REPLACE,
}


def request(message_type: type[Message], **fields: Any) -> Message:
    """A request with only the fields this protocol version defines (None values left unset)."""
    known = message_type.DESCRIPTOR.fields_by_name
    return message_type(**{k: v for k, v in fields.items() if k in known and v is not None})


@dataclass(frozen=True)
class Diff:
    """A Diff answer and the engine's reading of it (step_generator.go diffResource)."""

    changes: str  # the provider's answer: "none" | "some" | "unknown"; "engine" when decided without a Diff RPC
    some: bool  # the engine's decision
    replaces: tuple[str, ...]
    delete_before_replace: bool
    changed_keys: tuple[str, ...]

    @property
    def replace(self) -> bool:
        return bool(self.replaces)


class ProviderClient:
    """Sends the engine's RPCs to one provider server and records them."""

    def __init__(self, server: ProviderServer, call_timeout: Optional[float] = None) -> None:
        self.server = server
        self.call_timeout = call_timeout
        self.accept_secrets = False
        self._lock = threading.Lock()
        self._calls: list[RpcCall] = []
        self._seq = itertools.count(1)
        self._local = threading.local()

    # -- plumbing --------------------------------------------------------------------------

    @contextmanager
    def capture(self, into: list[RpcCall]) -> Iterator[None]:
        """Also append every RPC this thread makes to `into` (one deployment's calls, apart
        from those of deployments running on other threads)."""
        previous = getattr(self._local, "capture", None)
        self._local.capture = into
        try:
            yield
        finally:
            self._local.capture = previous

    def rpc(self, method: str, req: Message) -> Any:
        stub_method = getattr(self.server.stub, method)
        try:
            response = stub_method(req, timeout=self.call_timeout)
        except grpc.RpcError as exc:
            error = ProviderError(method, exc.code(), exc.details() or "", str(getattr(req, "urn", "")))
            self._record(method, req, None, error)
            raise error from None
        self._record(method, req, response, None)
        return response

    def _record(self, method: str, req: Message, response: Optional[Message], error: Optional[ProviderError]) -> None:
        with self._lock:
            call = RpcCall(next(self._seq), method, req, response, error)
            self._calls.append(call)
        capture = getattr(self._local, "capture", None)
        if capture is not None:
            capture.append(call)

    def calls(self) -> list[RpcCall]:
        with self._lock:
            return list(self._calls)

    def marshal(self, props: Mapping[str, Any], *, keep_unknowns: bool) -> struct_pb2.Struct:
        """MarshalProperties: secrets stripped for providers that do not accept them; unknowns
        only in previews (a program cannot register unknowns outside a preview)."""
        if not keep_unknowns and contains_unknowns(props):
            raise EngineError("unknown values can only be sent in a preview")
        return to_struct(props if self.accept_secrets else unwrap_secrets(dict(props)))

    def unmarshal(self, struct: struct_pb2.Struct, *, allow_unknowns: bool, label: str) -> Props:
        props = from_struct(struct)
        if not allow_unknowns and contains_unknowns(props):
            raise EngineError(f"{label}: unexpected unknown property value")
        return props

    # -- configuration (default_providers.go, providers/registry.go) -------------------------

    def configure(self, config: Mapping[str, Any], provider_urn: str) -> provider_pb2.ConfigureResponse:
        """Handshake (where the protocol has it), GetPluginInfo, CheckConfig, Configure."""
        if hasattr(provider_pb2, "ProviderHandshakeRequest"):
            try:
                self.rpc("Handshake", provider_pb2.ProviderHandshakeRequest(configure_with_urn=True))
            except ProviderError as exc:
                if exc.code != grpc.StatusCode.UNIMPLEMENTED:
                    raise
        self.rpc("GetPluginInfo", empty_pb2.Empty())
        args, variables = _provider_config(config)
        try:
            self.rpc(
                "CheckConfig",
                request(
                    provider_pb2.CheckRequest,
                    urn=provider_urn,
                    name="default",
                    type=PROVIDER_TYPE,
                    olds=struct_pb2.Struct(),
                    news=to_struct(unwrap_secrets(args)),
                ),
            )
        except ProviderError as exc:
            if exc.code != grpc.StatusCode.UNIMPLEMENTED:  # provider_plugin.go: "return news as is"
                raise
        response: provider_pb2.ConfigureResponse = self.rpc(
            "Configure",
            request(
                provider_pb2.ConfigureRequest,
                variables=variables,
                args=to_struct(args),
                acceptSecrets=True,
                acceptResources=True,
                sends_old_inputs=True,
                sends_old_inputs_to_delete=True,
                id=str(uuid.uuid4()),
                urn=provider_urn,
                name="default",
                type=PROVIDER_TYPE,
            ),
        )
        self.accept_secrets = response.acceptSecrets
        return response

    # -- resource RPCs ---------------------------------------------------------------------

    def check(self, urn: str, name: str, type_token: str, olds: Props, news: Props, preview: bool,
              old_outputs: Optional[Props] = None) -> Props:
        """Check; failures raise CheckFailed with the engine's diagnostics."""
        response: provider_pb2.CheckResponse = self.rpc(
            "Check",
            request(
                provider_pb2.CheckRequest,
                urn=urn,
                name=name,
                type=type_token,
                olds=self.marshal(olds, keep_unknowns=preview),
                news=self.marshal(news, keep_unknowns=preview),
                randomSeed=os.urandom(32),
                old_outputs=self.marshal(old_outputs or {}, keep_unknowns=preview),
            ),
        )
        inputs = self.unmarshal(response.inputs, allow_unknowns=preview, label=f"Check({urn})")
        if not self.accept_secrets:
            annotate_secrets(inputs, news)
        if response.failures:
            failures = [(f.property, f.reason) for f in response.failures]
            raise CheckFailed(urn, failures, [_check_message(type_token, name, news, p, r) for p, r in failures])
        return inputs

    def diff(self, old: ResourceState, news: Props, preview: bool, ignore_changes: tuple[str, ...] = ()) -> Diff:
        """Diff(id, old outputs, old inputs, news); DIFF_UNKNOWN -> the engine diffs the inputs
        itself after putting ignored values back (diffResource)."""
        response: provider_pb2.DiffResponse = self.rpc(
            "Diff",
            request(
                provider_pb2.DiffRequest,
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                olds=self.marshal(old.outputs, keep_unknowns=preview),
                news=self.marshal(news, keep_unknowns=preview),
                old_inputs=self.marshal(old.inputs, keep_unknowns=preview),
                ignoreChanges=list(ignore_changes),
            ),
        )
        changes = _CHANGES.get(response.changes)
        if changes is None:
            raise EngineError(f"unrecognized diff state for {old.urn}: {response.changes}", old.urn)
        compared, _ = process_ignore_changes(news, old.inputs, list(ignore_changes))
        input_changes = changed_keys(old.inputs, compared)
        some = bool(input_changes) if changes == "unknown" else changes == "some"
        replaces = tuple(response.replaces)
        if not replaces and any(d.kind in _REPLACE_KINDS for d in response.detailedDiff.values()):
            replaces = tuple(k for k, d in response.detailedDiff.items() if d.kind in _REPLACE_KINDS)
        return Diff(
            changes=changes,
            some=some,
            replaces=replaces if some else (),
            delete_before_replace=response.deleteBeforeReplace,
            changed_keys=tuple(response.diffs) or (tuple(input_changes) if some else ()),
        )

    def create(self, urn: str, name: str, type_token: str, inputs: Props, timeout: float) -> tuple[str, Props]:
        response: provider_pb2.CreateResponse = self.rpc(
            "Create",
            request(
                provider_pb2.CreateRequest,
                urn=urn,
                name=name,
                type=type_token,
                properties=self.marshal(inputs, keep_unknowns=False),
                timeout=timeout,
                preview=False,
            ),
        )
        if not response.id:
            raise EngineError(f"plugin returned empty resource.ID from create '{urn}'", urn)
        outputs = self.unmarshal(response.properties, allow_unknowns=False, label=f"Create({urn})")
        if not self.accept_secrets:
            annotate_secrets(outputs, inputs)
        return response.id, outputs

    def update(self, old: ResourceState, news: Props, timeout: float, ignore_changes: tuple[str, ...] = ()) -> Props:
        response: provider_pb2.UpdateResponse = self.rpc(
            "Update",
            request(
                provider_pb2.UpdateRequest,
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                olds=self.marshal(old.outputs, keep_unknowns=False),
                news=self.marshal(news, keep_unknowns=False),
                old_inputs=self.marshal(old.inputs, keep_unknowns=False),
                timeout=timeout,
                ignoreChanges=list(ignore_changes),
                preview=False,
            ),
        )
        outputs = self.unmarshal(response.properties, allow_unknowns=False, label=f"Update({old.urn})")
        if not self.accept_secrets:
            annotate_secrets(outputs, news)
        return outputs

    def delete(self, old: ResourceState) -> None:
        self.rpc(
            "Delete",
            request(
                provider_pb2.DeleteRequest,
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                properties=self.marshal(old.outputs, keep_unknowns=False),
                old_inputs=self.marshal(old.inputs, keep_unknowns=False),
                timeout=old.custom_timeouts.delete,
            ),
        )

    def read(
        self,
        urn: str,
        name: str,
        type_token: str,
        id_: str,
        properties: Optional[Props],
        inputs: Optional[Props],
        timeout: float,
    ) -> provider_pb2.ReadResponse:
        """Read; `None` properties/inputs are left unset (ImportStep sends neither)."""
        return self.rpc(
            "Read",
            request(
                provider_pb2.ReadRequest,
                id=id_,
                urn=urn,
                name=name,
                type=type_token,
                properties=None if properties is None else self.marshal(properties, keep_unknowns=False),
                inputs=None if inputs is None else self.marshal(inputs, keep_unknowns=False),
                timeout=timeout,
            ),
        )


def _provider_config(config: Mapping[str, Any]) -> tuple[Props, dict[str, str]]:
    """target.go GetPackageConfig for "pulumi-python": the whole stack config, namespaced keys,
    non-strings JSON-encoded; `variables` keyed "<pkg>:config:<key>" without secrets."""
    args: Props = {}
    variables: dict[str, str] = {}
    for key, value in config.items():
        plain = unwrap_secrets(value)
        text = plain if isinstance(plain, str) else json.dumps(plain)
        args[key] = secret(text) if contains_secrets(value) else text
        variables[f"{DYNAMIC_PACKAGE}:config:{key}"] = text
    return args, variables


def go_value(value: Any) -> str:
    """A property value as Go's %v prints it inside resource.PropertyValue (the `{...}` around it is the struct)."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, list):
        return "[" + " ".join(f"{{{go_value(v)}}}" for v in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{{{go_value(v)}}}" for k, v in sorted(value.items())) + "]"
    return str(value)


def _check_message(type_token: str, name: str, inputs: Props, prop: str, reason: str) -> str:
    # diag.GetResourcePropertyInvalidValueError / GetResourceInvalidError
    if prop:
        return (f"{type_token} resource '{name}': property {prop} value {{{go_value(inputs.get(prop))}}} has a problem: "
                f"{reason}")
    return f"{type_token} resource '{name}' has a problem: {reason}"

"""A small stand-in for the Pulumi engine that drives `python -m pulumi.dynamic` over gRPC.

It calls the dynamic provider server with the same RPCs, in the same order and with the same
arguments as the engine does, and keeps a state table keyed by URN like a stack's state file.
Written from a reading of the pulumi/pulumi repository (git HEAD 1b5949891b, sdk 3.260-dev;
the installed SDK is 3.272.0):

- pkg/resource/deploy/step_generator.go
    continueStepsFromImport: Check(olds = old *inputs* or nothing for a new resource,
      news = program inputs; AllowUnknowns only in previews) -> Create for a new resource;
    generateStepsFromDiff / diff / diffResource: Diff(id, old outputs, old inputs, checked
      news); DIFF_UNKNOWN -> the engine diffs old vs new inputs itself;
    continueStepsFromDiff: DIFF_NONE -> same step (no RPC; new inputs, old outputs kept);
      DIFF_SOME without replace -> UpdateStep; replace -> Check again with *no olds* ("recompute
      the default values"), then delete-before-replace (provider's DiffResponse, overridden by
      the deleteBeforeReplace resource option when set) = DeleteReplacement, Replace,
      CreateReplacement; otherwise CreateReplacement, Replace, and the old resource is deleted
      after all creates/updates of the deployment; an import ID in the goal forbids replacement
      ("previously-imported resources that still specify an ID may not be replaced").
    continueStepsFromRefresh: `import` runs an ImportStep first, then the normal Check/Diff
      against the imported state (since v3.174.0, pulumi PR #19339; earlier engines failed with
      "inputs to import do not match the existing resource" instead).
- pkg/resource/deploy/step.go
    CreateStep / UpdateStep / DeleteStep / RefreshStep / ImportStep / ReadStep .Apply:
      which state goes into Create/Update/Delete/Read and which customTimeouts field becomes
      the request `timeout`; RefreshStep: Read(id, properties = old outputs, inputs = old
      inputs), a blank id deletes the resource from state, returned inputs replace the old
      ones, then Diff(new outputs, new inputs -> old inputs) for the refresh diff;
      ImportStep: Read(id) with *no* properties and *no* inputs (so the Python dynamic server
      cannot find `__provider`: pulumi issue #16175), nil outputs -> "does not exist", nil
      inputs -> "provider does not support importing resources"; DeleteStep: external and
      pending-replacement resources get no Delete RPC.
- pkg/resource/plugin/provider_plugin.go (same file under sdk/go/common/resource/plugin)
    Configure: args = provider inputs with secrets kept, `variables` keyed
      "<pkg>:config:<key>" with secrets removed and non-strings JSON-encoded;
    Check/Diff/Create/Update/Read/Delete: MarshalProperties with KeepSecrets = the
      provider's ConfigureResponse.acceptSecrets (False for Python dynamic providers, so
      secrets are sent as plain values), KeepUnknowns only for previews, annotateSecrets on
      results; Create with an empty id is an error; in a preview Create/Update are not sent to
      providers that do not answer supportsPreview (the Python server does not).
- pkg/resource/deploy/target.go GetPackageConfig: for dynamic providers ("pulumi-python") the
  *whole* stack config is passed, keys keep their namespace ("aws:region"), secure values are
  secrets (pulumi PRs #17229, #17673).
- pkg/resource/deploy/default_providers.go, providers/registry.go: the default provider
  "default" of type pulumi:providers:pulumi-python is CheckConfig'ed (UNIMPLEMENTED is accepted)
  and then Configure'd.
- pkg/resource/deploy/source_eval.go generateTimeoutInSeconds: customTimeouts strings are Go
  durations, sent as seconds.

Things the harness does differently are listed in tests/harness/__init__.py.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import itertools
import json
import os
import re
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Optional, Union

import grpc
from google.protobuf import empty_pb2, struct_pb2
from google.protobuf.message import Message
from pulumi.dynamic import ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.output import Unknown
from pulumi.runtime import rpc
from pulumi.runtime._serialization import _serialize
from pulumi.runtime.proto import provider_pb2

from ..core.unknowns import as_marker
from .server import ProviderServer

UNKNOWN: str = rpc.UNKNOWN
"""The unknown-value sentinel ("04da6b54-..."): pass it as an input value in `preview()`."""

PROVIDER_KEY = "__provider"
DYNAMIC_PACKAGE = "pulumi-python"
PROVIDER_TYPE = f"pulumi:providers:{DYNAMIC_PACKAGE}"

Props = dict[str, Any]
Timeout = Union[str, float, int, None]

_SERIALIZE_LOCK = threading.Lock()  # serialize_provider patches pickle's module globals


# --------------------------------------------------------------------------------------------
# Errors


class EngineError(Exception):
    """A failure the engine itself reports (not an RPC error)."""


class CheckFailed(EngineError):
    """Check returned failures; `failures` is [(property path, reason), ...] in provider order."""

    def __init__(self, urn: str, failures: list[tuple[str, str]], messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.urn = urn
        self.failures = failures
        self.messages = messages


class ProviderError(Exception):
    """An RPC to the provider server failed; `details` is the gRPC details text (for the Python
    server: the provider's traceback)."""

    def __init__(self, method: str, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{method} failed ({code.name}): {details}")
        self.method = method
        self.code = code
        self.details = details


# --------------------------------------------------------------------------------------------
# Values: secrets, unknowns, Struct conversion (via the SDK's own rpc module)


def secret(value: Any) -> dict[str, Any]:
    """Mark a value secret (the wire form the SDK uses)."""
    return rpc.wrap_rpc_secret(value)


def is_secret(value: Any) -> bool:
    return rpc.is_rpc_secret(value)


def unwrap_secrets(value: Any) -> Any:
    """The value with every secret marker removed (the engine's removeSecrets)."""
    if is_secret(value):
        return unwrap_secrets(value["value"])
    if isinstance(value, dict):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap_secrets(v) for v in value]
    return value


def contains_secrets(value: Any) -> bool:
    if is_secret(value):
        return True
    if isinstance(value, dict):
        return any(contains_secrets(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_secrets(v) for v in value)
    return False


def contains_unknowns(value: Any) -> bool:
    if isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN):
        return True
    if isinstance(value, dict):
        return any(contains_unknowns(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknowns(v) for v in value)
    return False


def _run(coro: Any) -> Any:
    loop = asyncio.new_event_loop()  # private loop: callers may be on any thread
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    """Encode a property bag with the SDK's serializer (None values are dropped, as the SDK does)."""
    return _run(rpc.serialize_properties(dict(props), {}))


def from_struct(struct: struct_pb2.Struct) -> Props:
    """Decode a property bag with the SDK's deserializer; unknowns come back as `UNKNOWN`,
    secrets as `secret(...)` markers."""
    return as_marker(rpc.deserialize_properties(struct, keep_unknowns=True))


def _annotate_secrets(outs: Props, ins: Mapping[str, Any]) -> None:
    # provider_plugin.go annotateSecrets: keep the secret bit of same-named inputs.
    for key, in_value in ins.items():
        if key not in outs:
            continue
        out_value = outs[key]
        if (
            isinstance(out_value, dict)
            and isinstance(in_value, dict)
            and not is_secret(out_value)
            and not is_secret(in_value)
        ):
            _annotate_secrets(out_value, in_value)
        elif not is_secret(out_value) and contains_secrets(in_value):
            outs[key] = secret(out_value)


def _changed_keys(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    old_plain, new_plain = unwrap_secrets(dict(olds)), unwrap_secrets(dict(news))
    keys = set(old_plain) | set(new_plain)
    return sorted(k for k in keys if old_plain.get(k) != new_plain.get(k))


_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_timeout(value: Timeout) -> float:
    """A customTimeouts value in seconds: Go duration strings ("10m", "1h30m") or numbers (s)."""
    if value is None:
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    text = value.strip()
    if text in ("0", ""):
        return 0.0
    pos, total = 0, 0.0
    for m in _DURATION.finditer(text):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    if pos != len(text) or pos == 0:
        raise ValueError(f"unable to parse customTimeout Value {value}")
    return total


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class CustomTimeouts:
    """Seconds, as the engine stores them in state (0 = no timeout)."""

    create: float = 0.0
    update: float = 0.0
    delete: float = 0.0
    read: float = 0.0

    @classmethod
    def parse(cls, values: Optional[Mapping[str, Timeout]]) -> "CustomTimeouts":
        values = values or {}
        unknown = set(values) - {"create", "update", "delete", "read"}
        if unknown:
            raise ValueError(f"unknown customTimeouts keys {sorted(unknown)}")
        return cls(**{k: parse_timeout(v) for k, v in values.items()})


@dataclass
class ResourceState:
    """One resource in the state table (inputs/outputs keep secret markers, as the engine does)."""

    urn: str
    type: str
    name: str
    id: str
    inputs: Props
    outputs: Props
    custom_timeouts: CustomTimeouts = field(default_factory=CustomTimeouts)
    import_id: Optional[str] = None
    external: bool = False
    pending_replacement: bool = False

    def copy(self) -> "ResourceState":
        return copy.deepcopy(self)


@dataclass(frozen=True)
class StepResult:
    """What one operation did.

    op: "create" | "update" | "same" | "replace" | "import" | "refresh" | "delete" | "read".
    steps: the engine step ops in execution order, e.g. ("create-replacement", "replace",
      "delete-replaced"), ("import", "update"), ("refresh",).
    changes: the provider's Diff answer ("none" | "some" | "unknown"), None if Diff was not called.
    changed_keys: the keys the CLI shows as changed (the response's `diffs`, or, as the engine
      and its display do when there are none, the top-level keys whose inputs differ).
    outputs: the recorded outputs; in a preview, the checked inputs (what the engine hands the
      program for providers without preview support).
    """

    op: str
    urn: str
    id: Optional[str]
    steps: tuple[str, ...]
    inputs: Props
    outputs: Props
    changes: Optional[str] = None
    changed_keys: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    delete_before_replace: bool = False
    preview: bool = False
    deleted: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RpcCall:
    """One RPC the harness made, in the order it was sent (`seq`)."""

    seq: int
    method: str
    request: Message
    response: Optional[Message]
    error: Optional[ProviderError]

    @property
    def urn(self) -> str:
        return str(getattr(self.request, "urn", ""))

    def props(self, field_name: str) -> Props:
        """Decode a Struct field of the request (e.g. "olds", "news", "properties")."""
        return from_struct(getattr(self.request, field_name))

    def raw(self, field_name: str) -> struct_pb2.Struct:
        return getattr(self.request, field_name)


@dataclass(frozen=True)
class _Diff:
    changes: str  # the provider's answer
    some: bool  # the engine's decision
    replaces: tuple[str, ...]
    replace: bool
    delete_before_replace: bool
    changed_keys: tuple[str, ...]


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


# --------------------------------------------------------------------------------------------
# The engine


class Engine:
    """Drives one `ProviderServer` the way the engine drives the `pulumi-python` default provider.

    `config` is the stack config, keyed as in Pulumi.<stack>.yaml ("aws:region",
    "<project>:key"); wrap secure values with `secret()`. Configure is sent on construction.
    `state` seeds the state table (e.g. `other.snapshot()` to continue with a fresh server).
    `call_timeout` (s) puts a gRPC deadline on every RPC; the engine sets none.
    """

    def __init__(
        self,
        server: ProviderServer,
        config: Optional[Mapping[str, Any]] = None,
        *,
        stack: str = "dev",
        project: Optional[str] = None,
        state: Optional[Mapping[str, ResourceState]] = None,
        call_timeout: Optional[float] = None,
    ) -> None:
        self.server = server
        self.config: dict[str, Any] = dict(config or {})
        self.stack = stack
        self.project = project if project is not None else server.project
        self.call_timeout = call_timeout
        self.accept_secrets = False
        self.supports_preview = False
        self._state: dict[str, ResourceState] = {k: v.copy() for k, v in (state or {}).items()}
        self._pending_deletes: list[ResourceState] = []
        self._lock = threading.Lock()
        self._calls: list[RpcCall] = []
        self._seq = itertools.count(1)
        self.configure()

    # -- RPC plumbing ----------------------------------------------------------------------

    def _rpc(self, method: str, request: Message) -> Any:
        call = getattr(self.server.stub, method)
        try:
            response = call(request, timeout=self.call_timeout)
        except grpc.RpcError as exc:
            error = ProviderError(method, exc.code(), exc.details() or "")
            self._record(method, request, None, error)
            raise error from None
        self._record(method, request, response, None)
        return response

    def _record(self, method: str, request: Message, response: Optional[Message], error: Optional[ProviderError]) -> None:
        with self._lock:
            self._calls.append(RpcCall(next(self._seq), method, request, response, error))

    def calls(self, method: Optional[str] = None, name: Optional[str] = None) -> list[RpcCall]:
        """RPCs sent so far, oldest first, optionally only one method and/or one resource name."""
        with self._lock:
            calls = list(self._calls)
        return [
            c
            for c in calls
            if (method is None or c.method == method) and (name is None or c.urn.endswith(f"::{name}"))
        ]

    def _marshal(self, props: Mapping[str, Any], *, keep_unknowns: bool) -> struct_pb2.Struct:
        # MarshalProperties: secrets stripped for providers that do not accept them; unknowns
        # only in previews (a program cannot register unknowns outside a preview).
        if not keep_unknowns and contains_unknowns(props):
            raise EngineError("unknown values can only be sent in a preview")
        return to_struct(props if self.accept_secrets else unwrap_secrets(dict(props)))

    def _unmarshal(self, struct: struct_pb2.Struct, *, allow_unknowns: bool, label: str) -> Props:
        props = from_struct(struct)
        if not allow_unknowns and contains_unknowns(props):
            raise EngineError(f"{label}: unexpected unknown property value")
        return props

    # -- configuration ---------------------------------------------------------------------

    @property
    def provider_urn(self) -> str:
        return self.urn("default", PROVIDER_TYPE)

    def configure(self) -> provider_pb2.ConfigureResponse:
        """Handshake, GetPluginInfo, CheckConfig, Configure, as the engine does for a default provider."""
        try:
            self._rpc("Handshake", provider_pb2.ProviderHandshakeRequest(configure_with_urn=True))
        except ProviderError as exc:
            if exc.code != grpc.StatusCode.UNIMPLEMENTED:
                raise
        self._rpc("GetPluginInfo", empty_pb2.Empty())
        args: Props = {}
        variables: dict[str, str] = {}
        for key, value in self.config.items():
            plain = unwrap_secrets(value)
            text = plain if isinstance(plain, str) else json.dumps(plain)
            args[key] = secret(text) if contains_secrets(value) else text
            variables[f"{DYNAMIC_PACKAGE}:config:{key}"] = text
        try:
            self._rpc(
                "CheckConfig",
                provider_pb2.CheckRequest(
                    urn=self.provider_urn,
                    name="default",
                    type=PROVIDER_TYPE,
                    olds=struct_pb2.Struct(),
                    news=to_struct(unwrap_secrets(args)),
                ),
            )
        except ProviderError as exc:
            if exc.code != grpc.StatusCode.UNIMPLEMENTED:  # provider_plugin.go: "return news as is"
                raise
        response: provider_pb2.ConfigureResponse = self._rpc(
            "Configure",
            provider_pb2.ConfigureRequest(
                variables=variables,
                args=to_struct(args),
                acceptSecrets=True,
                acceptResources=True,
                sends_old_inputs=True,
                sends_old_inputs_to_delete=True,
                id=str(uuid.uuid4()),
                urn=self.provider_urn,
                name="default",
                type=PROVIDER_TYPE,
            ),
        )
        self.accept_secrets = response.acceptSecrets
        self.supports_preview = response.supportsPreview
        return response

    # -- state -----------------------------------------------------------------------------

    def urn(self, name: str, type_token: str) -> str:
        return f"urn:pulumi:{self.stack}::{self.project}::{type_token}::{name}"

    def _find(self, name: str) -> ResourceState:
        with self._lock:
            found = [s for s in self._state.values() if s.name == name]
        if not found:
            raise KeyError(f"no resource named {name!r} in state")
        if len(found) > 1:
            raise KeyError(f"several resources named {name!r}; names must be unique per Engine")
        return found[0].copy()

    def _get(self, urn: str) -> Optional[ResourceState]:
        with self._lock:
            state = self._state.get(urn)
        return state.copy() if state is not None else None

    def _put(self, state: ResourceState) -> None:
        with self._lock:
            self._state[state.urn] = state.copy()

    def _drop(self, urn: str) -> None:
        with self._lock:
            self._state.pop(urn, None)

    def state(self, name: str) -> ResourceState:
        """A copy of the recorded state of resource `name` (KeyError if absent)."""
        return self._find(name)

    def has(self, name: str) -> bool:
        with self._lock:
            return any(s.name == name for s in self._state.values())

    def snapshot(self) -> dict[str, ResourceState]:
        """A deep copy of the state table, keyed by URN."""
        with self._lock:
            return {k: v.copy() for k, v in self._state.items()}

    def pending_deletes(self) -> list[ResourceState]:
        """Replaced resources whose Delete failed (the engine keeps them as `delete: true`)."""
        with self._lock:
            return [s.copy() for s in self._pending_deletes]

    def delete_pending(self) -> int:
        """Retry the pending deletes, as the engine does at the start of the next update."""
        done = 0
        for old in self.pending_deletes():
            self._delete(old)
            with self._lock:
                self._pending_deletes = [s for s in self._pending_deletes if s.id != old.id or s.urn != old.urn]
            done += 1
        return done

    # -- program-side serialization --------------------------------------------------------

    @staticmethod
    def goal_properties(inputs: Mapping[str, Any], provider: ResourceProvider) -> Props:
        """The properties `pulumi.dynamic.Resource` registers: the inputs plus `__provider`
        (serialized with the SDK's serialize_provider and made secret like the SDK does)."""
        if PROVIDER_KEY in inputs:
            raise ValueError("A dynamic resource must not define the __provider key")
        props = as_marker(copy.deepcopy(dict(inputs)))
        with _SERIALIZE_LOCK:
            serialized, captured_secrets = _serialize(True, serialize_provider, provider)
        if getattr(provider, "serialize_as_secret_always", True) or captured_secrets:
            props[PROVIDER_KEY] = secret(serialized)
        else:
            props[PROVIDER_KEY] = serialized
        return props

    # -- provider calls --------------------------------------------------------------------

    def _check(self, urn: str, name: str, type_token: str, olds: Props, news: Props, preview: bool) -> Props:
        response: provider_pb2.CheckResponse = self._rpc(
            "Check",
            provider_pb2.CheckRequest(
                urn=urn,
                name=name,
                type=type_token,
                olds=self._marshal(olds, keep_unknowns=preview),
                news=self._marshal(news, keep_unknowns=preview),
                randomSeed=os.urandom(32),
            ),
        )
        inputs = self._unmarshal(response.inputs, allow_unknowns=preview, label=f"Check({urn})")
        if not self.accept_secrets:
            _annotate_secrets(inputs, news)
        if response.failures:
            failures = [(f.property, f.reason) for f in response.failures]
            messages = [
                f"{type_token} resource '{name}': property {prop} value {inputs.get(prop)!r} has a problem: {reason}"
                if prop
                else f"{type_token} resource '{name}' has a problem: {reason}"
                for prop, reason in failures
            ]
            raise CheckFailed(urn, failures, messages)
        return inputs

    def _diff(
        self, old: ResourceState, old_inputs: Props, old_outputs: Props, news: Props, preview: bool
    ) -> _Diff:
        response: provider_pb2.DiffResponse = self._rpc(
            "Diff",
            provider_pb2.DiffRequest(
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                olds=self._marshal(old_outputs, keep_unknowns=preview),
                news=self._marshal(news, keep_unknowns=preview),
                old_inputs=self._marshal(old_inputs, keep_unknowns=preview),
            ),
        )
        changes = _CHANGES.get(response.changes, str(response.changes))
        input_changes = _changed_keys(old_inputs, news)
        if changes == "unknown":  # diffResource: the engine diffs the inputs itself
            some = bool(input_changes)
        elif changes in ("none", "some"):
            some = changes == "some"
        else:
            raise EngineError(f"unrecognized diff state for {old.urn}: {response.changes}")
        replaces = tuple(response.replaces)
        replace = bool(replaces) or any(d.kind in _REPLACE_KINDS for d in response.detailedDiff.values())
        return _Diff(
            changes=changes,
            some=some,
            replaces=replaces,
            replace=replace,
            delete_before_replace=response.deleteBeforeReplace,
            changed_keys=tuple(response.diffs) or (tuple(input_changes) if some else ()),
        )

    def _create(self, urn: str, name: str, type_token: str, inputs: Props, timeout: float) -> tuple[str, Props]:
        response: provider_pb2.CreateResponse = self._rpc(
            "Create",
            provider_pb2.CreateRequest(
                urn=urn,
                name=name,
                type=type_token,
                properties=self._marshal(inputs, keep_unknowns=False),
                timeout=timeout,
                preview=False,
            ),
        )
        if not response.id:
            raise EngineError(f"plugin returned empty resource.ID from create '{urn}'")
        outputs = self._unmarshal(response.properties, allow_unknowns=False, label=f"Create({urn})")
        if not self.accept_secrets:
            _annotate_secrets(outputs, inputs)
        return response.id, outputs

    def _update(self, old: ResourceState, news: Props, timeout: float) -> Props:
        response: provider_pb2.UpdateResponse = self._rpc(
            "Update",
            provider_pb2.UpdateRequest(
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                olds=self._marshal(old.outputs, keep_unknowns=False),
                news=self._marshal(news, keep_unknowns=False),
                old_inputs=self._marshal(old.inputs, keep_unknowns=False),
                timeout=timeout,
                preview=False,
            ),
        )
        outputs = self._unmarshal(response.properties, allow_unknowns=False, label=f"Update({old.urn})")
        if not self.accept_secrets:
            _annotate_secrets(outputs, news)
        return outputs

    def _delete(self, old: ResourceState) -> None:
        if old.external or old.pending_replacement:
            return  # DeleteStep: external resources are not ours; pending-replace ones are gone
        self._rpc(
            "Delete",
            provider_pb2.DeleteRequest(
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                properties=self._marshal(old.outputs, keep_unknowns=False),
                old_inputs=self._marshal(old.inputs, keep_unknowns=False),
                timeout=old.custom_timeouts.delete,
            ),
        )

    # -- operations ------------------------------------------------------------------------

    def up(
        self,
        name: str,
        inputs: Mapping[str, Any],
        provider: ResourceProvider,
        *,
        type_token: str,
        custom_timeouts: Optional[Mapping[str, Timeout]] = None,
        delete_before_replace: Optional[bool] = None,
    ) -> StepResult:
        """`pulumi up` of a program that declares this one resource (others are left alone).
        `delete_before_replace=None` means the option is not set (the provider decides)."""
        return self._register(
            name, inputs, provider, type_token, custom_timeouts, delete_before_replace, preview=False
        )

    def preview(
        self,
        name: str,
        inputs: Mapping[str, Any],
        provider: ResourceProvider,
        *,
        type_token: str,
        custom_timeouts: Optional[Mapping[str, Timeout]] = None,
        delete_before_replace: Optional[bool] = None,
    ) -> StepResult:
        """`pulumi preview`: Check and Diff with unknowns allowed; no Create/Update/Delete; state unchanged."""
        return self._register(
            name, inputs, provider, type_token, custom_timeouts, delete_before_replace, preview=True
        )

    def import_(
        self,
        name: str,
        id: str,
        inputs: Mapping[str, Any],
        provider: ResourceProvider,
        *,
        type_token: str,
        custom_timeouts: Optional[Mapping[str, Timeout]] = None,
        delete_before_replace: Optional[bool] = None,
        preview: bool = False,
        engine_sends_inputs: bool = False,
    ) -> StepResult:
        """`pulumi up` with `ResourceOptions(import_=id)`: Read(id) with no properties or inputs,
        then Check/Diff against the program's inputs and an Update if they differ.

        With the stock Python server this fails: it looks for `__provider` in the Read request
        (pulumi issue #16175). `engine_sends_inputs=True` is NOT engine behaviour: it also sends
        the program's properties (with `__provider`) as Read.properties/inputs, to exercise a
        provider's import path as if that issue were fixed.
        """
        return self._register(
            name,
            inputs,
            provider,
            type_token,
            custom_timeouts,
            delete_before_replace,
            preview=preview,
            import_id=id,
            engine_sends_inputs=engine_sends_inputs,
        )

    def _register(
        self,
        name: str,
        inputs: Mapping[str, Any],
        provider: ResourceProvider,
        type_token: str,
        custom_timeouts: Optional[Mapping[str, Timeout]],
        delete_before_replace: Optional[bool],
        *,
        preview: bool,
        import_id: Optional[str] = None,
        engine_sends_inputs: bool = False,
    ) -> StepResult:
        urn = self.urn(name, type_token)
        goal = self.goal_properties(inputs, provider)
        timeouts = CustomTimeouts.parse(custom_timeouts)
        old = self._get(urn)
        steps: list[str] = []
        warnings: list[str] = []

        imported = False
        if import_id is not None and (old is None or old.external or (old.import_id or old.id) != import_id):
            if old is not None:
                raise EngineError("harness: import over an existing resource (import-replacement) is not modelled")
            old = self._import_read(urn, name, type_token, import_id, timeouts, goal if engine_sends_inputs else None)
            imported = True
            steps.append("import")

        # Check (continueStepsFromImport): no olds for a new or formerly external resource.
        fresh = old is None or old.external
        checked = self._check(urn, name, type_token, {} if fresh else old.inputs, goal, preview)  # type: ignore[union-attr]

        def result(op: str, state_inputs: Props, outputs: Props, id_: Optional[str], **extra: Any) -> StepResult:
            return StepResult(
                op=op,
                urn=urn,
                id=id_,
                steps=tuple(steps),
                inputs=copy.deepcopy(state_inputs),
                outputs=copy.deepcopy(outputs),
                preview=preview,
                warnings=tuple(warnings),
                **extra,
            )

        if fresh:
            if old is not None:  # was external: create a replacement, "delete" (no-op) the read one
                steps.extend(["create-replacement", "replace"])
                op = "replace"
            else:
                steps.append("create")
                op = "create"
            if preview:
                return result(op, checked, checked, None)
            new_id, outputs = self._create(urn, name, type_token, checked, timeouts.create)
            self._put(ResourceState(urn, type_token, name, new_id, checked, outputs, timeouts, import_id))
            return result(op, checked, outputs, new_id)

        assert old is not None
        diff = self._diff(old, old.inputs, old.outputs, checked, preview)
        diff_info = dict(changes=diff.changes, changed_keys=diff.changed_keys, replaces=diff.replaces)

        if not diff.some and not old.pending_replacement:
            if imported:  # the imported state is kept as is (no same step)
                if not preview:
                    self._put(old)
                return result("import", old.inputs, old.outputs, old.id, **diff_info)
            steps.append("same")
            same = dataclasses.replace(old, inputs=checked, custom_timeouts=timeouts, import_id=import_id or old.import_id)
            if not preview:
                self._put(same)
            return result("same", checked, old.outputs, old.id, **diff_info)

        if not (diff.replace or old.pending_replacement):
            steps.append("update")
            op = "import" if imported else "update"
            if preview:
                return result(op, checked, checked, old.id, **diff_info)
            if imported:
                self._put(old)
            outputs = self._update(old, checked, timeouts.update)
            self._put(dataclasses.replace(old, inputs=checked, outputs=outputs, custom_timeouts=timeouts))
            return result(op, checked, outputs, old.id, **diff_info)

        # Replacement.
        if import_id is not None:
            lines = "\n".join(
                f"{k}: {unwrap_secrets(old.inputs.get(k))!r} => {unwrap_secrets(checked.get(k))!r}" for k in diff.replaces
            )
            message = (
                "previously-imported resources that still specify an ID may not be replaced; "
                "please remove the `import` declaration from your program;\n" + lines
            )
            if not preview:
                raise EngineError(message)
            warnings.append(message)
        checked = self._check(urn, name, type_token, {}, goal, preview)  # recompute defaults: no olds
        dbr = diff.delete_before_replace if delete_before_replace is None else delete_before_replace
        diff_info["delete_before_replace"] = dbr
        if dbr:
            steps.extend(["delete-replaced", "replace", "create-replacement"])
        else:
            steps.extend(["create-replacement", "replace", "delete-replaced"])
        if preview:
            return result("replace", checked, checked, None, **diff_info)

        if dbr:
            self._delete(old)
            self._put(dataclasses.replace(old, pending_replacement=True))
            new_id, outputs = self._create(urn, name, type_token, checked, timeouts.create)
            self._put(ResourceState(urn, type_token, name, new_id, checked, outputs, timeouts, import_id))
            return result("replace", checked, outputs, new_id, **diff_info)

        new_id, outputs = self._create(urn, name, type_token, checked, timeouts.create)
        self._put(ResourceState(urn, type_token, name, new_id, checked, outputs, timeouts, import_id))
        try:
            # The engine deletes replaced resources after all creates/updates of the deployment;
            # for one resource that is right after its create.
            self._delete(old)
        except ProviderError:
            with self._lock:
                self._pending_deletes.append(old.copy())
            raise
        return result("replace", checked, outputs, new_id, **diff_info)

    def _import_read(
        self,
        urn: str,
        name: str,
        type_token: str,
        import_id: str,
        timeouts: CustomTimeouts,
        goal: Optional[Props],
    ) -> ResourceState:
        request = provider_pb2.ReadRequest(id=import_id, urn=urn, name=name, type=type_token, timeout=timeouts.read)
        if goal is not None:  # not engine behaviour, see import_()
            request.properties.CopyFrom(self._marshal(goal, keep_unknowns=False))
            request.inputs.CopyFrom(self._marshal(goal, keep_unknowns=False))
        response: provider_pb2.ReadResponse = self._rpc("Read", request)
        if not response.HasField("properties"):
            raise EngineError(f"resource '{import_id}' does not exist")
        if not response.HasField("inputs"):
            raise EngineError(
                f"provider does not support importing resources; please try updating the '{DYNAMIC_PACKAGE}' plugin"
            )
        outputs = self._unmarshal(response.properties, allow_unknowns=False, label=f"Read({urn})")
        inputs = self._unmarshal(response.inputs, allow_unknowns=False, label=f"Read({urn})")
        return ResourceState(urn, type_token, name, response.id or import_id, inputs, outputs, timeouts, import_id)

    def get(
        self,
        name: str,
        id: str,
        inputs: Mapping[str, Any],
        provider: ResourceProvider,
        *,
        type_token: str,
    ) -> StepResult:
        """`Resource.get` / `ResourceOptions(id=...)` (ReadStep): Read(id) with the program's
        properties as both properties and inputs; the result is recorded as external."""
        urn = self.urn(name, type_token)
        props = self.goal_properties(inputs, provider)
        marshalled = self._marshal(props, keep_unknowns=False)
        response: provider_pb2.ReadResponse = self._rpc(
            "Read",
            provider_pb2.ReadRequest(id=id, urn=urn, name=name, type=type_token, properties=marshalled, inputs=marshalled),
        )
        if not response.HasField("properties"):
            raise EngineError(f"resource '{id}' does not exist")
        outputs = self._unmarshal(response.properties, allow_unknowns=False, label=f"Read({urn})")
        if not self.accept_secrets:
            _annotate_secrets(outputs, props)
        new_id = response.id or id
        self._put(ResourceState(urn, type_token, name, new_id, props, outputs, external=True))
        return StepResult("read", urn, new_id, ("read",), copy.deepcopy(props), copy.deepcopy(outputs))

    def refresh(self, name: str) -> StepResult:
        """`pulumi refresh` of one resource: Read(id, old outputs, old inputs) then the refresh
        Diff; a blank id removes the resource from state."""
        old = self._find(name)
        if old.pending_replacement:
            return StepResult("refresh", old.urn, old.id, ("refresh",), old.inputs, old.outputs)
        response: provider_pb2.ReadResponse = self._rpc(
            "Read",
            provider_pb2.ReadRequest(
                id=old.id,
                urn=old.urn,
                name=old.name,
                type=old.type,
                properties=self._marshal(old.outputs, keep_unknowns=False),
                inputs=self._marshal(old.inputs, keep_unknowns=False),
                timeout=old.custom_timeouts.read,
            ),
        )
        if not response.id:
            self._drop(old.urn)
            return StepResult("refresh", old.urn, None, ("refresh",), {}, {}, deleted=True)
        outputs = self._unmarshal(response.properties, allow_unknowns=False, label=f"Read({old.urn})")
        inputs = old.inputs
        if response.HasField("inputs"):
            inputs = self._unmarshal(response.inputs, allow_unknowns=False, label=f"Read({old.urn})")
            if not self.accept_secrets:
                _annotate_secrets(inputs, old.inputs)
        if not self.accept_secrets:
            _annotate_secrets(outputs, old.outputs)
        new = dataclasses.replace(old, id=response.id, inputs=inputs, outputs=outputs)
        changes: Optional[str] = None
        changed: tuple[str, ...] = ()
        if not old.external:
            # RefreshStep: diff as if the refreshed state were old and the old inputs new, inverted.
            diff = self._diff(new, new.inputs, new.outputs, old.inputs, False)
            changes, changed = diff.changes, diff.changed_keys
        self._put(new)
        return StepResult(
            "refresh", old.urn, new.id, ("refresh",), copy.deepcopy(inputs), copy.deepcopy(outputs),
            changes=changes, changed_keys=changed,
        )

    def destroy(self, name: str) -> StepResult:
        """`pulumi destroy` of one resource: Delete(id, urn, outputs, old inputs, delete timeout)."""
        old = self._find(name)
        self._delete(old)
        self._drop(old.urn)
        return StepResult("delete", old.urn, old.id, ("delete",), old.inputs, old.outputs, deleted=True)


@contextmanager
def open_engine(
    config: Optional[Mapping[str, Any]] = None,
    *,
    env: Optional[Mapping[str, str]] = None,
    stack: str = "dev",
    project: str = "test",
    cwd: "str | os.PathLike[str] | None" = None,
    call_timeout: Optional[float] = None,
) -> Iterator[Engine]:
    """Start a provider server (env merged over os.environ) and a configured Engine on it;
    the server is stopped on exit. The server is `engine.server`."""
    package_config = {
        key.split(":", 1)[1]: unwrap_secrets(value)
        for key, value in (config or {}).items()
        if key.startswith(f"{DYNAMIC_PACKAGE}:")
    }
    with ProviderServer(env, cwd=cwd, project=project, package_config=package_config) as server:
        yield Engine(server, config, stack=stack, project=project, call_timeout=call_timeout)

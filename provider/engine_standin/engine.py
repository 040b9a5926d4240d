"""The Engine: one configured provider server, the stack's state table, and the operations
(`up`, `preview`, `import_`, `get`, `refresh`, `destroy` of one resource; `deploy`,
`refresh_all`, `destroy_all` of a whole program or stack)."""

from __future__ import annotations

import copy
import dataclasses
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Optional

from pulumi.dynamic import ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider

# Private, and unavoidable: `_serialize` is how pulumi.dynamic.Resource serializes its provider
# (it patches pickling of the module's globals and reports captured secrets); no public
# function produces the same `__provider` string.
from pulumi.runtime._serialization import _serialize
from pulumi.runtime.proto import provider_pb2

from . import steps
from .client import DYNAMIC_PACKAGE, PROVIDER_TYPE, ProviderClient
from .deployment import Deployment
from .errors import ProtectedError
from .records import (
    Declaration,
    DeploymentResult,
    Options,
    ResourceState,
    RpcCall,
    StepResult,
)
from .server import ProviderServer
from .shared import DeployOptions
from .state import StateTable
from .values import Props, Timeout, annotate_secrets, as_marker, secret, unwrap_secrets

PROVIDER_KEY = "__provider"

_SERIALIZE_LOCK = threading.Lock()  # _serialize patches pickle's module globals


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
        self.client = ProviderClient(server, call_timeout)
        self.table = StateTable((state or {}).values())
        self.configure()

    # -- configuration and the RPC log -----------------------------------------------------

    @property
    def provider_urn(self) -> str:
        return self.urn("default", PROVIDER_TYPE)

    @property
    def accept_secrets(self) -> bool:
        return self.client.accept_secrets

    def configure(self) -> provider_pb2.ConfigureResponse:
        """Handshake, GetPluginInfo, CheckConfig, Configure, as the engine does for a default provider."""
        return self.client.configure(self.config, self.provider_urn)

    def calls(self, method: Optional[str] = None, name: Optional[str] = None) -> list[RpcCall]:
        """RPCs sent so far, oldest first, optionally only one method and/or one resource name."""
        return [
            c
            for c in self.client.calls()
            if (method is None or c.method == method) and (name is None or c.urn.endswith(f"::{name}"))
        ]

    # -- state -----------------------------------------------------------------------------

    def urn(self, name: str, type_token: str, parent: str = "") -> str:
        """The URN the engine gives a resource (deployment.go generateURN)."""
        return steps.make_urn(self.stack, self.project, parent, type_token, name)

    def state(self, name: str) -> ResourceState:
        """A copy of the recorded state of resource `name` (KeyError if absent)."""
        found = [s for s in self.table.live().values() if s.name == name]
        if not found:
            raise KeyError(f"no resource named {name!r} in state")
        if len(found) > 1:
            raise KeyError(f"several resources named {name!r}; use snapshot() and URNs")
        return found[0]

    def has(self, name: str) -> bool:
        return any(s.name == name for s in self.table.live().values())

    def snapshot(self) -> dict[str, ResourceState]:
        """A deep copy of the state table's live resources, keyed by URN."""
        return self.table.live()

    def resources(self) -> list[ResourceState]:
        """Every state entry in snapshot order, those marked for deletion included."""
        return self.table.resources()

    def pending_deletes(self) -> list[ResourceState]:
        """Replaced resources whose delete has not run (`delete: true` in the state file)."""
        return self.table.marked_for_deletion()

    def taint(self, urn: str, tainted: bool = True) -> None:
        """`pulumi state taint URN` (`tainted=False`: `pulumi state untaint`)."""
        live = self.table.live()
        if urn not in live:
            raise KeyError(f"no resource {urn} in state")
        self.table.mark(live[urn].key, taint=tainted)

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

    # -- whole programs --------------------------------------------------------------------

    def deploy(
        self,
        program: Sequence[Declaration],
        *,
        preview: bool = False,
        replace: Sequence[str] = (),
        targets: Sequence[str] = (),
        target_dependents: bool = False,
        continue_on_error: bool = False,
    ) -> DeploymentResult:
        """`pulumi up` (or `pulumi preview` with `preview=True`) of a program: its declarations
        are registered in order; resources in the state that the program no longer declares, and
        replaced resources, are deleted in the post steps at the end, which run only when no step
        failed (or with `continue_on_error`). `replace` and `targets` are URNs (--replace,
        --target); errors are returned in the result, not raised."""
        options = DeployOptions(
            preview=preview,
            replace=tuple(replace),
            targets=tuple(targets),
            target_dependents=target_dependents,
            continue_on_error=continue_on_error,
        )
        return self._deployment(options).run(program)

    def destroy_all(self, *, continue_on_error: bool = False) -> DeploymentResult:
        """`pulumi destroy`: every resource deleted, dependents first (GenerateDeletes with an
        empty program); protected resources refuse and their dependencies are kept."""
        return self.deploy([], continue_on_error=continue_on_error)

    def refresh_all(self) -> list[StepResult]:
        """`pulumi refresh`: each live resource refreshed in snapshot order."""
        return [self._refresh(state) for state in self.table.resources() if not state.delete]

    def _deployment(self, options: DeployOptions) -> Deployment:
        return Deployment(
            self.client,
            self.table,
            stack=self.stack,
            project=self.project,
            goal_properties=self.goal_properties,
            options=options,
        )

    # -- one resource ----------------------------------------------------------------------

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
        """`pulumi up --target URN` of a program that declares this one resource: others are
        left alone; a replaced resource is deleted at the end of it, and so is a resource of
        this URN still marked for deletion by an earlier one. Errors are raised.
        `delete_before_replace=None` means the option is not set (the provider decides)."""
        options = Options(custom_timeouts=custom_timeouts, delete_before_replace=delete_before_replace)
        return self._single(Declaration(name, type_token, inputs, provider, options), DeployOptions())

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
        options = Options(custom_timeouts=custom_timeouts, delete_before_replace=delete_before_replace)
        return self._single(Declaration(name, type_token, inputs, provider, options), DeployOptions(preview=True))

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
        options = Options(custom_timeouts=custom_timeouts, delete_before_replace=delete_before_replace, import_=id)
        run = DeployOptions(preview=preview, engine_sends_inputs=engine_sends_inputs)
        return self._single(Declaration(name, type_token, inputs, provider, options), run)

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
        return self._single(Declaration(name, type_token, inputs, provider, Options(id=id)), DeployOptions())

    def _single(self, decl: Declaration, run: DeployOptions) -> StepResult:
        urn = self.urn(decl.name, decl.type)
        result = self._deployment(dataclasses.replace(run, targets=(urn,))).run([decl])
        if result.errors:
            raise result.errors[0]
        own = tuple(r.op for r in result.steps if r.urn == urn and not r.skipped)
        return dataclasses.replace(result.resources[decl.name], steps=own, error=None)

    def refresh(self, name: str) -> StepResult:
        """`pulumi refresh` of one resource: Read(id, old outputs, old inputs) then the refresh
        Diff; a blank id removes the resource from state."""
        return self._refresh(self.state(name))

    def _refresh(self, old: ResourceState) -> StepResult:
        """step.go RefreshStep.Apply: Read(id, properties = old outputs, inputs = old inputs); a
        blank id deletes the resource from state; returned inputs replace the old ones; then
        Diff(refreshed outputs, old inputs -> refreshed inputs) for the refresh diff."""
        if old.pending_replacement:
            return StepResult(steps.OP_REFRESH, old.urn, old.id, (steps.OP_REFRESH,), old.inputs, old.outputs)
        response = self.client.read(
            old.urn, old.name, old.type, old.id, old.outputs, old.inputs, old.custom_timeouts.read
        )
        if not response.id:
            self.table.remove(old.key)
            return StepResult(steps.OP_REFRESH, old.urn, None, (steps.OP_REFRESH,), {}, {}, deleted=True)
        outputs = self.client.unmarshal(response.properties, allow_unknowns=False, label=f"Read({old.urn})")
        inputs = old.inputs
        if response.HasField("inputs"):
            inputs = self.client.unmarshal(response.inputs, allow_unknowns=False, label=f"Read({old.urn})")
            if not self.accept_secrets:
                annotate_secrets(inputs, old.inputs)
        if not self.accept_secrets:
            annotate_secrets(outputs, old.outputs)
        new = dataclasses.replace(old, id=response.id, inputs=inputs, outputs=outputs)
        changes: Optional[str] = None
        changed: tuple[str, ...] = ()
        if not old.external:
            diff = self.client.diff(new, old.inputs, False)
            changes, changed = diff.changes, diff.changed_keys
        self.table.put(new)
        return StepResult(
            steps.OP_REFRESH, old.urn, new.id, (steps.OP_REFRESH,), copy.deepcopy(inputs), copy.deepcopy(outputs),
            changes=changes, changed_keys=changed,
        )

    def destroy(self, name: str) -> StepResult:
        """`pulumi destroy --target URN` of one resource: Delete(id, urn, outputs, old inputs,
        delete timeout), then the state entry is dropped; a protected resource refuses (DeleteStep)."""
        old = self.state(name)
        if old.protect:
            raise ProtectedError(steps.protect_delete_message(old.urn), old.urn)
        if old.provider_deletes:
            self.client.delete(old)
        self.table.remove(old.key)
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




"""The stand-in's records: resource state, program declarations and their options, step and
deployment results, and the RPC call log."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from google.protobuf import struct_pb2
from google.protobuf.message import Message
from pulumi.dynamic import ResourceProvider

from .errors import ProviderError
from .values import Props, Timeout, from_struct, parse_timeout

# --------------------------------------------------------------------------------------------
# State


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
    """One resource in the state table, as in a stack's state file (inputs/outputs keep secret
    markers, as the engine does).

    `delete` marks a replaced resource whose delete has not run yet (state file `delete: true`);
    `pending_replacement` one deleted by a delete-before-replace whose replacement is not created
    yet; `taint` is what `pulumi state taint` sets. `custom` is False for component resources.
    """

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
    parent: str = ""
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    protect: bool = False
    retain_on_delete: bool = False
    taint: bool = False
    delete: bool = False
    custom: bool = True
    replacement_trigger: Any = None
    ignore_changes: tuple[str, ...] = ()
    key: int = field(default=0, compare=False, repr=False)  # the state table's handle on this entry

    def copy(self) -> "ResourceState":
        return copy.deepcopy(self)

    @property
    def provider_deletes(self) -> bool:
        """Whether deleting it sends Delete to the provider: not for a component, an external
        resource or a retainOnDelete one."""
        return self.custom and not self.external and not self.retain_on_delete

    def all_dependencies(self) -> list[str]:
        """GetAllDependencies without the provider: parent, dependsOn and property dependencies."""
        urns = [self.parent] if self.parent else []
        urns += list(self.dependencies)
        for deps in self.property_dependencies.values():
            urns += list(deps)
        return urns


# --------------------------------------------------------------------------------------------
# Program declarations


@dataclass(frozen=True)
class Ref:
    """An input that is another declared resource's output, as a program passes `res.key`:
    it resolves to what the SDK would resolve that Output to, and records a property dependency.
    `key` may be "id" or "urn"."""

    resource: str
    key: str


@dataclass(frozen=True)
class Alias:
    """A previous identity (pulumi.Alias / alias_pb2.Alias.Spec): unset fields mean "as now".
    `parent` is a declared resource's logical name or a URN; `no_parent=True` means the resource
    had no parent (`Alias(parent=pulumi.ROOT_STACK_RESOURCE)`). `urn` gives the full old URN."""

    name: Optional[str] = None
    type: Optional[str] = None
    parent: Optional[str] = None
    no_parent: bool = False
    project: Optional[str] = None
    stack: Optional[str] = None
    urn: Optional[str] = None


@dataclass(frozen=True)
class Options:
    """ResourceOptions. `parent`/`depends_on` name declared resources (logical names, declared
    earlier in the program); `delete_before_replace=None` means the option is not set."""

    parent: Optional[str] = None
    aliases: tuple[Union[Alias, str], ...] = ()
    depends_on: tuple[str, ...] = ()
    protect: Optional[bool] = None
    retain_on_delete: Optional[bool] = None
    delete_before_replace: Optional[bool] = None
    ignore_changes: tuple[str, ...] = ()
    custom_timeouts: Optional[Mapping[str, Timeout]] = None
    replacement_trigger: Any = None
    import_: Optional[str] = None
    id: Optional[str] = None


@dataclass(frozen=True)
class Declaration:
    """One resource the program registers. `provider=None` declares a component resource
    (no provider, no RPCs)."""

    name: str
    type: str
    inputs: Mapping[str, Any]
    provider: Optional[ResourceProvider]
    options: Options = Options()


# --------------------------------------------------------------------------------------------
# RPC log


@dataclass(frozen=True)
class RpcCall:
    """One RPC the stand-in made, in the order it was sent (`seq`)."""

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


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class StepResult:
    """What happened to one resource.

    op: "create" | "update" | "same" | "replace" | "import" | "refresh" | "delete" | "read".
    steps: the engine step ops in execution order, e.g. ("create-replacement", "replace",
      "delete-replaced"), ("import", "update"), ("refresh",).
    changes: the provider's Diff answer ("none" | "some" | "unknown"), None if Diff was not called.
    changed_keys: the keys the CLI shows as changed (the response's `diffs`, or, as the engine
      and its display do when there are none, the top-level keys whose inputs differ).
    replaces: the replace keys (["id"] for a targeted replace or a taint).
    outputs: the recorded outputs; in a preview, the checked inputs (what the engine hands the
      program for providers without preview support).
    error: the error that failed this resource (deployment results only); skipped: its steps
      were skipped because a dependency failed (continue-on-error).
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
    error: Optional[Exception] = None
    skipped: bool = False


@dataclass(frozen=True)
class StepRecord:
    """One executed (or skipped) engine step. `rpcs` are the RPCs made for it: the Check/Diff of
    step generation go with the first step of the registration, then the step's own RPC."""

    op: str
    urn: str
    rpcs: tuple[RpcCall, ...] = ()
    error: Optional[Exception] = None
    skipped: bool = False

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(c.method for c in self.rpcs)


@dataclass(frozen=True)
class DeploymentResult:
    """One deployment: steps in execution order, per-resource results keyed by logical name
    (program resources), every error in the order reported, whether the post steps (deletes)
    ran, and all its RPCs (also those of a registration that failed before any step)."""

    steps: tuple[StepRecord, ...]
    resources: Mapping[str, StepResult]
    errors: tuple[Exception, ...]
    post_steps_ran: bool
    preview: bool = False
    calls: tuple[RpcCall, ...] = ()  # every RPC of the deployment, in order

    def methods(self, urn: str) -> list[str]:
        """The RPCs about one resource, in order."""
        return [c.method for c in self.calls if c.urn == urn]

    @property
    def ok(self) -> bool:
        return not self.errors

    def ops(self, urn: Optional[str] = None) -> list[tuple[str, str]]:
        """(op, urn) of every step, or the ops of one URN."""
        return [(s.op, s.urn) for s in self.steps if urn is None or s.urn == urn]

    def ops_of(self, urn: str) -> list[str]:
        return [s.op for s in self.steps if s.urn == urn and not s.skipped]

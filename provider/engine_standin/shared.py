"""What the parts of one deployment share: its options and context, the step generator's
bookkeeping, the steps step generation hands to step execution, what the program holds for a
registered resource, the error that cancels the deployment, and Check."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from pulumi.dynamic import ResourceProvider

from .client import ProviderClient
from .errors import CheckFailed, EngineError, ProviderError
from .records import ResourceState, RpcCall
from .state import StateTable
from .values import Props

GoalProperties = Callable[[Mapping[str, Any], ResourceProvider], Props]


class Bail(Exception):
    """A step-generation error: the engine reports it and cancels the deployment (no post steps),
    whatever --continue-on-error says (handleSingleEvent returns it to Execute)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class DeployOptions:
    preview: bool = False
    replace: tuple[str, ...] = ()  # --replace URNs
    targets: tuple[str, ...] = ()  # --target URNs
    target_dependents: bool = False
    continue_on_error: bool = False
    engine_sends_inputs: bool = False  # import_(): not engine behaviour, see Engine.import_


class Context:
    """What every part of one deployment works on: the provider client, the state table, the
    options and the base snapshot (`prev`; `olds` are its live resources by URN), and what they
    all add to: the errors in the order reported, every RPC, and whether the deployment stopped."""

    def __init__(self, client: ProviderClient, table: StateTable, options: DeployOptions) -> None:
        self.client = client
        self.table = table
        self.opts = options
        self.preview = options.preview
        self.prev = table.resources()  # the base snapshot; flags are set on these in place, as the engine does
        self.olds = {s.urn: s for s in self.prev if not s.delete}
        self.errors: list[Exception] = []
        self.calls: list[RpcCall] = []  # every RPC this deployment made, in order
        self.stopped = False


@dataclass
class GeneratorState:
    """The step generator's bookkeeping across one deployment's registrations (the fields of
    step_generator.go's stepGenerator, `sg` there and here): the URNs given each kind of step
    so far, skipped creates, replaced resources' deletes, and aliases."""

    targets_actual: set[str]
    urns: set[str] = field(default_factory=set)
    sames: set[str] = field(default_factory=set)
    creates: set[str] = field(default_factory=set)
    updates: set[str] = field(default_factory=set)
    replaces: set[str] = field(default_factory=set)
    deletes: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    skipped_creates: set[str] = field(default_factory=set)
    pending_deletes: set[int] = field(default_factory=set)  # id() of prev states a delete-before-replace deleted
    dependent_replace_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliased: dict[str, str] = field(default_factory=dict)  # old URN -> new URN
    aliases: dict[str, str] = field(default_factory=dict)  # new URN -> old URN


@dataclass
class Step:
    """A generated step (the engine's Step values); `old`/`new` are this deployment's objects."""

    op: str
    urn: str
    old: Optional[ResourceState] = None
    new: Optional[ResourceState] = None
    pending_delete: bool = False  # create-replacement of create-before-delete: mark the old `delete`
    pending_replacement: bool = False  # delete-replaced of delete-before-replace
    untargeted: bool = False
    skipped_create: bool = False


@dataclass
class Registered:
    """What the program holds for a registered resource: its URN, ID and the outputs its
    Outputs resolved to (rpc.resolve_outputs)."""

    urn: str
    id: str
    outputs: Props
    unknown: bool = False  # a skipped create: every output unknown


@dataclass
class Generated:
    """The steps generated for one registration, in execution order."""

    steps: list[Step]
    result: dict[str, Any] = field(default_factory=dict)  # StepResult fields
    imported: bool = False


def check(ctx: Context, new: ResourceState, olds: Props, news: Props, old_outputs: Optional[Props] = None) -> Props:
    """Check; the old outputs go with the old inputs (step_generator.go), else an empty map."""
    try:
        return ctx.client.check(new.urn, new.name, new.type, olds, news, ctx.preview, old_outputs)
    except (CheckFailed, ProviderError, EngineError) as exc:
        raise Bail(exc) from None

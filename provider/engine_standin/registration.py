"""The program's side of each registration: the goal a declaration registers (its Refs resolved
to what the SDK resolves those Outputs to, with the property dependencies they imply) and the
answer it gets back (what its Outputs resolve to), with the per-resource result.

Follows the Python SDK's registration (pulumi/runtime/resource.py, rpc.py resolve_outputs) and
the engine's RegisterResource answer."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, Optional, Union

from . import steps
from .errors import EngineError
from .records import Alias, CustomTimeouts, Declaration, Ref, ResourceState, StepResult
from .shared import Bail, Generated, GoalProperties, Registered
from .values import UNKNOWN, Props, is_unknown


class Registrations:
    """The program's resources by logical name: what it holds for each one registered so far,
    and each one's result."""

    def __init__(self, goal_properties: GoalProperties, *, preview: bool) -> None:
        self.goal_properties = goal_properties
        self.preview = preview
        self.registered: dict[str, Registered] = {}
        self.results: dict[str, StepResult] = {}

    # -- what the program sends --------------------------------------------------------------

    def declared(self, name: str) -> Registered:
        if name not in self.registered:
            raise Bail(EngineError(f"program error: {name!r} is used before it is declared"))
        return self.registered[name]

    def goal(self, decl: Declaration, urn: str, parent: str) -> ResourceState:
        """The resource a declaration registers; its inputs are the goal properties."""
        opts = decl.options
        inputs, property_deps = self._resolve_inputs(decl)
        depends_on = [self.declared(name).urn for name in opts.depends_on]
        dependencies = tuple(dict.fromkeys(depends_on + [u for us in property_deps.values() for u in us]))
        goal = self.goal_properties(inputs, decl.provider) if decl.provider is not None else copy.deepcopy(dict(inputs))
        return ResourceState(
            urn=urn,
            type=decl.type,
            name=decl.name,
            id="",
            inputs=goal,
            outputs={},
            custom_timeouts=CustomTimeouts.parse(opts.custom_timeouts),
            import_id=opts.import_,
            parent=parent,
            dependencies=dependencies,
            property_dependencies=property_deps,
            protect=bool(opts.protect),
            retain_on_delete=bool(opts.retain_on_delete),
            custom=decl.provider is not None,
            replacement_trigger=opts.replacement_trigger,
            ignore_changes=tuple(opts.ignore_changes),
        )

    def _resolve_inputs(self, decl: Declaration) -> tuple[Props, dict[str, tuple[str, ...]]]:
        """Each Ref becomes the value the program's Output resolves to; the keys holding Refs get
        property dependencies (the SDK's propertyDependencies)."""
        deps: dict[str, tuple[str, ...]] = {}

        def resolve(value: Any, key: str) -> Any:
            if isinstance(value, Ref):
                target = self.declared(value.resource)
                deps[key] = tuple(dict.fromkeys(deps.get(key, ()) + (target.urn,)))
                return self._output_value(target, value.key)
            if isinstance(value, dict):
                return {k: resolve(v, key) for k, v in value.items()}
            if isinstance(value, list):
                return [resolve(v, key) for v in value]
            return value

        resolved = {k: resolve(v, k) for k, v in decl.inputs.items()}
        return {k: v for k, v in resolved.items() if v is not None}, deps

    def _output_value(self, target: Registered, key: str) -> Any:
        """rpc.resolve_outputs / resolve_properties: in a preview a value the engine did not
        give back (or gave back unknown) is unknown; outside one it is None."""
        if target.unknown:
            return UNKNOWN
        if key == "urn":
            return target.urn
        if key == "id":
            return target.id or (UNKNOWN if self.preview else None)
        value = target.outputs.get(key)
        if value is None and self.preview:
            return UNKNOWN
        return copy.deepcopy(value)

    def alias_with_parent_urn(self, alias: Union[Alias, str]) -> Union[Alias, str]:
        if isinstance(alias, str) or not alias.parent or alias.parent.startswith("urn:"):
            return alias
        return dataclasses.replace(alias, parent=self.declared(alias.parent).urn)

    # -- what the program sees ---------------------------------------------------------------

    def publish(
        self, decl: Declaration, new: ResourceState, generated: Generated, errored: bool, error: Optional[Exception], *, skipped: bool
    ) -> None:
        """RegisterResource's answer to the program and the per-resource result."""
        ops = [s.op for s in generated.steps]
        skipped_create = any(s.skipped_create for s in generated.steps)
        final = self._final_state(new, generated)
        self.registered[decl.name] = Registered(
            urn=new.urn,
            id="" if (errored or skipped_create) else final.id,
            outputs={} if errored else self._visible_outputs(final),
            unknown=skipped_create,
        )
        op = _summary_op(ops, generated.imported)
        self.results[decl.name] = StepResult(
            op=op,
            urn=new.urn,
            id=(final.id or None) if not errored else None,
            steps=tuple(ops),
            inputs=copy.deepcopy(final.inputs),
            outputs=copy.deepcopy(final.outputs),
            preview=self.preview,
            error=error,
            skipped=skipped,
            **generated.result,
        )

    def _final_state(self, new: ResourceState, generated: Generated) -> ResourceState:
        read = [s.new for s in generated.steps if s.op in (steps.OP_READ, steps.OP_READ_REPLACEMENT)]
        if read and read[0] is not None:
            return read[0]
        untargeted = [s for s in generated.steps if s.untargeted]
        if untargeted:
            assert untargeted[0].new is not None
            return untargeted[0].new
        if generated.imported and not any(s.op in (steps.OP_UPDATE,) for s in generated.steps):
            imported = [s.new for s in generated.steps if s.op == steps.OP_IMPORT]
            if imported and imported[0] is not None:
                return imported[0]
        return new

    def _visible_outputs(self, state: ResourceState) -> Props:
        """resolve_outputs: the engine's outputs, then (outside a preview) the inputs the SDK
        sent for keys the engine did not return."""
        outputs = copy.deepcopy(state.outputs)
        if self.preview:
            return {k: v for k, v in outputs.items() if not is_unknown(v)}
        for key, value in state.inputs.items():
            outputs.setdefault(key, copy.deepcopy(value))
        return outputs


def _summary_op(ops: list[str], imported: bool) -> str:
    if imported:
        return "import"
    for op in (steps.OP_READ_REPLACEMENT, steps.OP_READ):
        if op in ops:
            return "read"
    if steps.OP_REPLACE in ops:
        return "replace"
    for op in (steps.OP_CREATE, steps.OP_UPDATE):
        if op in ops:
            return op
    return "same"

"""The steps of a registration whose old resource the program registers again: from the
Diff's answer, a same, an update or a replace (create-before-delete, or delete-before-replace
with the old dependents it replaces).

Follows pkg/resource/deploy/step_generator.go (generateStepsFromDiff, continueStepsFromDiff,
diff, calculateDependentReplacements); the pure decisions are in `steps`."""

from __future__ import annotations

from typing import Any

from . import graph, steps
from .client import Diff
from .errors import EngineError, ProviderError
from .records import Declaration, ResourceState
from .shared import Bail, Context, Generated, GeneratorState, Step, check
from .values import UNKNOWN, Props, changed_keys, contains_unknowns


def steps_from_diff(
    ctx: Context,
    sg: GeneratorState,
    old: ResourceState,
    new: ResourceState,
    goal: Props,
    decl: Declaration,
    *,
    targeted_replace: bool,
    imported: bool,
) -> Generated:
    """generateStepsFromDiff + continueStepsFromDiff."""
    urn = new.urn
    if not ctx.preview and contains_unknowns(new.replacement_trigger):
        raise Bail(EngineError(f"replacement trigger contains unknowns for {urn}", urn))
    triggered = steps.should_trigger_replace(new.replacement_trigger, old.replacement_trigger)
    diff = _diff(ctx, old, new, triggered, targeted_replace)
    decision = steps.decide(
        some=diff.some,
        replaces=diff.replaces,
        provider_dbr=diff.delete_before_replace,
        option_dbr=decl.options.delete_before_replace,
        triggered=triggered,
        pending_replacement=old.pending_replacement,
        targeted_replace=targeted_replace,
    )
    info: dict[str, Any] = {
        "changes": diff.changes if diff.changes != "engine" else None,
        "changed_keys": diff.changed_keys,
        "replaces": diff.replaces,
    }
    if decision.kind == "same":
        if imported:  # the imported state stays as it is
            return Generated([], info)
        sg.sames.add(urn)
        return Generated([Step(steps.OP_SAME, urn, old, new)], info)
    if decision.kind == "update":
        sg.updates.add(urn)
        return Generated([Step(steps.OP_UPDATE, urn, old, new)], info)
    return _replace_steps(ctx, sg, old, new, goal, decision, info)


def _diff(ctx: Context, old: ResourceState, new: ResourceState, triggered: bool, targeted_replace: bool) -> Diff:
    """sg.diff: a changed trigger is "some" with no keys and no Diff RPC; a targeted replace
    "some" blaming "id"; a component compares inputs; else the provider's Diff."""
    if triggered:
        return Diff("engine", True, (), False, ())
    if targeted_replace:
        return Diff("engine", True, ("id",), False, ())
    if not new.custom:
        keys = tuple(changed_keys(old.inputs, new.inputs))
        return Diff("engine", bool(keys), (), False, keys)
    try:
        return ctx.client.diff(old, new.inputs, ctx.preview, new.ignore_changes)
    except (ProviderError, EngineError) as exc:
        raise Bail(exc) from None


def _replace_steps(
    ctx: Context,
    sg: GeneratorState,
    old: ResourceState,
    new: ResourceState,
    goal: Props,
    decision: steps.Decision,
    info: dict[str, Any],
) -> Generated:
    urn = new.urn
    warnings: list[str] = []
    if new.protect and old.protect:
        error = EngineError(steps.protect_replace_message(urn), urn)
        if not ctx.preview:
            raise Bail(error)
        ctx.errors.append(error)  # a preview reports it and goes on
    if new.import_id:
        message = steps.imported_replace_message(decision.replaces, old.inputs, new.inputs)
        if not ctx.preview:
            raise Bail(EngineError(message, urn))
        warnings.append(message)
    sg.replaces.add(urn)
    if decision.recheck and new.custom:
        new.inputs = check(ctx, new, {}, goal)
    info.update(delete_before_replace=decision.delete_before_replace, warnings=tuple(warnings))
    if not decision.delete_before_replace:
        return Generated(
            [
                Step(steps.OP_CREATE_REPLACEMENT, urn, old, new, pending_delete=True),
                Step(steps.OP_REPLACE, urn, old, new),
            ],
            info,
        )
    generated: list[Step] = []
    for dependent, keys in reversed(dependent_replacements(ctx, sg, old)):
        if id(dependent) in sg.pending_deletes:
            continue
        sg.dependent_replace_keys[dependent.urn] = keys
        if dependent.delete:
            generated.append(Step(steps.OP_DELETE, dependent.urn, dependent, None))
        else:
            if dependent.protect:
                raise Bail(EngineError(steps.protect_dependent_replace_message(dependent.urn, urn), urn))
            generated.append(Step(steps.OP_DELETE_REPLACED, dependent.urn, dependent, None, pending_replacement=True))
        sg.deletes.add(dependent.urn)
        sg.pending_deletes.add(id(dependent))
    if not old.pending_replacement:
        sg.deletes.add(urn)
        generated.append(Step(steps.OP_DELETE_REPLACED, urn, old, None, pending_replacement=True))
    generated += [Step(steps.OP_REPLACE, urn, old, new), Step(steps.OP_CREATE_REPLACEMENT, urn, old, new)]
    return Generated(generated, info)


def dependent_replacements(
    ctx: Context, sg: GeneratorState, root: ResourceState
) -> list[tuple[ResourceState, tuple[str, ...]]]:
    """calculateDependentReplacements: the old dependents (not yet registered in this
    deployment) that a change of their property dependencies would replace, asked of the
    provider by a Diff whose dependent properties are unknown."""
    if not any(r is root for r in ctx.prev):
        return []
    impossible = sg.reads | sg.creates | sg.sames | sg.updates | sg.deletes | sg.replaces
    replace_set = {root.urn}
    found: list[tuple[ResourceState, tuple[str, ...]]] = []
    for dependent in graph.depending_on(ctx.prev, root, impossible, include_children=False):
        if not dependent.custom or dependent.external:
            continue
        diff_inputs = {
            key: (UNKNOWN if any(u in replace_set for u in dependent.property_dependencies.get(key, ())) else value)
            for key, value in dependent.inputs.items()
        }
        if diff_inputs == dependent.inputs:
            continue
        try:
            diff = ctx.client.diff(dependent, diff_inputs, True, dependent.ignore_changes)
        except (ProviderError, EngineError) as exc:
            raise Bail(exc) from None
        if diff.replace:
            found.append((dependent, diff.replaces))
            replace_set.add(dependent.urn)
    return found

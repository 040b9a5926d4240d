"""The post steps of a deployment, once every registration is done: the deletes of replaced
resources and of resources the program no longer registers (with --target, of the targets
only), those that depend on others first; an errored step's dependencies are kept.

Follows pkg/resource/deploy/deployment_executor.go (performPostSteps) and step_generator.go
(GenerateDeletes, ScheduleDeletes, determineAllowedResourcesToDeleteFromTargets)."""

from __future__ import annotations

from . import graph, steps
from .diff_steps import dependent_replacements
from .errors import EngineError
from .execution import StepExecutor
from .records import ResourceState
from .shared import Bail, Context, GeneratorState, Step


def perform_post_steps(ctx: Context, sg: GeneratorState, executor: StepExecutor) -> None:
    """performPostSteps -> GenerateDeletes -> ScheduleDeletes: the untargeted sames are
    recorded, then the deletes run in rounds, dependents first; the dependencies of errored
    steps are skipped."""
    sames, deletes = _generate_deletes(ctx, sg)
    for step in sames:
        executor.record(step)
    for round_ in graph.antichains(ctx.prev, [s.old for s in deletes if s.old is not None]):
        if ctx.stopped:
            return
        protected = _errored_dependencies(ctx, executor)
        for res in round_:
            step = next(s for s in deletes if s.old is res)
            if any(res is p for p in protected):
                executor.record(step, skipped=True)
                continue
            executor.execute(step)


def _generate_deletes(ctx: Context, sg: GeneratorState) -> tuple[list[Step], list[Step]]:
    """GenerateDeletes: replaced resources (`delete`) get delete-replaced steps, resources the
    program no longer registers delete steps (or remove-pending-replace); with --target
    only the targets (and what replacing them implies) are deleted, the rest get untargeted
    same steps; deleting an untargeted resource is an error."""
    allowed = _allowed_deletes(ctx, sg) if ctx.opts.targets else None
    sames: list[Step] = []
    deletes: list[Step] = []
    for res in ctx.prev:
        if allowed is not None and res.urn not in allowed:
            if not res.delete and not _operated_on(sg, res.urn):
                sames.append(Step(steps.OP_SAME, res.urn, res, res.copy(), untargeted=True))
            continue
        if res.delete:
            if id(res) in sg.pending_deletes:
                continue
            sg.deletes.add(res.urn)
            deletes.append(Step(steps.OP_DELETE_REPLACED, res.urn, res, None))
        elif not _operated_on(sg, res.urn):
            sg.deletes.add(res.urn)
            op = steps.OP_REMOVE_PENDING_REPLACE if res.pending_replacement else steps.OP_DELETE
            deletes.append(Step(op, res.urn, res, None))
    if ctx.opts.targets and not ctx.opts.target_dependents:
        untargeted = [s for s in deletes if s.urn not in ctx.opts.targets]
        for step in untargeted:
            ctx.errors.append(EngineError(steps.untargeted_delete_message(step.urn), step.urn))
        if untargeted and not ctx.preview:
            raise Bail(EngineError("delete untargeted resource"))
    return sames, deletes


def _allowed_deletes(ctx: Context, sg: GeneratorState) -> set[str]:
    """determineAllowedResourcesToDeleteFromTargets: the targets, their dependents and
    children (getTargetDependents), and what a delete-before-replace of them would replace."""
    frontier = [r for r in ctx.prev if r.urn in ctx.opts.targets]
    seen: set[str] = set()
    while frontier:
        current = frontier.pop(0)
        if current.urn in seen:
            continue
        seen.add(current.urn)
        frontier += graph.depending_on(ctx.prev, current, seen, include_children=True)
    allowed: set[str] = set()
    for urn in seen:
        for current in [r for r in ctx.prev if r.urn == urn]:
            allowed.add(urn)
            allowed |= {d.urn for d, _ in dependent_replacements(ctx, sg, current)}
    return allowed


def _operated_on(sg: GeneratorState, urn: str) -> bool:
    """isOperatedOn (deletes deliberately not counted)."""
    urn = sg.aliased.get(urn, urn)
    return urn in sg.sames or urn in sg.updates or urn in sg.replaces or urn in sg.reads


def _errored_dependencies(ctx: Context, executor: StepExecutor) -> list[ResourceState]:
    """performPostSteps: the transitive dependencies (in the base snapshot's graph) of every
    errored step's resource and old resource are not deleted."""
    found: list[ResourceState] = []
    for step in executor.errored:
        for res in (step.new, step.old):
            if res is not None and any(res is r for r in ctx.prev):
                found += graph.transitive_dependencies_of(ctx.prev, res)
    return found

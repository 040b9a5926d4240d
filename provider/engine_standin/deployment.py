"""One deployment (`pulumi up` / `pulumi preview`) of a program: step generation per resource
in program order, step execution, and the post steps (deletes).

Follows pkg/resource/deploy/deployment_executor.go (Execute, handleSingleEvent,
performPostSteps), step_generator.go (generateSteps .. continueStepsFromDiff, GenerateDeletes,
ScheduleDeletes, calculateDependentReplacements) and step.go (each step's Apply); the pure
decisions are in `steps`."""

from __future__ import annotations

from collections.abc import Sequence

from . import graph, steps
from .client import ProviderClient
from .diff_steps import dependent_replacements
from .errors import EngineError
from .execution import StepExecutor
from .generation import StepGenerator
from .records import Declaration, DeploymentResult, ResourceState
from .registration import Registrations
from .shared import Bail, Context, DeployOptions, GeneratorState, GoalProperties, Step
from .state import StateTable


class Deployment:
    def __init__(
        self,
        client: ProviderClient,
        table: StateTable,
        *,
        stack: str,
        project: str,
        goal_properties: GoalProperties,
        options: DeployOptions,
    ) -> None:
        self.ctx = Context(client, table, options)
        self.registrations = Registrations(goal_properties, preview=options.preview)
        self.executor = StepExecutor(self.ctx, self.registrations)
        self.sg = GeneratorState(targets_actual=set(options.targets))
        self.generator = StepGenerator(self.ctx, self.sg, self.registrations, stack=stack, project=project)

    # ==========================================================================================
    # Execute

    def run(self, program: Sequence[Declaration]) -> DeploymentResult:
        with self.ctx.client.capture(self.ctx.calls):
            return self._run(program)

    def _run(self, program: Sequence[Declaration]) -> DeploymentResult:
        self._check_targets(self.ctx.opts.replace, news=False)
        for decl in program:
            if self.ctx.stopped:
                break
            try:
                new, generated, first_rpc = self.generator.generate_steps(decl)
                self.executor.execute_registration(decl, new, generated, first_rpc)
            except Bail as bail:
                self._fail(bail.error)
        post_steps_ran = False
        if not self.ctx.stopped:
            post_steps_ran = True
            try:
                self._post_steps()
            except Bail as bail:
                self._fail(bail.error)
            self._check_targets(self.ctx.opts.targets, news=True)
        return DeploymentResult(
            tuple(self.executor.records),
            dict(self.registrations.results),
            tuple(self.ctx.errors),
            post_steps_ran,
            self.ctx.preview,
            tuple(self.ctx.calls),
        )

    def _fail(self, error: Exception) -> None:
        self.ctx.errors.append(error)
        self.ctx.stopped = True

    def _check_targets(self, targets: Sequence[str], *, news: bool) -> None:
        """deployment_executor.go checkTargets."""
        known = {s.urn for s in self.ctx.prev} | (self.sg.urns if news else set())
        if any(t not in known for t in targets):
            self._fail(EngineError("one or more targets could not be found in the stack"))

    # ==========================================================================================
    # Post steps: performPostSteps -> GenerateDeletes -> ScheduleDeletes

    def _post_steps(self) -> None:
        sames, deletes = self._generate_deletes()
        for step in sames:
            self.executor.record(step, None)
        for round_ in graph.antichains(self.ctx.prev, [s.old for s in deletes if s.old is not None]):
            if self.ctx.stopped:
                return
            protected = self._errored_dependencies()
            for res in round_:
                step = next(s for s in deletes if s.old is res)
                if any(res is p for p in protected):
                    self.executor.record(step, None, skipped=True)
                    continue
                self.executor.execute(step, None)

    def _generate_deletes(self) -> tuple[list[Step], list[Step]]:
        """GenerateDeletes: replaced resources (`delete`) get delete-replaced steps, resources the
        program no longer registers delete steps (or remove-pending-replace); with --target
        only the targets (and what replacing them implies) are deleted, the rest get untargeted
        same steps; deleting an untargeted resource is an error."""
        allowed = self._allowed_deletes() if self.ctx.opts.targets else None
        sames: list[Step] = []
        deletes: list[Step] = []
        for res in self.ctx.prev:
            if allowed is not None and res.urn not in allowed:
                if not res.delete and not self._operated_on(res.urn):
                    sames.append(Step(steps.OP_SAME, res.urn, res, res.copy(), untargeted=True))
                continue
            if res.delete:
                if id(res) in self.sg.pending_deletes:
                    continue
                self.sg.deletes.add(res.urn)
                deletes.append(Step(steps.OP_DELETE_REPLACED, res.urn, res, None))
            elif not self._operated_on(res.urn):
                self.sg.deletes.add(res.urn)
                op = steps.OP_REMOVE_PENDING_REPLACE if res.pending_replacement else steps.OP_DELETE
                deletes.append(Step(op, res.urn, res, None))
        if self.ctx.opts.targets and not self.ctx.opts.target_dependents:
            untargeted = [s for s in deletes if s.urn not in self.ctx.opts.targets]
            for step in untargeted:
                self.ctx.errors.append(EngineError(steps.untargeted_delete_message(step.urn), step.urn))
            if untargeted and not self.ctx.preview:
                raise Bail(EngineError("delete untargeted resource"))
        return sames, deletes

    def _allowed_deletes(self) -> set[str]:
        """determineAllowedResourcesToDeleteFromTargets: the targets, their dependents and
        children (getTargetDependents), and what a delete-before-replace of them would replace."""
        frontier = [r for r in self.ctx.prev if r.urn in self.ctx.opts.targets]
        seen: set[str] = set()
        while frontier:
            current = frontier.pop(0)
            if current.urn in seen:
                continue
            seen.add(current.urn)
            frontier += graph.depending_on(self.ctx.prev, current, seen, include_children=True)
        allowed: set[str] = set()
        for urn in seen:
            for current in [r for r in self.ctx.prev if r.urn == urn]:
                allowed.add(urn)
                allowed |= {d.urn for d, _ in dependent_replacements(self.ctx, self.sg, current)}
        return allowed

    def _operated_on(self, urn: str) -> bool:
        """isOperatedOn (deletes deliberately not counted)."""
        urn = self.sg.aliased.get(urn, urn)
        return urn in self.sg.sames or urn in self.sg.updates or urn in self.sg.replaces or urn in self.sg.reads

    def _errored_dependencies(self) -> list[ResourceState]:
        """performPostSteps: the transitive dependencies (in the base snapshot's graph) of every
        errored step's resource and old resource are not deleted."""
        found: list[ResourceState] = []
        for step in self.executor.errored:
            for res in (step.new, step.old):
                if res is not None and any(res is r for r in self.ctx.prev):
                    found += graph.transitive_dependencies_of(self.ctx.prev, res)
        return found

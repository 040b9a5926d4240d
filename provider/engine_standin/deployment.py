"""One deployment (`pulumi up` / `pulumi preview`) of a program: step generation per resource
in program order, step execution, and the post steps (deletes).

Follows pkg/resource/deploy/deployment_executor.go (Execute, handleSingleEvent,
performPostSteps), step_generator.go (generateSteps .. continueStepsFromDiff, GenerateDeletes,
ScheduleDeletes, calculateDependentReplacements) and step.go (each step's Apply); the pure
decisions are in `steps`."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import Any, Optional

from . import graph, steps
from .client import ProviderClient
from .diff_steps import dependent_replacements, steps_from_diff
from .errors import EngineError, ProviderError
from .execution import StepExecutor
from .records import CustomTimeouts, Declaration, DeploymentResult, ResourceState
from .registration import Registrations
from .shared import Bail, Context, DeployOptions, Generated, GeneratorState, GoalProperties, Step, check
from .state import StateTable
from .values import Props, process_ignore_changes


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
        self.stack = stack
        self.project = project
        self.registrations = Registrations(goal_properties, preview=options.preview)
        self.executor = StepExecutor(self.ctx, self.registrations)
        self.sg = GeneratorState(targets_actual=set(options.targets))

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
                self._register(decl)
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
    # Registration: generateSteps -> continueStepsFromRefresh -> continueStepsFromImport

    def _register(self, decl: Declaration) -> None:
        parent = self._parent_urn(decl)
        urn = steps.make_urn(self.stack, self.project, parent, decl.type, decl.name)
        if urn in self.sg.urns:
            raise Bail(EngineError(f"Duplicate resource URN '{urn}'; try giving it a unique name", urn))
        self.sg.urns.add(urn)
        new = self.registrations.goal(decl, urn, parent)
        goal = new.inputs  # the goal properties; Check's answer replaces new.inputs
        old = self._old_resource(urn, decl, parent)
        if old is not None:
            new = dataclasses.replace(new, key=old.key)
        first_rpc = len(self.ctx.calls)
        self._validate([Step(steps.OP_CREATE, urn, None, new)])  # before Check, see the package docstring
        if decl.options.id is not None:
            generated = self._read_steps(decl, old, new, decl.options.id)
        else:
            generated = self._generate(decl, old, new, goal)
        self._validate(generated.steps)
        self.executor.execute_registration(decl, new, generated, first_rpc)

    def _parent_urn(self, decl: Declaration) -> str:
        """checkParent: a parent must have been registered already."""
        parent = decl.options.parent
        if parent is None:
            return ""
        if parent.startswith("urn:"):
            if parent not in self.sg.urns:
                raise Bail(EngineError(f"could not find parent resource {parent}"))
            return parent
        return self.registrations.declared(parent).urn

    def _old_resource(self, urn: str, decl: Declaration, parent: str) -> Optional[ResourceState]:
        """getOldResource: look up the URN, then each alias; an alias found is recorded so the
        old state is not deleted and children inherit it."""
        aliases = [self.registrations.alias_with_parent_urn(a) for a in decl.options.aliases]
        candidates = [urn] + steps.generate_aliases(
            aliases, decl.name, decl.type, parent, self.sg.aliases, self.project, self.stack
        )
        for candidate in candidates:
            old = self.ctx.olds.get(candidate)
            if old is None:
                continue
            if candidate != urn:
                if candidate in self.sg.urns or candidate in self.sg.aliased:
                    raise Bail(
                        EngineError(
                            f"Duplicate resource alias '{candidate}' applied to resource with URN '{urn}' "
                            f"conflicting with resource with URN '{self.sg.aliased.get(candidate, candidate)}'",
                            urn,
                        )
                    )
                self.sg.aliased[candidate] = urn
                self.sg.aliases[urn] = candidate
            return old
        return None

    # -- step generation ---------------------------------------------------------------------

    def _generate(self, decl: Declaration, old: Optional[ResourceState], new: ResourceState, goal: Props) -> Generated:
        urn = new.urn
        recreating = urn in self.sg.deletes
        imported = False
        result: dict[str, Any] = {}
        import_steps: list[Step] = []
        if new.custom and self._is_import(new, old):
            if old is not None and not recreating:
                raise Bail(EngineError("stand-in: import over an existing resource (import-replacement) is not modelled", urn))
            old = self._import(decl, new, goal)
            import_steps = [Step(steps.OP_IMPORT, urn, None, old)]
            imported = True

        inputs = goal
        if old is not None:
            inputs, _ = process_ignore_changes(goal, old.inputs, list(new.ignore_changes))
        was_external = old is not None and old.external
        targeted = self._included(new)
        targeted_replace = self._targeted_replace(urn, old)
        if new.custom:
            if not targeted:
                new.inputs = copy.deepcopy(old.inputs) if old is not None else {}
            elif steps.check_without_olds(
                old_exists=old is not None, recreating=recreating, was_external=was_external, targeted_replace=targeted_replace
            ):
                new.inputs = check(self.ctx, new, {}, goal)
            else:
                assert old is not None
                new.inputs = check(self.ctx, new, old.inputs, inputs)
        else:
            new.inputs = inputs

        if recreating:
            assert old is not None
            self.sg.deletes.discard(urn)
            self.sg.replaces.add(urn)
            keys = self.sg.dependent_replace_keys.get(urn, ())
            return Generated(
                [Step(steps.OP_REPLACE, urn, old, new), Step(steps.OP_CREATE_REPLACEMENT, urn, old, new)],
                {"replaces": keys},
            )
        if was_external:
            self.sg.creates.add(urn)
            return Generated(
                [Step(steps.OP_CREATE_REPLACEMENT, urn, old, new, pending_delete=True), Step(steps.OP_REPLACE, urn, old, new)]
            )
        if targeted and self._targeted_for_update(new):
            self.sg.targets_actual.add(urn)
        if old is not None:
            if not targeted:
                self.sg.sames.add(urn)
                kept = old.copy()
                return Generated([Step(steps.OP_SAME, urn, old, kept, untargeted=True)])
            generated = steps_from_diff(
                self.ctx, self.sg, old, new, goal, decl, targeted_replace=targeted_replace, imported=imported
            )
            generated.steps = import_steps + generated.steps
            generated.imported = imported
            return generated
        if not targeted:
            self.sg.sames.add(urn)
            self.sg.skipped_creates.add(urn)
            return Generated([Step(steps.OP_SAME, urn, None, new, skipped_create=True)])
        self.sg.creates.add(urn)
        return Generated([Step(steps.OP_CREATE, urn, None, new)], result)

    def _is_import(self, new: ResourceState, old: Optional[ResourceState]) -> bool:
        if not new.import_id:
            return False
        return old is None or old.external or (old.import_id or old.id) != new.import_id

    def _read_steps(self, decl: Declaration, old: Optional[ResourceState], new: ResourceState, id_: str) -> Generated:
        """GenerateReadSteps: Read(id) with the program's properties; a managed resource of the
        same URN and another ID is read-replaced (and deleted at the end)."""
        urn = new.urn
        external = dataclasses.replace(new, id=id_, external=True, custom_timeouts=CustomTimeouts(), import_id=None)
        if old is not None and not old.external and old.id != id_:
            self.sg.replaces.add(urn)
            return Generated(
                [
                    Step(steps.OP_READ_REPLACEMENT, urn, old, external, pending_delete=True),
                    Step(steps.OP_REPLACE, urn, old, external),
                ]
            )
        self.sg.reads.add(urn)
        return Generated([Step(steps.OP_READ, urn, old, external)])

    def _import(self, decl: Declaration, new: ResourceState, goal: Props) -> ResourceState:
        """ImportStep.Apply: Read(id) with no properties and no inputs (unless the opt-in
        deviation sends the program's)."""
        assert new.import_id is not None
        sent = goal if self.ctx.opts.engine_sends_inputs else None
        try:
            response = self.ctx.client.read(new.urn, new.name, new.type, new.import_id, sent, sent, new.custom_timeouts.read)
        except ProviderError as exc:
            raise Bail(exc) from None
        if not response.HasField("properties"):
            raise Bail(EngineError(f"resource '{new.import_id}' does not exist", new.urn))
        if not response.HasField("inputs"):
            raise Bail(
                EngineError(
                    "provider does not support importing resources; please try updating the 'pulumi-python' plugin",
                    new.urn,
                )
            )
        outputs = self.ctx.client.unmarshal(response.properties, allow_unknowns=False, label=f"Read({new.urn})")
        inputs = self.ctx.client.unmarshal(response.inputs, allow_unknowns=False, label=f"Read({new.urn})")
        return dataclasses.replace(new, id=response.id or new.import_id, inputs=inputs, outputs=outputs)

    # -- targets -----------------------------------------------------------------------------

    def _included(self, new: ResourceState) -> bool:
        """isIncludedInOperation / isTargetedForUpdate."""
        if not self.ctx.opts.targets:
            return True
        return self._targeted_for_update(new)

    def _targeted_for_update(self, res: ResourceState) -> bool:
        if res.urn in self.ctx.opts.targets:
            return True
        return self.ctx.opts.target_dependents and any(u in self.sg.targets_actual for u in res.all_dependencies())

    def _targeted_replace(self, urn: str, old: Optional[ResourceState]) -> bool:
        """isTargetedReplace: --replace, or tainted in the old state."""
        return urn in self.ctx.opts.replace or (old is not None and old.taint)

    def _validate(self, generated: list[Step]) -> None:
        """validateSteps: in a targeted deployment, a step may not depend on a skipped create."""
        if not (self.ctx.opts.targets or self.ctx.opts.replace):
            return
        for step in generated:
            if step.new is None or step.skipped_create:
                continue
            for dep in step.new.all_dependencies():
                if dep in self.sg.skipped_creates:
                    error = EngineError(steps.untargeted_create_message(step.urn, dep), step.urn)
                    if not self.ctx.preview:
                        raise Bail(error)
                    self.ctx.errors.append(error)
                    self.sg.skipped_creates.discard(dep)

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

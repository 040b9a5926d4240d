"""Step generation for each registration, in program order: its URN and old resource (by URN
or alias), Check, then a create, a read of an external resource, an import, a same of an
untargeted resource, or the steps from a Diff (`diff_steps`); with --target or --replace,
which registrations are included and which steps are refused.

Follows pkg/resource/deploy/step_generator.go (generateSteps, continueStepsFromRefresh,
continueStepsFromImport, GenerateReadSteps, isIncludedInOperation, isTargetedReplace,
validateSteps) and step.go ImportStep.Apply; the pure decisions are in `steps`."""

from __future__ import annotations

import copy
import dataclasses
from typing import Optional

from . import steps
from .diff_steps import steps_from_diff
from .errors import EngineError, ProviderError
from .records import CustomTimeouts, Declaration, ResourceState
from .registration import Registrations
from .shared import Bail, Context, Generated, GeneratorState, Step, check
from .values import Props, process_ignore_changes


class StepGenerator:
    """Generates the steps of one deployment's registrations."""

    def __init__(self, ctx: Context, sg: GeneratorState, registrations: Registrations, *, stack: str, project: str) -> None:
        self.ctx = ctx
        self.sg = sg
        self.registrations = registrations
        self.stack = stack
        self.project = project

    def generate_steps(self, decl: Declaration) -> tuple[ResourceState, Generated]:
        """generateSteps -> continueStepsFromRefresh -> continueStepsFromImport for one
        registration: its goal state and its steps."""
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
        self._validate([Step(steps.OP_CREATE, urn, None, new)])  # before Check, see the package docstring
        if decl.options.id is not None:
            generated = self._read_steps(old, new, decl.options.id)
        else:
            generated = self._generate(decl, old, new, goal)
        self._validate(generated.steps)
        return new, generated

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
        import_steps: list[Step] = []
        if new.custom and self._is_import(new, old):
            if old is not None and not recreating:
                raise Bail(EngineError("stand-in: import over an existing resource (import-replacement) is not modelled", urn))
            old = self._import(new, goal)
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
                new.inputs = check(self.ctx, new, old.inputs, inputs, old.outputs)
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
        return Generated([Step(steps.OP_CREATE, urn, None, new)])

    def _is_import(self, new: ResourceState, old: Optional[ResourceState]) -> bool:
        if not new.import_id:
            return False
        return old is None or old.external or (old.import_id or old.id) != new.import_id

    def _read_steps(self, old: Optional[ResourceState], new: ResourceState, id_: str) -> Generated:
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

    def _import(self, new: ResourceState, goal: Props) -> ResourceState:
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

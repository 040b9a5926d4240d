"""Step execution: each step's Apply, in program order, and the state-table mutation that
records it; a resource whose dependency errored or was skipped gets its steps skipped.

Follows pkg/resource/deploy/step.go (each step's Apply), step_executor.go (cancelDueToError)
and deployment_executor.go handleSingleEvent."""

from __future__ import annotations

import copy
import dataclasses
from typing import Optional

from . import steps
from .errors import EngineError, ProtectedError, ProviderError
from .records import Declaration, ResourceState, StepRecord
from .registration import Registrations
from .shared import Context, Generated, Step
from .values import annotate_secrets


class StepExecutor:
    """Executes one deployment's steps and records each with the RPCs made for it."""

    def __init__(self, ctx: Context, registrations: Registrations) -> None:
        self.ctx = ctx
        self.registrations = registrations
        self.skipped: set[str] = set()  # URNs of errored or skipped steps (handleSingleEvent)
        self.errored: list[Step] = []
        self.records: list[StepRecord] = []
        self._recorded = 0

    def execute_registration(self, decl: Declaration, new: ResourceState, generated: Generated) -> None:
        """handleSingleEvent: skip the steps of a resource whose dependency errored or was skipped
        (continue-on-error), else execute them in order; then resolve the program's view."""
        skip = any(u in self.skipped for u in new.all_dependencies())
        errored = skip
        error: Optional[Exception] = None
        for step in generated.steps:
            if skip:
                self.skipped.add(step.urn)
                self.record(step, skipped=True)
                continue
            error = self.execute(step)
            if error is not None:
                errored = True
                break
        self.registrations.publish(decl, new, generated, errored, error, skipped=skip)

    def execute(self, step: Step) -> Optional[Exception]:
        try:
            self._apply(step)
        except (ProviderError, EngineError) as exc:
            self.record(step, error=exc)
            self.ctx.errors.append(exc)
            self.skipped.add(step.urn)
            # stepExecutor.cancelDueToError: deleteProtectedError always continues.
            if self.ctx.opts.continue_on_error or isinstance(exc, ProtectedError):
                self.errored.append(step)
            else:
                self.ctx.stopped = True  # stepExecutor.cancelDueToError: cancel the deployment
            return exc
        self.record(step)
        return None

    def record(self, step: Step, *, error: Optional[Exception] = None, skipped: bool = False) -> None:
        """Record a step with the RPCs this deployment made since the last record."""
        rpcs = tuple(self.ctx.calls[self._recorded:])
        self._recorded = len(self.ctx.calls)
        self.records.append(StepRecord(step.op, step.urn, rpcs, error, skipped))

    def _apply(self, step: Step) -> None:
        """Each step's Apply and the snapshot mutation that records it."""
        op = step.op
        if op == steps.OP_SAME:
            self._apply_same(step)
        elif op in (steps.OP_CREATE, steps.OP_CREATE_REPLACEMENT):
            self._apply_create(step)
        elif op == steps.OP_UPDATE:
            self._apply_update(step)
        elif op in (steps.OP_DELETE, steps.OP_DELETE_REPLACED):
            self._apply_delete(step)
        elif op == steps.OP_REMOVE_PENDING_REPLACE:
            if not self.ctx.preview:
                assert step.old is not None
                self.ctx.table.remove(step.old.key)
        elif op in (steps.OP_READ, steps.OP_READ_REPLACEMENT):
            self._apply_read(step)
        elif op == steps.OP_IMPORT:
            if not self.ctx.preview:
                assert step.new is not None
                step.new.key = self.ctx.table.put(step.new).key
        # OP_REPLACE is logical: nothing to do

    def _apply_same(self, step: Step) -> None:
        """SameStep: keep the old ID and outputs (an untargeted same keeps the old state whole;
        a skipped create records nothing)."""
        if step.skipped_create or step.untargeted:
            return
        assert step.old is not None and step.new is not None
        step.new.id, step.new.outputs = step.old.id, copy.deepcopy(step.old.outputs)
        if not self.ctx.preview:
            step.new.key = self.ctx.table.put(step.new).key

    def _apply_create(self, step: Step) -> None:
        """CreateStep: Create (not sent in a preview or for a component: the outputs are the
        inputs); a create-before-delete marks the old resource `delete`; the
        pending-replacement old of a delete-before-replace leaves the state."""
        new = step.new
        assert new is not None
        if new.custom and not self.ctx.preview:
            new.id, new.outputs = self.ctx.client.create(new.urn, new.name, new.type, new.inputs, new.custom_timeouts.create)
        else:
            new.outputs = copy.deepcopy(new.inputs)
        old = step.old
        self._pend_old_delete(step)
        if self.ctx.preview:
            return
        if old is not None and old.pending_replacement and not step.pending_delete:
            self.ctx.table.remove(old.key)
        new.key = self.ctx.table.add(dataclasses.replace(new, key=0)).key

    def _pend_old_delete(self, step: Step) -> None:
        """A replacing create or read marks the old resource `delete`, in previews too (step.go
        CreateStep.Apply, ReadStep.Apply); the state table only outside previews."""
        if step.old is not None and step.pending_delete:
            step.old.delete = True
            if not self.ctx.preview:
                self.ctx.table.mark(step.old.key, delete=True)

    def _apply_update(self, step: Step) -> None:
        old, new = step.old, step.new
        assert old is not None and new is not None
        new.id = old.id
        if self.ctx.preview:
            new.outputs = copy.deepcopy(new.inputs)
        elif not new.custom:
            new.outputs = copy.deepcopy(old.outputs)
        else:
            new.outputs = self.ctx.client.update(old, new.inputs, new.custom_timeouts.update, new.ignore_changes)
        if not self.ctx.preview:
            new.key = self.ctx.table.put(new).key

    def _apply_delete(self, step: Step) -> None:
        """DeleteStep: protected resources refuse (unless replacing); no Delete RPC in a preview,
        for external or retainOnDelete resources or components; a delete-before-replace marks
        the old resource pending replacement instead of dropping it."""
        old = step.old
        assert old is not None
        replacing = step.op == steps.OP_DELETE_REPLACED
        if not replacing and old.protect:
            raise ProtectedError(steps.protect_delete_message(old.urn), old.urn)
        if self.ctx.preview:
            return
        if old.provider_deletes:
            self.ctx.client.delete(old)
        if step.pending_replacement:
            old.pending_replacement = True
            self.ctx.table.mark(old.key, pending_replacement=True)
        else:
            self.ctx.table.remove(old.key)

    def _apply_read(self, step: Step) -> None:
        """ReadStep: Read(id, properties = inputs = the program's); a read-replacement marks the
        old managed resource `delete`."""
        new = step.new
        assert new is not None
        props = new.inputs
        response = self.ctx.client.read(new.urn, new.name, new.type, new.id, props, props, 0.0)
        if not response.HasField("properties"):
            raise EngineError(f"resource '{new.id}' does not exist", new.urn)
        outputs = self.ctx.client.unmarshal(response.properties, allow_unknowns=False, label=f"Read({new.urn})")
        if not self.ctx.client.accept_secrets:
            annotate_secrets(outputs, props)
        new.id, new.outputs = response.id or new.id, outputs
        self._pend_old_delete(step)
        if self.ctx.preview:
            return
        if step.old is not None and step.pending_delete:
            new.key = self.ctx.table.add(dataclasses.replace(new, key=0)).key
        else:
            new.key = self.ctx.table.put(new).key

"""One deployment (`pulumi up` / `pulumi preview`) of a program: each registration in program
order gets its steps generated (`generation`, `diff_steps`) and executed (`execution`), and
the program its answer (`registration`); then, unless the deployment stopped, the post steps
(`post_steps`) delete the replaced resources and those the program no longer registers.

Follows pkg/resource/deploy/deployment_executor.go (Execute, checkTargets); what the parts
share is in `shared`, the pure decisions in `steps`."""

from __future__ import annotations

from collections.abc import Sequence

from .client import ProviderClient
from .errors import EngineError
from .execution import StepExecutor
from .generation import StepGenerator
from .post_steps import perform_post_steps
from .records import Declaration, DeploymentResult
from .registration import Registrations
from .shared import Bail, Context, DeployOptions, GeneratorState, GoalProperties
from .state import StateTable


class Deployment:
    """Runs one deployment against the state table; `run` returns its result."""

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

    def run(self, program: Sequence[Declaration]) -> DeploymentResult:
        with self.ctx.client.capture(self.ctx.calls):
            return self._run(program)

    def _run(self, program: Sequence[Declaration]) -> DeploymentResult:
        self._check_targets(self.ctx.opts.replace, news=False)
        for decl in program:
            if self.ctx.stopped:
                break
            try:
                new, generated = self.generator.generate_steps(decl)
                self.executor.execute_registration(decl, new, generated)
            except Bail as bail:
                self._fail(bail.error)
        post_steps_ran = False
        if not self.ctx.stopped:
            post_steps_ran = True
            try:
                perform_post_steps(self.ctx, self.sg, self.executor)
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

"""Timed resources: a status that walks a rollout's phases in time, advanced lazily from timestamps.

:class:`Timed` is what an endpoint (``lifecycle.py``) and an inference
component (``inference_components.py``) share: a :class:`Rollout` (a list of
timed phases, see ``deployments.py``) advanced whenever the backend is asked
about the resource, every transition due by then applied at its own scheduled
instant; alarm trips read from moto's CloudWatch alarm history
(``alarms.py``), so the outcome does not depend on when a client polls; and
holds.

A :class:`Hold` keeps a resource in a phase (its clock stopped, its
MaximumExecutionTimeoutInSeconds deadline suspended) until it is released, so
tests can look at, or act in, a phase at a point they choose instead of
hoping to hit a window in wall-clock time.  Alarms stay watched while a
monitored phase is held.  Holds are keyed by :attr:`Timed.hold_key`: an
endpoint's lower-case name, ``inference-component/<lower-case name>`` for an
inference component.  Every phase a resource completes is written to the
event log (``requestlog.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

from . import alarms
from .deployments import Phase
from .requestlog import RECORDER
from .settings import SETTINGS


def timestamp(seconds: float) -> dt.datetime:
    """Epoch seconds as the naive UTC datetime moto serializes, in whole milliseconds as clients see them (so
    that a time filter given a time a client read back compares as it would on the server)."""
    return dt.datetime.fromtimestamp(math.floor(seconds * 1000) / 1000, dt.timezone.utc).replace(tzinfo=None)


#: Phase kinds a hold can name (see ``deployments.Phase``; ``capacity`` is an
#: UpdateEndpointWeightsAndCapacities, autoscaling or copy-count change).
PHASE_KINDS = ("create", "provision", "shift", "bake", "termination-wait", "terminate", "rollback", "delete", "capacity")


@dataclasses.dataclass
class Hold:
    """Stop the resource when it enters a phase of kind ``phase`` that starts at or after ``set_at``."""

    phase: str
    set_at: float
    reached_at: float | None = None


@dataclasses.dataclass
class Rollout:
    """What a resource is doing: ``create``, ``update``, ``rollback``, ``delete`` or ``capacity``."""

    kind: str
    phases: list[Phase]
    started: float
    phase_started: float
    target_config: str = ""
    target_variants: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    old_config: str = ""
    old_variants: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    alarms: list[str] = dataclasses.field(default_factory=list)
    deadline: float | None = None
    timeout: int | None = None  # MaximumExecutionTimeoutInSeconds as configured
    failure: str | None = None  # forced failure (fail_create / fail_update)
    reason: str = ""  # why a rollback runs
    rollback_fails: bool = False
    resizing: list[str] = dataclasses.field(default_factory=list)  # capacity: variants whose capacity changes
    paused: float = 0.0  # seconds the current phase was held, added to its duration
    released: bool = False  # the current phase was held and released: no second hold

    @property
    def phase(self) -> Phase:
        return self.phases[0]


def creating(now: float, name: str, what: str, **fields: Any) -> Rollout:
    """A create of ``create_seconds`` (``Failed`` in the end when ``fail_create`` names ``name``)."""
    settings = SETTINGS.current
    return Rollout(
        kind="create",
        phases=[Phase("create", settings.create_seconds, "Creating", f"Creating the {what}.")],
        started=now,
        phase_started=now,
        failure=settings.failure_for("fail_create", name),
        **fields,
    )


class Timed:
    """Mixed into a resource model; subclasses provide the attributes below and the three hooks."""

    account_id: str
    region_name: str
    holds: dict[str, list[Hold]]  # the backend's, by hold key
    rollout: Rollout | None

    @property
    def hold_key(self) -> str:
        raise NotImplementedError

    # -- hooks ---------------------------------------------------------------
    def _apply(self, rollout: Rollout, phase: Phase, at: float) -> None:
        """The effect of ``phase`` ending at ``at``."""
        raise NotImplementedError

    def _finish(self, rollout: Rollout, at: float) -> None:
        """The rollout has no phases left (at ``at``)."""
        raise NotImplementedError

    def _roll_back(self, rollout: Rollout, at: float, reason: str) -> None:
        """Replace the update ``rollout`` by its rollback, from ``at``."""
        raise NotImplementedError

    def _rollback_reason(self, rollout: Rollout, alarm_names: list[str] | None) -> str:
        """The FailureReason of a rollback for tripped alarms (``None``: the deadline passed)."""
        raise NotImplementedError

    # -- time ------------------------------------------------------------
    def advance(self, now: float) -> None:
        """Apply every transition due by ``now``, in order and at its own time."""
        while self.rollout is not None:
            rollout = self.rollout
            if not rollout.phases:
                self._finish(rollout, rollout.phase_started)
                continue
            phase = rollout.phase
            start = rollout.phase_started
            held = self._held(rollout, phase)
            end = math.inf if held else start + rollout.paused + phase.seconds
            if rollout.kind == "update" and self._interrupt(rollout, phase, start, min(end, now), held):
                continue
            if end > now:
                return
            rollout.phases.pop(0)
            rollout.phase_started = end
            rollout.paused, rollout.released = 0.0, False
            RECORDER.event(resource=self.hold_key, rollout=rollout.kind, phase=phase.kind, message=phase.message, at=end)
            self._apply(rollout, phase, end)

    # -- holds -------------------------------------------------------------
    @property
    def _holds(self) -> list[Hold]:
        return self.holds.get(self.hold_key, [])

    def _held(self, rollout: Rollout, phase: Phase) -> bool:
        """Whether a hold keeps the current phase from running (reaching the hold if it starts now)."""
        if rollout.released:
            return False
        start = rollout.phase_started
        reached = [h for h in self._holds if h.reached_at is not None]
        if reached:
            return reached[0].reached_at == start
        for hold in self._holds:
            if hold.phase == phase.kind and hold.set_at <= start:
                hold.reached_at = start
                return True
        return False

    def release(self, now: float, phase: str | None = None) -> None:
        """Let the held phase (if of kind ``phase``, when given) run its full duration from ``now``.

        The hold is used up.
        """
        holds = self._holds
        reached = [h for h in holds if h.reached_at is not None and phase in (None, h.phase)]
        if not reached or self.rollout is None:
            return
        hold = reached[0]
        holds.remove(hold)
        held_for = now - (hold.reached_at or now)
        self.rollout.paused += held_for
        self.rollout.released = True
        if self.rollout.deadline is not None:
            self.rollout.deadline += held_for

    def _drop_reached_hold(self) -> None:
        holds = self._holds
        holds[:] = [h for h in holds if h.reached_at is None]

    def _interrupt(self, rollout: Rollout, phase: Phase, start: float, horizon: float, held: bool) -> bool:
        """Start a rollback if an alarm tripped or the deadline passed in ``[start, horizon]``.

        A held phase has its deadline suspended; its alarms are still watched.
        """
        trip = None
        if phase.monitored and rollout.alarms:
            trip = alarms.first_trip(self.account_id, self.region_name, rollout.alarms, start, horizon)
        deadline = None if held else rollout.deadline
        if deadline is not None and deadline <= horizon and (trip is None or deadline < trip[0]):
            self._drop_reached_hold()
            self._roll_back(rollout, deadline, self._rollback_reason(rollout, None))
            return True
        if trip is not None:
            at, names = trip
            self._drop_reached_hold()
            self._roll_back(rollout, at, self._rollback_reason(rollout, names))
            return True
        return False

"""Eventual consistency of new EndpointConfigs, as CreateEndpoint/UpdateEndpoint see them.

The CreateEndpoint reference: SageMaker loads the EndpointConfig with an
eventually consistent read, so a config created moments ago may not be found
yet ("retry logic is recommended"), and calling DescribeEndpointConfig first
is the documented way to lessen it; DescribeEndpointConfig therefore always
sees a config here.  A new config stays hidden from CreateEndpoint and
UpdateEndpoint for ``consistency_seconds`` of wall-clock time and for its
first ``consistency_uses`` uses by them, whichever lasts longer.
"""

from __future__ import annotations

from .settings import EmulatorSettings


class Consistency:
    """When each new EndpointConfig becomes visible to CreateEndpoint/UpdateEndpoint."""

    def __init__(self) -> None:
        self._visible_at: dict[str, float] = {}
        self._hidden_uses: dict[str, int] = {}

    def created(self, name: str, now: float, settings: EmulatorSettings) -> None:
        self._visible_at[name] = now + settings.consistency_seconds
        self._hidden_uses[name] = settings.consistency_uses

    def forget(self, name: str) -> None:
        self._visible_at.pop(name, None)
        self._hidden_uses.pop(name, None)

    def hides(self, name: str, now: float) -> bool:
        """Whether this use of ``name`` misses it; a use spent on a hidden config counts."""
        uses = self._hidden_uses.get(name, 0)
        if uses > 0:
            self._hidden_uses[name] = uses - 1
        return uses > 0 or now < self._visible_at.get(name, 0.0)

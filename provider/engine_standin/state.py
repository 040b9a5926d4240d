"""The state table: the stack's resources in snapshot order, changed one step at a time.

Like the engine's snapshot manager (pkg/backend/snapshot.go), each completed step mutates the
persisted state at once, so a deployment that stops half way leaves exactly what its finished
steps did. Entries have a `key`, so concurrent deployments (the single-resource API allows
them) change only the entries they hold. The list is kept in topological order, as
`graph` needs."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from typing import Optional

from . import graph
from .records import ResourceState


class StateTable:
    def __init__(self, seed: Optional[Iterable[ResourceState]] = None) -> None:
        self._lock = threading.Lock()
        self._keys = itertools.count(1)
        self._entries: list[ResourceState] = []
        for state in seed or ():
            self.add(state)

    # -- reads (copies) --------------------------------------------------------------------

    def resources(self) -> list[ResourceState]:
        """A copy of every entry, pending deletes included, in snapshot order."""
        with self._lock:
            return [s.copy() for s in self._entries]

    def live(self) -> dict[str, ResourceState]:
        """The entries not marked for deletion, keyed by URN (deployment.go buildResourceMaps)."""
        with self._lock:
            return {s.urn: s.copy() for s in self._entries if not s.delete}

    def marked_for_deletion(self) -> list[ResourceState]:
        with self._lock:
            return [s.copy() for s in self._entries if s.delete]

    # -- mutations -------------------------------------------------------------------------

    def add(self, state: ResourceState) -> ResourceState:
        """Append a new entry; returns it (with its key) as a copy."""
        entry = state.copy()
        with self._lock:
            entry.key = next(self._keys)
            self._entries.append(entry)
            self._reorder()
            return entry.copy()

    def put(self, state: ResourceState) -> ResourceState:
        """Replace the entry with `state.key` (or add it when it has none or is gone)."""
        with self._lock:
            for i, entry in enumerate(self._entries):
                if state.key and entry.key == state.key:
                    self._entries[i] = state.copy()
                    self._reorder()
                    return state.copy()
        return self.add(state)

    def mark(self, key: int, **flags: bool) -> None:
        """Set flags (`delete`, `pending_replacement`) on an entry in place."""
        with self._lock:
            for entry in self._entries:
                if entry.key == key:
                    for name, value in flags.items():
                        setattr(entry, name, value)
            self._reorder()

    def remove(self, key: int) -> None:
        with self._lock:
            self._entries = [e for e in self._entries if e.key != key]

    def _reorder(self) -> None:
        self._entries = graph.topological(self._entries)

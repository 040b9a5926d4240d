"""The dependency graph over a state list (pkg/resource/graph/dependency_graph.go).

The list is in topological order, as a snapshot is; edges are a resource's parent, dependsOn
and property dependencies (deletedWith, replaceWith and provider references are not modelled:
every resource uses the one default provider)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .records import ResourceState


def depending_on(
    resources: Sequence[ResourceState], res: ResourceState, ignore: Iterable[str] = (), include_children: bool = False
) -> list[ResourceState]:
    """DependencyGraph.DependingOn: every later resource that depends on `res` directly or
    transitively, in list order; children count only with `include_children`."""
    ignored = set(ignore)
    index = _index_of(resources, res)
    dependent_urns = {res.urn}
    found: list[ResourceState] = []
    for candidate in resources[index + 1 :]:
        if candidate.urn in ignored:
            continue
        deps = [u for u in candidate.all_dependencies() if u != candidate.parent]
        if any(u in dependent_urns for u in deps) or (include_children and candidate.parent in dependent_urns):
            found.append(candidate)
            dependent_urns.add(candidate.urn)
    return found


def dependencies_of(resources: Sequence[ResourceState], res: ResourceState) -> list[ResourceState]:
    """DependencyGraph.DependenciesOf: the earlier resources `res` depends on (by URN) or whose
    URN is its parent."""
    wanted = {u for u in res.all_dependencies() if u != res.parent}
    index = _index_of(resources, res)
    return [c for c in resources[:index] if c.urn in wanted or (res.parent and c.urn == res.parent)]


def transitive_dependencies_of(resources: Sequence[ResourceState], res: ResourceState) -> list[ResourceState]:
    """DependencyGraph.TransitiveDependenciesOf. A URN may name both an old resource (marked
    `delete`) and its replacement: a `delete` resource's dependency resolves to the old one,
    any other's to the new one (the lookup in that function)."""
    olds = {r.urn: r for r in resources if r.delete}
    news = {r.urn: r for r in resources if not r.delete}

    def lookup(frm: ResourceState, urn: str) -> ResourceState | None:
        if urn in olds and urn in news:
            return olds[urn] if frm.delete else news[urn]
        return olds.get(urn) or news.get(urn)

    start = lookup(res, res.urn)
    if start is None:
        return []
    marked: dict[int, ResourceState] = {}
    stack = [start]
    while stack:
        current = stack.pop()
        if id(current) in marked:
            continue
        marked[id(current)] = current
        for urn in current.all_dependencies():
            dep = lookup(current, urn)
            if dep is not None:
                stack.append(dep)
    return [r for r in marked.values() if r is not res and r is not start]


def antichains(resources: Sequence[ResourceState], condemned: Sequence[ResourceState]) -> list[list[ResourceState]]:
    """step_generator.go ScheduleDeletes: split the condemned resources into rounds that can run
    in parallel, dependents before their dependencies (rounds keep list order inside)."""
    remaining = list(condemned)
    rounds: list[list[ResourceState]] = []
    while remaining:
        ids = {id(r) for r in remaining}
        free = [r for r in remaining if not any(id(d) in ids for d in dependencies_of(resources, r))]
        if not free:  # a cycle cannot happen in a valid snapshot; delete the rest together
            free = remaining
        rounds.append(free)
        remaining = [r for r in remaining if all(r is not f for f in free)]
    rounds.reverse()
    return rounds


def topological(resources: Sequence[ResourceState]) -> list[ResourceState]:
    """A stable topological order: each resource after the ones it depends on (a `delete`
    resource's dependencies resolve to `delete` ones first, as in transitive_dependencies_of)."""
    placed: list[ResourceState] = []
    placed_ids: set[int] = set()
    pending = list(resources)
    while pending:
        for candidate in pending:
            if all(id(d) in placed_ids for d in _direct_deps(resources, candidate)):
                break
        else:
            candidate = pending[0]  # a cycle: keep the given order
        placed.append(candidate)
        placed_ids.add(id(candidate))
        pending = [r for r in pending if r is not candidate]
    return placed


def _direct_deps(resources: Sequence[ResourceState], res: ResourceState) -> list[ResourceState]:
    found = []
    for urn in res.all_dependencies():
        same = [r for r in resources if r.urn == urn and r is not res]
        preferred = [r for r in same if r.delete == res.delete] or same
        found += preferred[:1]
    return found


def _index_of(resources: Sequence[ResourceState], res: ResourceState) -> int:
    for i, candidate in enumerate(resources):
        if candidate is res:
            return i
    raise ValueError(f"{res.urn} is not in the dependency graph")

"""What SageMaker's List* operations share (plain data): NameContains (case-insensitive here), StatusEquals, the
four time filters, SortBy ``Name | CreationTime | Status`` and SortOrder (default ``CreationTime``/``Descending``).

The backends' list methods are wrapped in moto's ``paginate``, which passes them the request's keyword arguments
(``next_token``/``max_results`` among them, which the paginator itself applies).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, TypeVar

from .alarms import to_epoch

T = TypeVar("T")


def listed(items: Iterable[T], name: Callable[[T], str], status: Callable[[T], str], filters: Mapping[str, Any]) -> list[T]:
    """``items`` (with ``creation_time``/``last_modified_time``) that pass ``filters``, in their sort order."""

    def bound(key: str) -> float | None:
        value = filters.get(key)
        return None if value is None else to_epoch(value)

    created_before, created_after = bound("creation_time_before"), bound("creation_time_after")
    modified_before, modified_after = bound("last_modified_time_before"), bound("last_modified_time_after")
    contains, status_equals = (filters.get("name_contains") or "").lower(), filters.get("status_equals")

    def keep(item: Any) -> bool:
        created, modified = to_epoch(item.creation_time), to_epoch(item.last_modified_time)
        return (
            contains in name(item).lower()
            and (not status_equals or status(item) == status_equals)
            and (created_before is None or created < created_before)
            and (created_after is None or created >= created_after)
            and (modified_before is None or modified < modified_before)
            and (modified_after is None or modified > modified_after)
        )

    keys: dict[str, Callable[[Any], Any]] = {
        "Name": name,
        "Status": status,
        "CreationTime": lambda item: to_epoch(item.creation_time),
    }
    key = keys.get(filters.get("sort_by") or "CreationTime", keys["CreationTime"])
    return sorted(filter(keep, items), key=key, reverse=(filters.get("sort_order") or "Descending") == "Descending")

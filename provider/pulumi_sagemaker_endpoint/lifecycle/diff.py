"""olds (the state's outputs) and news (checked inputs) to a DiffResult. Pure: no AWS calls."""
from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from ..core.properties import REPLACE_KEYS, UPDATE_KEYS
from ..core.unknowns import is_unknown

EMPTY: tuple[Any, ...] = (None, {}, [])


class Diff(NamedTuple):
    changes: list[str]
    replaces: list[str]
    delete_before_replace: bool


def _same(old: Any, new: Any) -> bool:
    if is_unknown(new):
        return False
    if old in EMPTY and new in EMPTY:
        return True
    return old == new


def diff(olds: Mapping[str, Any], news: Mapping[str, Any], replace_keys: tuple[str, ...] = REPLACE_KEYS,
         update_keys: tuple[str, ...] = UPDATE_KEYS) -> Diff:
    """replace_keys/update_keys: the resource's property table's (the Endpoint's unless given)."""
    changes = [key for key in (*replace_keys, *update_keys) if not _same(olds.get(key), news.get(key))]
    replaces = [key for key in replace_keys if key in changes]
    return Diff(changes, replaces, case_only_rename(olds.get("name"), news.get("name")))


def case_only_rename(old: Any, new: Any) -> bool:
    """Endpoint names are unique regardless of case: the old one must go before the new one can be created."""
    return isinstance(old, str) and isinstance(new, str) and old != new and old.lower() == new.lower()

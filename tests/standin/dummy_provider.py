"""A throwaway dynamic provider used only by the engine stand-in's tests (tests/standin).

It keeps "things" as JSON files in the directory named by $HARNESS_THING_STORE (set in the
server's environment) and appends every call it receives to journal.jsonl there, so tests can
see what the provider itself was given after the server deserialized the request.

Inputs: name (replace on change; auto-named "thing-<hex>" by check when absent), size (number
>= 0), tags (string values), config and note (free values), and test knobs (not diffed): dbr (ask
for delete-before-replace), replace_on (more keys that replace on change), diff_unknown (answer
Diff with DIFF_UNKNOWN), hold (block in create until a release file appears), rendezvous (N: wait
in create until N creates run at once), fail / fail_update / fail_delete (create / update /
delete raise with this text).
"""

from __future__ import annotations

import inspect
import json
import os
import secrets
import threading
import time
from pathlib import Path
from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

STORE_ENV = "HARNESS_THING_STORE"
TYPE_TOKEN = "pulumi-python:dynamic/harness:Thing"
DATA_KEYS = ("name", "size", "tags", "config", "note")

_LOCK = threading.Lock()
_ACTIVE = 0
_PEAK = 0
_SEQ = 0
_BARRIERS: dict[int, threading.Barrier] = {}
GUARD = 120.0  # s: how long a hold or rendezvous waits before giving up (a guard against a hang, not a window)
# ReadResult gained `inputs` after pulumi 3.140 (whose server never returns Read inputs).
_READ_RETURNS_INPUTS = "inputs" in inspect.signature(ReadResult.__init__).parameters


def _store() -> Path:
    return Path(os.environ[STORE_ENV])


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: ("<unknown>" if isinstance(v, Unknown) else v) for k, v in props.items() if k != "__provider"}


def _journal(op: str, **fields: Any) -> None:
    with _LOCK, open(_store() / "journal.jsonl", "a") as f:
        f.write(json.dumps({"op": op, **fields}, default=str) + "\n")


def _wait_for(path: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


class ThingProvider(ResourceProvider):
    def configure(self, req: ConfigureRequest) -> None:
        self.region = req.config.get("aws:region")
        self.greeting = req.config.get("greeting")  # "<project>:greeting"

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        _journal("check", olds=_plain(olds), news=_plain(news), provider_type=type(news.get("__provider")).__name__)
        failures = []
        size = news.get("size", 0)
        if not isinstance(size, Unknown) and (isinstance(size, bool) or not isinstance(size, (int, float)) or size < 0):
            failures.append(CheckFailure("size", "size must be a number >= 0"))
        for key, value in (news.get("tags") or {}).items():
            if not isinstance(value, (str, Unknown)):
                failures.append(CheckFailure(f"tags.{key}", "tag values must be strings"))
        inputs = dict(news)
        if "name" not in inputs:
            inputs["name"] = olds.get("name") or f"thing-{secrets.token_hex(3)}"
        return CheckResult(inputs, failures)

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        _journal("diff", id=id_, olds=_plain(olds), news=_plain(news))
        if news.get("diff_unknown"):
            return DiffResult()
        changed = [k for k in DATA_KEYS if olds.get(k) != news.get(k)]
        replaces = [k for k in ("name", *(news.get("replace_on") or ())) if k in changed]
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=True if news.get("dbr") else None)

    def create(self, props: dict[str, Any]) -> CreateResult:
        global _ACTIVE, _PEAK, _SEQ
        name = props["name"]
        _journal("create", id=name, props=_plain(props))
        with _LOCK:
            _ACTIVE += 1
            _PEAK = max(_PEAK, _ACTIVE)
            _SEQ += 1
            seq = _SEQ
        try:
            if props.get("fail"):
                raise RuntimeError(f"create refused: {props['fail']}")
            if props.get("hold"):
                (_store() / f"holding-{name}").touch()
                _wait_for(_store() / f"release-{name}", GUARD)
            parties = int(props.get("rendezvous") or 0)
            if parties:
                with _LOCK:
                    barrier = _BARRIERS.setdefault(parties, threading.Barrier(parties))
                barrier.wait(timeout=GUARD)
            outs = self._outputs(props, seq)
            with _LOCK:
                outs["peak_concurrency"] = _PEAK
            self._save(name, props, outs)
            return CreateResult(name, outs)
        finally:
            with _LOCK:
                _ACTIVE -= 1

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _journal("read", id=id_, props=_plain(props))
        path = _store() / f"{id_}.json"
        if not path.exists():
            return ReadResult("", {})  # the server indexes outs, so {} rather than None
        saved = json.loads(path.read_text())
        if _READ_RETURNS_INPUTS:
            return ReadResult(id_, saved["outputs"], saved["inputs"])
        return ReadResult(id_, saved["outputs"])

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        _journal("update", id=id_, olds=_plain(olds), news=_plain(news))
        if news.get("fail_update"):
            raise RuntimeError(f"update refused: {news['fail_update']}")
        outs = self._outputs(news, olds.get("seq", 0))
        self._save(id_, news, outs)
        return UpdateResult(outs)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _journal("delete", id=id_, props=_plain(props))
        if props.get("fail_delete"):
            raise RuntimeError(f"delete refused: {props['fail_delete']}")
        (_store() / f"{id_}.json").unlink(missing_ok=True)

    def _outputs(self, props: dict[str, Any], seq: int) -> dict[str, Any]:
        outs = _plain(props)
        outs.update(
            arn=f"arn:thing:{props['name']}",
            seq=seq,
            config_region=getattr(self, "region", None),
            config_greeting=getattr(self, "greeting", None),
        )
        return outs

    @staticmethod
    def _save(id_: str, props: dict[str, Any], outs: dict[str, Any]) -> None:
        inputs = {k: props[k] for k in DATA_KEYS if k in props}
        (_store() / f"{id_}.json").write_text(json.dumps({"inputs": inputs, "outputs": outs}))

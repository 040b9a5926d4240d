"""The single-resource API of the engine stand-in against `python -m pulumi.dynamic` (moved from tests/test_harness.py)."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import grpc
import pytest

from engine_standin import (
    PROVIDER_KEY,
    UNKNOWN,
    CheckFailed,
    Engine,
    EngineError,
    ProviderError,
    is_secret,
    parse_timeout,
    secret,
    unwrap_secrets,
)

from . import open_engine
from .conftest import OLD_SDK, TRACEBACKS, journal
from .dummy_provider import STORE_ENV, TYPE_TOKEN, ThingProvider

PROVIDER = ThingProvider()


def wait_until(predicate: Callable[[], bool], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


def methods(engine: Engine, name: str) -> list[str]:
    return [c.method for c in engine.calls(name=name)]


def up(engine: Engine, name: str, inputs: dict[str, Any], **kwargs: Any):
    return engine.up(name, inputs, PROVIDER, type_token=TYPE_TOKEN, **kwargs)


# ---------------------------------------------------------------------------------------------


def test_configure_sends_the_whole_stack_config(tmp_path: Path) -> None:
    config = {"aws:region": "eu-west-1", "test:greeting": secret("hi"), "other:flag": True}
    with open_engine(config, env={STORE_ENV: str(tmp_path)}) as engine:
        handshake = [] if OLD_SDK else ["Handshake"]  # 3.140's protocol has no Handshake
        assert [c.method for c in engine.calls()] == handshake + ["GetPluginInfo", "CheckConfig", "Configure"]
        [configure] = engine.calls("Configure")
        request = configure.request
        if not OLD_SDK:  # 3.140's ConfigureRequest has no urn/type: the stand-in leaves them out
            assert request.type == "pulumi:providers:pulumi-python"
            assert request.urn == "urn:pulumi:dev::test::pulumi:providers:pulumi-python::default"
        assert configure.props("args") == {
            "aws:region": "eu-west-1",
            "test:greeting": secret("hi"),
            "other:flag": "true",
        }
        assert dict(request.variables) == {
            "pulumi-python:config:aws:region": "eu-west-1",
            "pulumi-python:config:test:greeting": "hi",
            "pulumi-python:config:other:flag": "true",
        }
        assert configure.response.acceptSecrets is False and engine.accept_secrets is False

        created = engine.up("cfg", {"name": "cfg"}, PROVIDER, type_token=TYPE_TOKEN)
        # The provider's configure() saw the namespaced key and, via the project, "greeting".
        assert created.outputs["config_region"] == "eu-west-1"
        assert created.outputs["config_greeting"] == "hi"


def test_provider_is_secret_in_state_but_sent_plain(engine: Engine, store: Path) -> None:
    created = up(engine, "sec", {"name": "sec", "size": 1})
    state = engine.state("sec")
    assert is_secret(state.inputs[PROVIDER_KEY]) and is_secret(state.outputs[PROVIDER_KEY])
    assert is_secret(created.outputs[PROVIDER_KEY])
    [check] = engine.calls("Check", name="sec")
    assert check.raw("news").fields[PROVIDER_KEY].WhichOneof("kind") == "string_value"
    assert journal(store, "check")[-1]["provider_type"] == "str"


def test_check_failures_surface_with_property_paths(engine: Engine) -> None:
    with pytest.raises(CheckFailed) as info:
        up(engine, "bad", {"name": "bad", "size": -1, "tags": {"env": 5}})
    assert info.value.failures == [
        ("size", "size must be a number >= 0"),
        ("tags.env", "tag values must be strings"),
    ]
    assert "property size value {-1} has a problem" in str(info.value)  # as the engine prints it
    assert methods(engine, "bad") == ["Check"]
    assert not engine.has("bad")


def test_create_then_unchanged_up_is_same_without_update(engine: Engine) -> None:
    first = up(engine, "same", {"name": "same", "size": 1})
    assert (first.op, first.id, first.steps) == ("create", "same", ("create",))
    [create] = engine.calls("Create", name="same")
    assert create.request.timeout == 0
    assert unwrap_secrets(create.props("properties")) == unwrap_secrets(engine.state("same").inputs)

    second = up(engine, "same", {"name": "same", "size": 1})
    assert (second.op, second.changes, second.changed_keys) == ("same", "none", ())
    assert methods(engine, "same") == ["Check", "Create", "Check", "Diff"]
    check, diff = engine.calls(name="same")[2:]
    # Check gets the old *inputs*; Diff gets the old *outputs*, old inputs and checked news.
    assert check.props("olds") == unwrap_secrets(first.inputs)
    assert diff.props("olds") == unwrap_secrets(first.outputs)
    assert "arn" in diff.props("olds") and "arn" not in diff.props("old_inputs")
    assert diff.props("old_inputs") == unwrap_secrets(first.inputs)
    assert diff.request.id == "same"


def test_changed_input_updates_with_old_outputs_as_olds(engine: Engine, store: Path) -> None:
    before = up(engine, "upd", {"name": "upd", "size": 1})
    after = up(engine, "upd", {"name": "upd", "size": 2})
    assert (after.op, after.changes, after.changed_keys, after.id) == ("update", "some", ("size",), "upd")
    [update] = engine.calls("Update", name="upd")
    assert update.props("olds") == unwrap_secrets(before.outputs)
    assert update.props("old_inputs") == unwrap_secrets(before.inputs)
    assert update.props("news")["size"] == 2
    assert journal(store, "update", "upd")[-1]["olds"]["arn"] == "arn:thing:upd"
    assert engine.state("upd").outputs["size"] == 2
    assert engine.calls("Create", name="upd") and len(engine.calls("Create", name="upd")) == 1


def test_replace_is_create_before_delete_by_default(engine: Engine, store: Path) -> None:
    old = up(engine, "rep", {"name": "rep-a"})
    new = up(engine, "rep", {"name": "rep-b"})
    assert (new.op, new.replaces, new.delete_before_replace) == ("replace", ("name",), False)
    assert new.steps == ("create-replacement", "replace", "delete-replaced")
    assert methods(engine, "rep") == ["Check", "Create", "Check", "Diff", "Check", "Create", "Delete"]
    recheck = engine.calls("Check", name="rep")[-1]
    assert recheck.props("olds") == {}  # defaults are recomputed without olds
    delete = engine.calls("Delete", name="rep")[-1]
    assert delete.request.id == "rep-a"
    assert delete.props("properties") == unwrap_secrets(old.outputs)
    assert delete.props("old_inputs") == unwrap_secrets(old.inputs)
    assert engine.state("rep").id == "rep-b"
    provider_ops = [(e["op"], e["id"]) for e in journal(store) if e.get("id") in ("rep-a", "rep-b")]
    assert provider_ops.index(("create", "rep-b")) < provider_ops.index(("delete", "rep-a"))


@pytest.mark.parametrize(
    ("name", "provider_dbr", "option", "expected"),
    [
        ("dbr-provider", True, None, ["Delete", "Create"]),
        ("dbr-option", False, True, ["Delete", "Create"]),
        ("dbr-option-off", True, False, ["Create", "Delete"]),
    ],
)
def test_replace_order_follows_provider_and_option(
    engine: Engine, name: str, provider_dbr: bool, option: bool | None, expected: list[str]
) -> None:
    up(engine, name, {"name": f"{name}-1", "dbr": provider_dbr})
    result = up(engine, name, {"name": f"{name}-2", "dbr": provider_dbr}, delete_before_replace=option)
    assert result.op == "replace"
    assert result.delete_before_replace is (expected[0] == "Delete")
    assert [m for m in methods(engine, name)[2:] if m in ("Create", "Delete")] == expected
    assert engine.state(name).id == f"{name}-2"


def test_failed_create_in_delete_before_replace_keeps_pending_replacement(engine: Engine) -> None:
    up(engine, "pend", {"name": "pend-1", "dbr": True})
    with pytest.raises(ProviderError, match="create refused: no"):
        up(engine, "pend", {"name": "pend-2", "dbr": True, "fail": "no"})
    state = engine.state("pend")
    assert state.pending_replacement and state.id == "pend-1"
    again = up(engine, "pend", {"name": "pend-2", "dbr": True})
    assert again.op == "replace" and engine.state("pend").id == "pend-2"
    # The old one was deleted once, before the failed create; it is not deleted again.
    assert len(engine.calls("Delete", name="pend")) == 1


def test_preview_sends_unknowns_and_changes_nothing(engine: Engine, store: Path) -> None:
    planned = engine.preview("prev", {"name": "prev", "size": UNKNOWN}, PROVIDER, type_token=TYPE_TOKEN)
    assert (planned.op, planned.preview, planned.id) == ("create", True, None)
    [check] = engine.calls("Check", name="prev")
    assert check.raw("news").fields["size"].string_value == UNKNOWN
    assert planned.outputs["size"] == UNKNOWN
    assert not engine.has("prev") and methods(engine, "prev") == ["Check"]
    assert journal(store, "create", "prev") == []

    up(engine, "prev", {"name": "prev", "size": 1})
    before = engine.state("prev")
    planned = engine.preview("prev", {"name": "prev", "size": UNKNOWN}, PROVIDER, type_token=TYPE_TOKEN)
    assert (planned.op, planned.changes) == ("update", "some")
    diff = engine.calls("Diff", name="prev")[-1]
    assert diff.raw("news").fields["size"].string_value == UNKNOWN
    assert engine.calls("Update", name="prev") == []
    assert engine.state("prev") == before

    with pytest.raises(EngineError, match="only be sent in a preview"):
        up(engine, "prev", {"name": "prev", "size": UNKNOWN})


def test_refresh_of_vanished_resource_drops_it(engine: Engine, store: Path) -> None:
    created = up(engine, "gone", {"name": "gone", "size": 1})
    (store / "gone.json").unlink()
    refreshed = engine.refresh("gone")
    assert refreshed.deleted and not engine.has("gone")
    [read] = engine.calls("Read", name="gone")
    assert read.request.id == "gone"
    assert read.props("properties") == unwrap_secrets(created.outputs)
    assert read.props("inputs") == unwrap_secrets(created.inputs)


def test_refresh_adopts_drifted_outputs_and_returned_inputs(engine: Engine, store: Path) -> None:
    up(engine, "drift", {"name": "drift", "size": 1})
    saved = json.loads((store / "drift.json").read_text())
    saved["inputs"]["size"] = saved["outputs"]["size"] = 7
    (store / "drift.json").write_text(json.dumps(saved))
    refreshed = engine.refresh("drift")
    assert refreshed.op == "refresh" and not refreshed.deleted
    # 3.140's server returns no inputs from Read: the old inputs stay.
    refreshed_size = 1 if OLD_SDK else 7
    assert engine.state("drift").outputs["size"] == 7 and engine.state("drift").inputs["size"] == refreshed_size
    # The refresh diff: refreshed state as olds, the old inputs as news.
    diff = engine.calls("Diff", name="drift")[-1]
    assert diff.props("olds")["size"] == 7 and diff.props("news")["size"] == 1
    assert diff.props("old_inputs")["size"] == refreshed_size
    assert up(engine, "drift", {"name": "drift", "size": 1}).op == "update"


def test_diff_unknown_falls_back_to_an_input_diff(engine: Engine) -> None:
    up(engine, "unk", {"name": "unk", "size": 1, "diff_unknown": True})
    same = up(engine, "unk", {"name": "unk", "size": 1, "diff_unknown": True})
    assert (same.op, same.changes) == ("same", "unknown")
    changed = up(engine, "unk", {"name": "unk", "size": 3, "diff_unknown": True})
    assert (changed.op, changed.changes, changed.changed_keys) == ("update", "unknown", ("size",))


def test_import_fails_on_the_stock_server_as_with_the_engine(engine: Engine) -> None:
    up(engine, "imp-src", {"name": "imp-1", "size": 1})
    with pytest.raises(ProviderError) as info:
        engine.import_("imp", "imp-1", {"name": "imp-1", "size": 1}, PROVIDER, type_token=TYPE_TOKEN)
    assert info.value.method == "Read" and "'__provider'" in info.value.details
    # 3.272's server sends the traceback; 3.140's lets grpc report the exception's message.
    assert ("KeyError: '__provider'" if TRACEBACKS else "Exception calling application") in info.value.details
    [read] = engine.calls("Read", name="imp")
    assert not read.request.HasField("properties") and not read.request.HasField("inputs")
    assert not engine.has("imp")


def test_import_then_update_when_inputs_differ(engine: Engine) -> None:
    up(engine, "imp2-src", {"name": "imp2-1", "size": 1})
    if OLD_SDK:  # 3.140's server cannot import: its Read returns no inputs (ImportStep.Apply)
        with pytest.raises(EngineError, match="provider does not support importing resources"):
            engine.import_("imp2", "imp2-1", {"name": "imp2-1"}, PROVIDER, type_token=TYPE_TOKEN, engine_sends_inputs=True)
        assert not engine.has("imp2")
        return
    imported = engine.import_(
        "imp2", "imp2-1", {"name": "imp2-1", "size": 4}, PROVIDER, type_token=TYPE_TOKEN, engine_sends_inputs=True
    )
    assert (imported.op, imported.steps, imported.id) == ("import", ("import", "update"), "imp2-1")
    assert methods(engine, "imp2") == ["Read", "Check", "Diff", "Update"]
    assert engine.calls("Check", name="imp2")[0].props("olds")["size"] == 1  # the imported inputs
    assert engine.state("imp2").outputs["size"] == 4
    with pytest.raises(EngineError, match="previously-imported resources"):
        engine.import_("imp2", "imp2-1", {"name": "other"}, PROVIDER, type_token=TYPE_TOKEN)


def test_custom_timeouts_become_request_timeouts(engine: Engine) -> None:
    timeouts = {"create": "5m", "update": "1h30m", "delete": "90s"}
    up(engine, "tmo", {"name": "tmo", "size": 1}, custom_timeouts=timeouts)
    up(engine, "tmo", {"name": "tmo", "size": 2}, custom_timeouts=timeouts)
    state = engine.state("tmo")
    engine.destroy("tmo")
    assert engine.calls("Create", name="tmo")[0].request.timeout == 300
    assert engine.calls("Update", name="tmo")[0].request.timeout == 5400
    [delete] = engine.calls("Delete", name="tmo")
    assert delete.request.timeout == 90
    assert delete.props("properties") == unwrap_secrets(state.outputs)
    assert delete.props("old_inputs") == unwrap_secrets(state.inputs)
    assert not engine.has("tmo")
    with pytest.raises(ValueError):
        parse_timeout("1d")


def test_provider_errors_carry_the_grpc_details(engine: Engine) -> None:
    with pytest.raises(ProviderError) as info:
        up(engine, "err", {"name": "err", "fail": "quota exceeded"})
    assert info.value.method == "Create" and info.value.code == grpc.StatusCode.UNKNOWN
    expected = "RuntimeError: " if TRACEBACKS else "Exception calling application: "
    assert expected + "create refused: quota exceeded" in info.value.details
    assert not engine.has("err")


def test_concurrent_up_of_eight_resources(engine: Engine) -> None:
    names = [f"par-{i}" for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: up(engine, n, {"name": n, "rendezvous": 4}), names))
    assert [r.op for r in results] == ["create"] * 8
    assert sorted(r.id for r in results) == sorted(names)
    assert all(engine.state(n).id == n for n in names)
    assert len([c for c in engine.calls("Create") if c.urn.split("::")[-1] in names]) == 8
    # Every create waited for 3 others: calls overlap, and the server runs at most 4 at once.
    assert max(r.outputs["peak_concurrency"] for r in results) == 4


def test_kill_during_create_fails_with_unavailable(tmp_path: Path) -> None:
    with open_engine(env={STORE_ENV: str(tmp_path)}) as engine:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(up, engine, "slow", {"name": "slow", "hold": True})
            wait_until(lambda: (tmp_path / "holding-slow").exists())
            engine.server.kill()
            with pytest.raises(ProviderError) as info:
                pending.result(timeout=30)
        assert info.value.method == "Create" and info.value.code == grpc.StatusCode.UNAVAILABLE
        assert not engine.server.alive() and not engine.has("slow")


def test_get_reads_an_existing_resource_as_external(engine: Engine) -> None:
    up(engine, "owned", {"name": "owned", "size": 3})
    got = engine.get("lookup", "owned", {"name": "owned"}, PROVIDER, type_token=TYPE_TOKEN)
    assert (got.op, got.id, got.steps) == ("read", "owned", ("read",))
    assert got.outputs["size"] == 3 and "arn" in got.outputs, "the outputs are what Read returned"
    [read] = engine.calls("Read", name="lookup")
    assert read.request.id == "owned" and read.props("properties") == read.props("inputs")
    assert engine.state("lookup").external

"""Multi-resource deployments of the engine stand-in against `python -m pulumi.dynamic`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine_standin import UNKNOWN, Alias, Declaration, DeploymentResult, Engine, EngineError, Options, Ref, unwrap_secrets

from .conftest import TRACEBACKS, journal
from .dummy_provider import TYPE_TOKEN, ThingProvider

PROVIDER = ThingProvider()
COMPONENT = "test:index:Group"


def thing(name: str, inputs: dict[str, Any], **options: Any) -> Declaration:
    return Declaration(name, TYPE_TOKEN, inputs, PROVIDER, Options(**options))


def urn(engine: Engine, name: str, parent: str = "") -> str:
    return engine.urn(name, TYPE_TOKEN, parent)


def methods(result: DeploymentResult, urn_: str) -> list[str]:
    return result.methods(urn_)


def rpc(result: DeploymentResult, urn_: str, method: str) -> list[Any]:
    return [c for s in result.steps for c in s.rpcs if c.urn == urn_ and c.method == method]


def provider_ops(store: Path, *ids: str) -> list[tuple[str, str]]:
    return [(e["op"], e["id"]) for e in journal(store) if e.get("id") in ids and e["op"] in ("create", "update", "delete")]


# ---------------------------------------------------------------------------------------------
# Targeted replace: --replace, taint, replacement trigger


def test_replace_target_checks_without_olds_and_sends_no_diff(engine: Engine) -> None:
    engine.deploy([thing("rt", {"name": "rt-1", "size": 1})])
    target = urn(engine, "rt")
    result = engine.deploy([thing("rt", {"name": "rt-1", "size": 1})], replace=[target])
    assert result.ok and result.post_steps_ran
    assert result.ops_of(target) == ["create-replacement", "replace", "delete-replaced"]
    assert methods(result, target) == ["Check", "Create", "Delete"]  # no Diff, no second Check
    assert rpc(result, target, "Check")[0].props("olds") == {}
    res = result.resources["rt"]
    assert (res.replaces, res.delete_before_replace, res.changes) == (("id",), False, None)


def test_taint_replaces_once_and_is_cleared(engine: Engine) -> None:
    engine.deploy([thing("tnt", {"name": "tnt-1"})])
    target = urn(engine, "tnt")
    engine.taint(target)
    assert engine.state("tnt").taint
    replaced = engine.deploy([thing("tnt", {"name": "tnt-1"})])
    assert methods(replaced, target) == ["Check", "Create", "Delete"]
    assert rpc(replaced, target, "Check")[0].props("olds") == {}
    assert replaced.resources["tnt"].replaces == ("id",)
    assert not engine.state("tnt").taint
    again = engine.deploy([thing("tnt", {"name": "tnt-1"})])
    assert again.ops_of(target) == ["same"]


def test_taint_with_dbr_option_deletes_first(engine: Engine) -> None:
    engine.deploy([thing("tdb", {"name": "tdb-1"})])
    engine.taint(urn(engine, "tdb"))
    result = engine.deploy([thing("tdb", {"name": "tdb-1"}, delete_before_replace=True)])
    assert result.ops_of(urn(engine, "tdb")) == ["delete-replaced", "replace", "create-replacement"]
    assert methods(result, urn(engine, "tdb")) == ["Check", "Delete", "Create"]


def test_replacement_trigger_change_replaces_without_diff(engine: Engine) -> None:
    engine.deploy([thing("trg", {"name": "trg-1", "size": 1})])
    target = urn(engine, "trg")
    # No trigger before: setting one does not replace (shouldTriggerReplace: nulls never do).
    first = engine.deploy([thing("trg", {"name": "trg-1", "size": 1}, replacement_trigger="v1")])
    assert first.ops_of(target) == ["same"] and methods(first, target) == ["Check", "Diff"]
    changed = engine.deploy([thing("trg", {"name": "trg-1", "size": 1}, replacement_trigger="v2")])
    assert changed.ops_of(target) == ["create-replacement", "replace", "delete-replaced"]
    # Check with olds, no Diff, then the second Check without olds ("recompute the default values").
    assert methods(changed, target) == ["Check", "Check", "Create", "Delete"]
    first_check, second_check = rpc(changed, target, "Check")
    assert first_check.props("olds")["name"] == "trg-1" and second_check.props("olds") == {}
    assert changed.resources["trg"].replaces == () and engine.state("trg").replacement_trigger == "v2"


def test_replacement_trigger_unknown_outside_preview_is_an_error(engine: Engine) -> None:
    engine.deploy([thing("tru", {"name": "tru-1"}, replacement_trigger="a")])
    planned = engine.deploy([thing("tru", {"name": "tru-1"}, replacement_trigger=UNKNOWN)], preview=True)
    assert planned.ok and planned.resources["tru"].op == "replace"
    failed = engine.deploy([thing("tru", {"name": "tru-1"}, replacement_trigger=UNKNOWN)])
    assert "replacement trigger contains unknowns" in str(failed.errors[0]) and not failed.post_steps_ran


# ---------------------------------------------------------------------------------------------
# Provider-driven replace


def test_dbr_deletes_dependents_that_would_be_replaced_first(engine: Engine, store: Path) -> None:
    program = [
        thing("dcfg", {"name": "dcfg-1", "dbr": True}),
        thing("dep", {"name": "dep-1", "config": Ref("dcfg", "name"), "replace_on": ["config"]}),
        thing("upd", {"name": "upd-1", "config": Ref("dcfg", "name")}),
    ]
    engine.deploy(program)
    before = len(journal(store))
    changed = [thing("dcfg", {"name": "dcfg-2", "dbr": True})] + program[1:]
    result = engine.deploy(changed)
    cfg, dep, upd = (urn(engine, n) for n in ("dcfg", "dep", "upd"))
    assert result.ok
    assert result.ops()[:4] == [
        ("delete-replaced", dep),  # calculateDependentReplacements: its Diff with config unknown says replace
        ("delete-replaced", cfg),
        ("replace", cfg),
        ("create-replacement", cfg),
    ]
    dependent_diffs = [c for c in rpc(result, dep, "Diff")]
    assert dependent_diffs[0].raw("news").fields["config"].string_value == UNKNOWN
    # The deleted dependent is re-created (recreating: Check without olds); "upd" is only updated.
    assert result.ops_of(dep) == ["delete-replaced", "replace", "create-replacement"]
    assert rpc(result, dep, "Check")[0].props("olds") == {}
    assert result.ops_of(upd) == ["update"]
    mutations = [(e["op"], e["id"]) for e in journal(store)[before:] if e["op"] in ("create", "update", "delete")]
    assert mutations == [
        ("delete", "dep-1"),
        ("delete", "dcfg-1"),
        ("create", "dcfg-2"),
        ("create", "dep-1"),
        ("update", "upd-1"),
    ]
    assert engine.state("upd").inputs["config"] == "dcfg-2"


def test_dbr_option_false_overrides_the_provider(engine: Engine) -> None:
    engine.deploy([thing("dof", {"name": "dof-1", "dbr": True})])
    result = engine.deploy([thing("dof", {"name": "dof-2", "dbr": True}, delete_before_replace=False)])
    assert result.ops_of(urn(engine, "dof")) == ["create-replacement", "replace", "delete-replaced"]
    assert result.resources["dof"].delete_before_replace is False


# ---------------------------------------------------------------------------------------------
# Aliases, parents, URNs


def test_rename_through_an_alias_moves_the_state(engine: Engine) -> None:
    engine.deploy([thing("before", {"name": "ren-1", "size": 1})])
    old_urn = urn(engine, "before")
    result = engine.deploy([thing("after", {"name": "ren-1", "size": 1}, aliases=(Alias(name="before"),))])
    new_urn = urn(engine, "after")
    assert result.ok and result.ops() == [("same", new_urn)]
    assert rpc(result, new_urn, "Check")[0].props("olds")["name"] == "ren-1"
    assert set(engine.snapshot()) == {new_urn} and old_urn not in engine.snapshot()
    assert engine.state("after").id == "ren-1"


def test_reparent_with_an_alias_and_parent_type_chains(engine: Engine) -> None:
    engine.deploy([thing("kid", {"name": "kid-1"})])
    group = Declaration("grp", COMPONENT, {}, None)
    program = [
        group,
        thing("kid", {"name": "kid-1"}, parent="grp", aliases=(Alias(no_parent=True),)),
        thing("grandkid", {"name": "gk-1"}, parent="kid"),
    ]
    result = engine.deploy(program)
    group_urn = engine.urn("grp", COMPONENT)
    kid_urn = f"urn:pulumi:dev::test::{COMPONENT}${TYPE_TOKEN}::kid"
    assert result.ok and urn(engine, "kid", group_urn) == kid_urn
    assert result.ops_of(kid_urn) == ["same"] and rpc(result, kid_urn, "Check")[0].props("olds")["name"] == "kid-1"
    grandkid = f"urn:pulumi:dev::test::{COMPONENT}${TYPE_TOKEN}${TYPE_TOKEN}::grandkid"
    assert result.ops_of(grandkid) == ["create"]
    assert engine.snapshot()[grandkid].parent == kid_urn and engine.snapshot()[kid_urn].parent == group_urn
    assert urn(engine, "kid") not in engine.snapshot()  # no delete: the alias claimed the old state
    assert result.ops_of(group_urn) == ["create"] and methods(result, group_urn) == []


def test_child_inherits_its_parents_alias(engine: Engine) -> None:
    engine.deploy([Declaration("app", COMPONENT, {}, None), thing("app-fn", {"name": "inh-1"}, parent="app")])
    result = engine.deploy(
        [
            Declaration("newapp", COMPONENT, {}, None, Options(aliases=(Alias(name="app"),))),
            thing("newapp-fn", {"name": "inh-1"}, parent="newapp"),
        ]
    )
    # inheritedChildAlias: "newapp-fn" under "newapp" is also "app-fn" under "app".
    assert result.ok and [op for op, _ in result.ops()] == ["same", "same"]
    assert {u.rsplit("::", 1)[1] for u in engine.snapshot()} == {"newapp", "newapp-fn"}


# ---------------------------------------------------------------------------------------------
# depends_on, ignore_changes, protect, retain_on_delete


def test_depends_on_and_deletes_dependents_first(engine: Engine, store: Path) -> None:
    engine.deploy(
        [
            thing("base", {"name": "dp-base"}),
            thing("mid", {"name": "dp-mid"}, depends_on=("base",)),
            thing("leaf", {"name": "dp-leaf"}, parent="mid"),
        ]
    )
    assert engine.snapshot()[urn(engine, "mid")].dependencies == (urn(engine, "base"),)
    result = engine.deploy([])
    assert result.ok and [op for op, _ in result.ops()] == ["delete"] * 3
    assert provider_ops(store, "dp-base", "dp-mid", "dp-leaf")[-3:] == [
        ("delete", "dp-leaf"),
        ("delete", "dp-mid"),
        ("delete", "dp-base"),
    ]
    assert engine.snapshot() == {}


def test_ignore_changes_puts_old_values_back_before_check(engine: Engine) -> None:
    engine.deploy([thing("ign", {"name": "ign-1", "size": 1, "tags": {"env": "a", "team": "x"}})])
    result = engine.deploy(
        [thing("ign", {"name": "ign-1", "size": 2, "tags": {"env": "b", "team": "y"}}, ignore_changes=("size", "tags.env"))]
    )
    target = urn(engine, "ign")
    check = rpc(result, target, "Check")[0]
    assert check.props("news")["size"] == 1 and check.props("news")["tags"] == {"env": "a", "team": "y"}
    assert list(rpc(result, target, "Diff")[0].request.ignoreChanges) == ["size", "tags.env"]
    assert result.resources["ign"].op == "update" and engine.state("ign").inputs["tags"] == {"env": "a", "team": "y"}
    # An ignored key absent before is removed from the news.
    removed = engine.deploy([thing("ign", {"name": "ign-1", "size": 1, "tags": {"env": "a", "team": "y"}, "note": "n"}, ignore_changes=("note",))])
    assert "note" not in rpc(removed, target, "Check")[0].props("news") and removed.ops_of(target) == ["same"]


def test_protect_refuses_delete_and_replace(engine: Engine) -> None:
    engine.deploy([thing("prot", {"name": "prot-1"}, protect=True), thing("free", {"name": "free-1"})])
    prot = urn(engine, "prot")
    replaced = engine.deploy([thing("prot", {"name": "prot-2"}, protect=True), thing("free", {"name": "free-1"})])
    assert f'unable to replace resource "{prot}"\nas it is currently marked for protection' in str(replaced.errors[0])
    assert methods(replaced, prot) == ["Check", "Diff"] and not replaced.post_steps_ran
    removed = engine.deploy([])
    [error] = removed.errors
    assert str(error).startswith(f'resource "{prot}" cannot be deleted\nbecause it is protected.')
    # deleteProtectedError never stops a deployment: the other delete still ran.
    assert removed.ops_of(urn(engine, "free")) == ["delete"] and engine.has("prot") and not engine.has("free")
    # `pulumi destroy --target` of the protected resource alone refuses too, before any Delete.
    with pytest.raises(EngineError, match="cannot be deleted\nbecause it is protected"):
        engine.destroy("prot")
    assert engine.has("prot") and engine.calls("Delete", "prot") == []


def test_a_read_replacement_deletes_the_managed_resource_at_the_end_in_previews_too(engine: Engine) -> None:
    engine.deploy([thing("a", {"name": "a-1"}), thing("b", {"name": "b-1"})])
    program = [thing("a", {"name": "a-1"}, id="b-1"), thing("b", {"name": "b-1"})]
    a = urn(engine, "a")
    previewed = engine.deploy(program, preview=True)
    assert previewed.ops_of(a) == ["read-replacement", "replace", "delete-replaced"]
    assert engine.calls("Delete", "a") == []
    done = engine.deploy(program)
    assert done.ops_of(a) == previewed.ops_of(a) and [c.request.id for c in engine.calls("Delete", "a")] == ["a-1"]


def test_retain_on_delete_drops_the_state_without_delete(engine: Engine, store: Path) -> None:
    engine.deploy([thing("keep", {"name": "keep-1"}, retain_on_delete=True)])
    result = engine.deploy([])
    assert result.ops() == [("delete", urn(engine, "keep"))] and methods(result, urn(engine, "keep")) == []
    assert not engine.has("keep") and (store / "keep-1.json").exists()


# ---------------------------------------------------------------------------------------------
# Failures, continue-on-error, targets


def test_a_failed_step_stops_the_deployment_and_its_deletes(engine: Engine) -> None:
    engine.deploy([thing("gone", {"name": "fs-gone"}), thing("f1", {"name": "fs-1"})])
    result = engine.deploy([thing("f1", {"name": "fs-1", "size": 2, "fail_update": "no"}), thing("f2", {"name": "fs-2"})])
    assert [type(e).__name__ for e in result.errors] == ["ProviderError"]
    assert result.ops() == [("update", urn(engine, "f1"))] and not result.post_steps_ran
    assert engine.has("gone") and not engine.has("f2")  # neither the later create nor the delete ran


def test_continue_on_error_skips_dependents_and_protects_dependencies(engine: Engine) -> None:
    engine.deploy([thing("cbase", {"name": "ce-base"}), thing("cuser", {"name": "ce-user", "config": Ref("cbase", "name")})])
    program = [
        thing("cbad", {"name": "ce-bad", "fail": "boom"}),
        thing("cafter", {"name": "ce-after", "config": Ref("cbad", "name")}),
        thing("cok", {"name": "ce-ok"}),
        thing("cuser", {"name": "ce-user", "config": "ce-base", "size": 3, "fail_update": "no"}),
    ]
    result = engine.deploy(program, continue_on_error=True)
    assert result.post_steps_ran and len(result.errors) == 2
    assert result.resources["cafter"].skipped and not engine.has("cafter")
    assert rpc(result, urn(engine, "cafter"), "Check")[0].props("news").get("config") is None
    assert result.resources["cok"].op == "create" and engine.has("cok")
    # "cbase" left the program, but the errored update's old state depends on it: not deleted.
    [skipped] = [s for s in result.steps if s.urn == urn(engine, "cbase")]
    assert (skipped.op, skipped.skipped) == ("delete", True) and engine.has("cbase")


def test_target_updates_only_targets_and_keeps_the_rest(engine: Engine) -> None:
    engine.deploy([thing("ta", {"name": "tg-a"}), thing("tb", {"name": "tg-b", "config": Ref("ta", "name")}), thing("tr", {"name": "tg-r"})])
    a, b, r = (urn(engine, n) for n in ("ta", "tb", "tr"))
    program = [thing("ta", {"name": "tg-a", "size": 5}), thing("tb", {"name": "tg-b", "config": Ref("ta", "name"), "size": 6})]
    result = engine.deploy(program, targets=[a])
    assert result.ok and result.ops_of(a) == ["update"] and result.ops_of(b) == ["same"]
    assert methods(result, b) == [] and engine.state("tb").inputs.get("size") is None  # untargeted: old state kept
    assert result.ops_of(r) == ["same"] and engine.has("tr")  # not targeted: not deleted
    dependents = engine.deploy(program, targets=[a], target_dependents=True)
    assert dependents.ops_of(b) == ["update"] and engine.state("tb").inputs["size"] == 6
    untargeted_delete = engine.deploy(program, targets=[a, b])
    assert untargeted_delete.ok and engine.has("tr")
    deleted = engine.deploy(program, targets=[r])
    assert deleted.ops_of(r) == ["delete"] and not engine.has("tr")


def test_target_create_that_a_targeted_resource_needs_is_refused(engine: Engine) -> None:
    program = [thing("tc-new", {"name": "tc-new"}), thing("tc-user", {"name": "tc-user", "config": Ref("tc-new", "name")})]
    result = engine.deploy(program, targets=[urn(engine, "tc-user")])
    assert "which was was not specified in --target list" in str(result.errors[0])
    assert not engine.has("tc-new") and not engine.has("tc-user")


# ---------------------------------------------------------------------------------------------
# What the program sees; errors as the CLI shows them; stack-wide refresh and destroy


def test_preview_outputs_of_a_create_are_its_checked_inputs(engine: Engine) -> None:
    program = [thing("pv", {"name": "pv-1"}), thing("pv-user", {"config": Ref("pv", "name"), "note": Ref("pv", "arn")})]
    planned = engine.deploy(program, preview=True)
    check = rpc(planned, urn(engine, "pv-user"), "Check")[0]
    # A create in a preview hands back the checked inputs: "name" is known, "arn" is not.
    assert check.props("news")["config"] == "pv-1" and check.props("news")["note"] == UNKNOWN
    assert engine.snapshot() == {} and planned.resources["pv-user"].preview
    engine.deploy(program)
    same = engine.deploy(program, preview=True)
    assert rpc(same, urn(engine, "pv-user"), "Check")[0].props("news")["note"] == "arn:thing:pv-1"


def test_provider_errors_carry_raw_details_and_the_cli_text(engine: Engine) -> None:
    result = engine.deploy([thing("perr", {"name": "perr-1", "fail": "quota exceeded"})])
    [error] = result.errors
    lines = error.display.splitlines()
    assert lines[0] == f"  {TYPE_TOKEN} (perr):"
    assert lines[1].startswith("    error: ") and all(line.startswith("    ") for line in lines[1:])
    assert "create refused: quota exceeded" in error.message == error.details
    if TRACEBACKS:
        assert lines[1] == "    error: Traceback (most recent call last):"
        assert lines[-1].endswith("RuntimeError: create refused: quota exceeded")
    else:
        assert lines[1] == "    error: Exception calling application: create refused: quota exceeded"


def test_refresh_all_and_destroy_all(engine: Engine, store: Path) -> None:
    engine.deploy([thing("ra", {"name": "rd-a"}), thing("rb", {"name": "rd-b", "config": Ref("ra", "name")})])
    (store / "rd-b.json").unlink()
    refreshed = engine.refresh_all()
    assert [r.deleted for r in refreshed] == [False, True] and not engine.has("rb")
    destroyed = engine.destroy_all()
    assert destroyed.ok and destroyed.ops() == [("delete", urn(engine, "ra"))] and engine.snapshot() == {}


def test_secrets_in_refs_stay_secret(engine: Engine) -> None:
    from engine_standin import is_secret, secret

    engine.deploy([thing("sec-src", {"name": "sec-1", "note": secret("s3cr3t")}), thing("sec-use", {"name": "sec-2", "config": Ref("sec-src", "note")})])
    assert is_secret(engine.state("sec-use").inputs["config"]) and unwrap_secrets(engine.state("sec-use").inputs["config"]) == "s3cr3t"

"""The stand-in's pure decisions: URNs, aliases, ignoreChanges paths, triggers, delete rounds."""

from __future__ import annotations

from engine_standin import UNKNOWN, Alias, ResourceState, secret
from engine_standin import graph, steps
from engine_standin.values import parse_property_path, process_ignore_changes

T = "pkg:mod:Thing"
STACK_URN = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev"


def test_urns_chain_parent_types_and_omit_the_root_stack() -> None:
    parent = steps.make_urn("dev", "proj", "", "my:comp:Group", "grp")
    child = steps.make_urn("dev", "proj", parent, T, "kid")
    assert child == "urn:pulumi:dev::proj::my:comp:Group$pkg:mod:Thing::kid"
    assert steps.make_urn("dev", "proj", child, T, "gk") == "urn:pulumi:dev::proj::my:comp:Group$pkg:mod:Thing$pkg:mod:Thing::gk"
    assert steps.make_urn("dev", "proj", STACK_URN, T, "top") == "urn:pulumi:dev::proj::pkg:mod:Thing::top"


def test_aliases_fill_unset_fields_and_children_inherit_them() -> None:
    parent = steps.make_urn("dev", "proj", "", "my:comp:Group", "newapp")
    old_parent = steps.make_urn("dev", "proj", "", "my:comp:Group", "app")
    found = steps.generate_aliases([Alias(no_parent=True)], "newapp-fn", T, parent, {parent: old_parent}, "proj", "dev")
    assert found == [
        "urn:pulumi:dev::proj::pkg:mod:Thing::newapp-fn",
        "urn:pulumi:dev::proj::my:comp:Group$pkg:mod:Thing::app-fn",
    ]
    assert steps.collapse_alias("urn:x", "n", T, "", {}, "proj", "dev") == "urn:x"
    assert steps.collapse_alias(Alias(name="old", stack="prod"), "n", T, "", {}, "proj", "dev") == "urn:pulumi:prod::proj::pkg:mod:Thing::old"


def test_ignore_changes_paths() -> None:
    assert parse_property_path('a.b[0]["c.d"][*]') == ["a", "b", 0, "c.d", "*"]
    old = {"tags": {"env": "a"}, "list": [1, 2], "s": secret({"k": 1}), "nested": {"k": 1}}
    new = {"tags": {"env": "b", "x": "y"}, "list": [9, 8], "s": {"k": 2}, "gone": 1}
    ignored, invalid = process_ignore_changes(new, old, ["tags.env", "list[1]", "s.k", "gone", "tags.missing.deep", "nested.k"])
    assert ignored == {"tags": {"env": "a", "x": "y"}, "list": [9, 2], "s": {"k": secret(1)}}
    # A path absent on both sides is fine; one removed on the way ("nested") cannot be reset.
    assert invalid == ["nested.k"] and new["tags"]["env"] == "b"


def test_replacement_triggers() -> None:
    assert not steps.should_trigger_replace("v1", None) and not steps.should_trigger_replace(None, "v1")
    assert steps.should_trigger_replace("v2", "v1") and not steps.should_trigger_replace(secret("v"), "v")
    assert steps.should_trigger_replace(UNKNOWN, "v")


def test_decisions() -> None:
    assert steps.decide(some=False, replaces=(), provider_dbr=False, option_dbr=None, triggered=False,
                        pending_replacement=False, targeted_replace=False).kind == "same"
    replace = steps.decide(some=True, replaces=("name",), provider_dbr=True, option_dbr=False, triggered=False,
                           pending_replacement=False, targeted_replace=True)
    assert (replace.kind, replace.delete_before_replace, replace.recheck) == ("replace", False, False)


def _state(name: str, *deps: str, delete: bool = False) -> ResourceState:
    return ResourceState(f"urn:{name}", T, name, name, {}, {}, dependencies=tuple(f"urn:{d}" for d in deps), delete=delete)


def test_delete_rounds_and_transitive_dependencies() -> None:
    a, b, c = _state("a"), _state("b", "a"), _state("c", "b")
    assert graph.antichains([a, b, c], [a, b, c]) == [[c], [b], [a]]
    assert graph.depending_on([a, b, c], a) == [b, c]
    old_a, new_a, user = _state("a", delete=True), _state("a"), _state("u", "a")
    assert graph.transitive_dependencies_of([old_a, new_a, user], user) == [new_a]
    assert graph.transitive_dependencies_of([old_a, user], user) == [old_a]

"""Every path the engine takes with an Endpoint, through the SDK's dynamic provider server on the emulator: targeted
replace (`--replace`, taint, a replacement trigger), the delete_before_replace option, import_ removed, aliases
(rename, new parent), owners under parents and organizations, customTimeouts, ignore_changes, protect and
retain_on_delete. What each path sends is modelled by engine_standin (each behaviour cites step_generator.go,
step.go or deployment_executor.go); these tests show what the provider makes of it."""
from __future__ import annotations

from typing import Any

import pytest

from engine_standin import Alias, CheckFailed, Declaration, Engine, Options
from pulumi_sagemaker_endpoint.core.owner import OWNER_TAG, owner, tag_value, urn
from pulumi_sagemaker_endpoint.face.resource import DEFAULT_ORGANIZATION, endpoint_props

from .support import PROVIDER, TYPE, tags_of

GROUP = "my:index:Group"  # a component resource, as a parent


def endpoint(engine: Engine, resource: str = "inference", *, parent: str | None = None,
             organization: str = DEFAULT_ORGANIZATION, timeouts: dict | None = None, opts: Options = Options(),
             **inputs: Any) -> Declaration:
    """What `Endpoint(resource, ..., opts)` registers, as a declaration of a program of project "test"."""
    parent_urn = engine.urn(parent, GROUP) if parent else None
    own = urn(engine.stack, engine.project, TYPE, resource, parent_urn)
    assert own == engine.urn(resource, TYPE, parent_urn or ""), "the Endpoint class forms the URN the engine forms"
    registered = endpoint_props(owner(organization, own), timeouts, opts.delete_before_replace, **inputs)
    inputs = {key: value for key, value in registered.items() if value is not None}
    return Declaration(resource, TYPE, inputs, PROVIDER, Options(**{**opts.__dict__, "parent": parent}))


def group(name: str = "group") -> Declaration:
    return Declaration(name, GROUP, {}, None)


def live(sm: Any, name: str) -> bool:
    return any(e["EndpointName"] == name for e in sm.list_endpoints(MaxResults=100)["Endpoints"])


def state_id(engine: Engine, name: str = "inference") -> str:
    return engine.state(name).id


@pytest.fixture
def created(engine, sm) -> str:
    result = engine.deploy([endpoint(engine, endpointConfigName="cfg-v1")])
    assert result.ok, result.errors
    return state_id(engine)


# ---- targeted replace -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["--replace", "taint", "replacement-trigger"])
def test_a_targeted_replace_of_an_auto_named_endpoint_creates_a_new_one_then_deletes_the_old(engine, sm, created,
                                                                                             how):
    urn_ = engine.urn("inference", TYPE)
    program = [endpoint(engine, endpointConfigName="cfg-v1", opts=Options(replacement_trigger="v2"
                                                                         if how == "replacement-trigger" else None))]
    if how == "replacement-trigger":
        assert engine.deploy([endpoint(engine, endpointConfigName="cfg-v1", opts=Options(replacement_trigger="v1"))]
                             ).ok
    if how == "taint":
        engine.taint(urn_)
    planned = engine.deploy(program, preview=True, replace=[urn_] if how == "--replace" else [])
    assert planned.resources["inference"].inputs["name"] != created, "the preview shows the new name"

    result = engine.deploy(program, replace=[urn_] if how == "--replace" else [])
    assert result.ok, result.errors
    assert result.ops_of(urn_) == ["create-replacement", "replace", "delete-replaced"]
    new = state_id(engine)
    assert new != created and new == planned.resources["inference"].inputs["name"]
    assert live(sm, new), "the endpoint the state points to is live"
    assert not live(sm, created), "the replaced endpoint is gone"
    assert sm.describe_endpoint(EndpointName=new)["EndpointStatus"] == "InService"


def test_a_second_targeted_replace_moves_back_to_a_free_name(engine, sm, created):
    urn_ = engine.urn("inference", TYPE)
    program = [endpoint(engine, endpointConfigName="cfg-v1")]
    assert engine.deploy(program, replace=[urn_]).ok
    first = state_id(engine)
    assert engine.deploy(program, replace=[urn_]).ok
    assert state_id(engine) not in (first,) and live(sm, state_id(engine)) and not live(sm, first)


def test_an_explicit_name_replaced_create_first_is_refused_before_anything_is_deleted(engine, sm, emulator):
    program = [endpoint(engine, name="fixed", endpointConfigName="cfg-v1")]
    assert engine.deploy(program).ok
    urn_ = engine.urn("inference", TYPE)
    emulator.reset_stats()
    for preview in (True, False):
        result = engine.deploy(program, preview=preview, replace=[urn_])
        [failed] = result.errors
        assert isinstance(failed, CheckFailed)
        [(path, reason)] = failed.failures
        assert path == "name" and "delete_before_replace=True" in reason
        assert reason.count(".") == 1 or reason.endswith(".")
    calls = emulator.stats()["calls"]
    assert calls.get("DeleteEndpoint", 0) == 0 and calls.get("CreateEndpoint", 0) == 0
    assert live(sm, "fixed") and state_id(engine) == "fixed"


def test_an_explicit_name_replaced_with_delete_before_replace_works(engine, sm):
    dbr = Options(delete_before_replace=True)
    program = [endpoint(engine, name="fixed", endpointConfigName="cfg-v1", opts=dbr)]
    assert engine.deploy(program).ok
    before = sm.describe_endpoint(EndpointName="fixed")["CreationTime"]
    result = engine.deploy(program, replace=[engine.urn("inference", TYPE)])
    assert result.ok, result.errors
    assert result.ops_of(engine.urn("inference", TYPE)) == ["delete-replaced", "replace", "create-replacement"]
    assert sm.describe_endpoint(EndpointName="fixed")["CreationTime"] > before, "a new endpoint of that name"
    assert state_id(engine) == "fixed"


# ---- names kept -------------------------------------------------------------------------------------------------

def test_removing_import_after_an_adoption_keeps_the_endpoint(engine, sm):
    sm.create_endpoint(EndpointName="legacy-ep", EndpointConfigName="cfg-v1")
    sm.get_waiter("endpoint_in_service").wait(EndpointName="legacy-ep", WaiterConfig={"Delay": 0.2})
    assert engine.deploy([endpoint(engine, "legacy", endpointConfigName="cfg-v1", importId="legacy-ep")]).ok
    planned = engine.deploy([endpoint(engine, "legacy", endpointConfigName="cfg-v1")], preview=True)
    assert planned.resources["legacy"].op == "same", planned.resources["legacy"]
    result = engine.deploy([endpoint(engine, "legacy", endpointConfigName="cfg-v1")])
    assert result.resources["legacy"].op == "same"
    assert state_id(engine, "legacy") == "legacy-ep" and live(sm, "legacy-ep")


def test_renaming_with_an_alias_keeps_the_endpoint_and_retags_its_owner(engine, sm, created):
    renamed = endpoint(engine, "ranker", endpointConfigName="cfg-v1", opts=Options(aliases=(Alias(name="inference"),)))
    planned = engine.deploy([renamed], preview=True)
    assert planned.resources["ranker"].op == "update" and planned.resources["ranker"].replaces == ()
    result = engine.deploy([renamed])
    assert result.ok and result.resources["ranker"].op == "update"
    assert state_id(engine, "ranker") == created and live(sm, created)
    assert tags_of(sm, created)[OWNER_TAG] == tag_value(renamed.inputs["owner"])


def test_moving_under_a_new_parent_with_an_alias_keeps_the_endpoint(engine, sm, created):
    moved = endpoint(engine, parent="group", endpointConfigName="cfg-v1",
                     opts=Options(aliases=(Alias(no_parent=True),)))
    result = engine.deploy([group(), moved])
    assert result.ok, result.errors
    assert result.resources["inference"].op == "update" and result.resources["inference"].replaces == ()
    assert state_id(engine) == created and live(sm, created)
    assert engine.state("inference").urn == engine.urn("inference", TYPE, engine.urn("group", GROUP))


# ---- owners -----------------------------------------------------------------------------------------------------

def test_endpoints_of_one_name_at_the_top_and_under_a_parent_get_their_own_names(engine, sm):
    """Their URNs differ by the parent's type; their old owner `project/stack/name` was the same."""
    program = [group("a"), endpoint(engine, "inference", endpointConfigName="cfg-v1"),
               endpoint(engine, "inference", parent="a", endpointConfigName="cfg-v1")]
    result = engine.deploy(program)
    assert result.ok, result.errors
    names = {state.id for state in engine.resources() if state.type == TYPE}
    assert len(names) == 2 and all(live(sm, name) for name in names)


def test_one_project_and_stack_in_two_organizations_do_not_share_endpoints(emulator, sm):
    from tests.harness import open_engine

    from .support import CONFIG

    names = []
    for organization in ("acme", "globex"):
        with open_engine(CONFIG, env=emulator.env()) as engine:
            assert engine.deploy([endpoint(engine, organization=organization, endpointConfigName="cfg-v1")]).ok
            names.append(state_id(engine))
            assert tags_of(sm, names[-1])[OWNER_TAG].startswith(f"{organization}/")
    assert names[0] != names[1] and all(live(sm, name) for name in names)


# ---- customTimeouts, ignore_changes, protect, retain_on_delete ---------------------------------------------------

def test_a_change_of_custom_timeouts_alone_reaches_what_delete_and_read_receive(engine, sm):
    assert engine.deploy([endpoint(engine, timeouts={"delete": 600.0}, endpointConfigName="cfg-v1")]).ok
    result = engine.deploy([endpoint(engine, timeouts={"delete": 1200.0}, endpointConfigName="cfg-v1")])
    assert result.resources["inference"].op == "update"
    assert engine.state("inference").outputs["timeouts"] == {"delete": 1200.0}
    engine.refresh("inference")
    [read] = engine.calls("Read", name="inference")
    assert read.props("properties")["timeouts"] == {"delete": 1200.0}
    engine.destroy("inference")
    [delete] = engine.calls("Delete", name="inference")
    assert delete.props("properties")["timeouts"] == {"delete": 1200.0}


def test_ignore_changes_takes_the_state_form_camel_case_paths(engine, sm, created):
    assert engine.deploy([endpoint(engine, endpointConfigName="cfg-v1", tags={"team": "ml"})]).ok
    ignoring = Options(ignore_changes=("tags.team",))
    result = engine.deploy([endpoint(engine, endpointConfigName="cfg-v1", tags={"team": "search"}, opts=ignoring)])
    assert result.resources["inference"].op == "same"
    assert tags_of(sm, created)["team"] == "ml"
    result = engine.deploy([endpoint(engine, endpointConfigName="cfg-v2", tags={"team": "search"},
                                     opts=Options(ignore_changes=("endpointConfigName",)))])
    assert result.resources["inference"].op == "update", "the tag change is no longer ignored"
    assert sm.describe_endpoint(EndpointName=created)["EndpointConfigName"] == "cfg-v1"
    assert tags_of(sm, created)["team"] == "search"


def test_a_protected_endpoint_is_neither_replaced_nor_deleted(engine, sm, created):
    protected = [endpoint(engine, endpointConfigName="cfg-v1", opts=Options(protect=True))]
    assert engine.deploy(protected).ok
    replaced = engine.deploy(protected, replace=[engine.urn("inference", TYPE)])
    assert replaced.errors and "protect" in str(replaced.errors[0])
    destroyed = engine.destroy_all()
    assert destroyed.errors and "protect" in str(destroyed.errors[0])
    assert live(sm, created) and state_id(engine) == created


def test_retain_on_delete_leaves_the_endpoint_and_sends_no_delete(engine, sm, created):
    assert engine.deploy([endpoint(engine, endpointConfigName="cfg-v1", opts=Options(retain_on_delete=True))]).ok
    result = engine.deploy([])
    assert result.ok and "Delete" not in result.methods(engine.urn("inference", TYPE))
    assert live(sm, created) and not engine.has("inference")

"""Engine paths through the SDK's dynamic provider server on the emulator, with engine_standin: owners under parents
and organizations, customTimeouts, ignore_changes, protect and retain_on_delete. Replacements (`--replace`, taint,
a replacement trigger, delete_before_replace), import_ removed and aliases (rename, new parent) run on the real
`pulumi` CLI instead (tests/engine/test_engine_paths.py)."""
from __future__ import annotations

from typing import Any

import pytest

from engine_standin import Declaration, Engine, Options
from pulumi_sagemaker_endpoint.core.owner import OWNER_TAG, owner, urn
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

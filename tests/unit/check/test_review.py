"""Property-based tests of `check()`, with inputs generated from `schema.json` itself (a small generator below:
strings from the schema's patterns and lengths, numbers from its bounds, objects with their required and some
optional properties, if/then branches and one-of rules honoured) and then mutated.

- `check()` never raises, whatever it is given (junk of any shape, unknowns anywhere);
- every valid input, in any accepted form (camelCase, snake_case, the API's PascalCase, tags as a mapping or as
  the API's list, numbers as the wire's floats), is accepted and normalised to the state form;
- every mutation that makes it invalid (schema-invalid or against `rules.static_failures`: invalid characters,
  over-long values, wrong types, out-of-range numbers, unknown properties, tag limits, duplicate tag keys in list
  form...) is rejected, and every CheckFailure is on the mutated property's path (or under or over it).
"""
from __future__ import annotations

import copy
import os
import re
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pulumi_sagemaker_endpoint.aws import clients as aws
from pulumi_sagemaker_endpoint.check import lookups, naming, rules
from pulumi_sagemaker_endpoint.face.provider import EndpointProvider
from pulumi_sagemaker_endpoint.check.failures import property_path
from pulumi_sagemaker_endpoint.check.schema import schema
from pulumi_sagemaker_endpoint.core.unknowns import UNKNOWN

PROVIDER = EndpointProvider()
SCHEMA = schema()
OWNER = "proj/dev/inference"
USER_KEYS = ("name", "endpointConfigName", "deploymentConfig", "tags", "retainAllVariantProperties",
             "excludeRetainedVariantProperties", "retainDeploymentConfig", "region", "roleArn", "timeouts")
REGIONS = sorted(aws.known_regions())
SETTINGS = settings(max_examples=int(os.environ.get("CHECK_PROPERTY_EXAMPLES", "100")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
Path = tuple[Any, ...]


# ---- a generator from the schema ---------------------------------------------------------------------------------

END = "(?![\\s\\S])"  # how schema.json pins the true end of a value (Python's `$` also matches before a "\n")


def matches(pattern: str | None, text: str) -> bool:
    """The pattern as SageMaker applies it: the whole value, no trailing newline let through by `$`."""
    core = pattern.removesuffix(END).removeprefix("^").removesuffix("$") if pattern else None
    return core is None or re.fullmatch(core, text) is not None


def strings(node: dict) -> st.SearchStrategy[str]:
    if "enum" in node:
        return st.sampled_from(node["enum"])
    low, high, pattern = node.get("minLength", 0), min(node.get("maxLength", 80), 300), node.get("pattern")
    core = pattern.removesuffix(END) if pattern else None
    if core is None:
        base = st.text(min_size=low, max_size=high)
    elif "(?!" in core:  # lookaheads are beyond from_regex: draw text and keep what matches
        base = st.text(min_size=max(low, 1), max_size=min(high, 40))
    else:
        base = st.from_regex(core, fullmatch=True)
    return base.filter(lambda s: low <= len(s) <= high and matches(pattern, s))


def conditionals(node: dict) -> list[tuple[str, Any, dict]]:
    """(property, value, then) for each `allOf: [{if: {properties: {p: {const: v}}}, then}]`."""
    found = []
    for branch in node.get("allOf", []):
        condition = branch["if"]["properties"]
        [(prop, test)] = condition.items()
        found.append((prop, test["const"], branch["then"]))
    return found


def merged(base: dict, then: dict) -> dict:
    node = copy.deepcopy(base)
    node["required"] = [*node.get("required", []), *then.get("required", [])]
    for prop, extra in then.get("properties", {}).items():
        if extra.get("not") == {}:
            node.setdefault("forbidden", []).append(prop)
        else:
            node["properties"][prop] = {**node["properties"][prop], **extra}
    return node


@st.composite
def objects(draw: Callable, node: dict, keys: tuple[str, ...] | None = None) -> dict:
    if "additionalProperties" in node and isinstance(node["additionalProperties"], dict):  # a map: tags
        names = strings(node["propertyNames"]).filter(lambda k: not re.match(node["propertyNames"]["not"]["pattern"],
                                                                             k))
        return draw(st.dictionaries(names, values(node["additionalProperties"]),
                                    max_size=min(node.get("maxProperties", 5), 6)))
    result: dict = {}
    for prop, value, then in conditionals(node):  # draw the deciding property first, then its branch
        if prop not in result:
            result[prop] = draw(values(node["properties"][prop]))
        if result[prop] == value:
            node = merged(node, then)
    exclusive = node.get("not", {}).get("required", [])
    skip = draw(st.sampled_from(exclusive)) if exclusive else None  # "only one of": leave one out
    for prop in keys or tuple(node["properties"]):
        if prop in result or prop in node.get("forbidden", []) or prop == skip:
            continue
        if prop in node.get("required", []) or draw(st.booleans()):
            result[prop] = draw(values(node["properties"][prop]))
    return result


def values(node: dict) -> st.SearchStrategy[Any]:
    kind = node.get("type")
    if kind == "string":
        return strings(node)
    if kind == "integer":
        low = node.get("minimum", 0)
        return st.integers(low, node.get("maximum", low + 10_000))
    if kind == "number":
        return st.floats(min_value=0.5, max_value=1e6, allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(values(node["items"]), min_size=node.get("minItems", 0), max_size=min(node.get("maxItems", 3),
                                                                                                 4))
    if kind == "object":
        return objects(node)
    raise AssertionError(f"schema node the generator does not know: {node}")


def keep_rules(inputs: dict) -> dict:
    """Valid by the rules too: each execution timeout larger than the waits it must contain."""
    for failure in rules.static_failures(inputs):
        *parents, leaf = failure.property.split(".")
        policy = inputs
        for part in parents:
            policy = policy[part]
        routing = policy.get("trafficRoutingConfiguration", {})
        waits = policy.get("waitIntervalInSeconds", 0) + policy.get("terminationWaitInSeconds", 0) + routing.get(
            "waitIntervalInSeconds", 0)
        policy[leaf] = max(600, waits + 1)
    return inputs


@st.composite
def valid_inputs(draw: Callable) -> dict:
    """The state form of valid inputs, as `Endpoint(...)` registers them (with the owner it adds)."""
    inputs = draw(objects(SCHEMA, USER_KEYS))
    if "region" in inputs:
        inputs["region"] = draw(st.sampled_from(REGIONS))  # a region botocore knows SageMaker in
    return {**keep_rules(inputs), "owner": OWNER}


# ---- the forms a program may write them in -------------------------------------------------------------------------

def snake(key: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def pascal(key: str) -> str:
    return key[:1].upper() + key[1:]


def rekey(value: Any, form: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        return {form(k): rekey(v, form) for k, v in value.items()}
    if isinstance(value, list):
        return [rekey(v, form) for v in value]
    return value


def wire_numbers(value: Any) -> Any:
    """Numbers cross the engine's wire as floats."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return {k: wire_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire_numbers(v) for v in value]
    return value


@st.composite
def as_written(draw: Callable, state: dict) -> dict:
    news = dict(state)
    if "deploymentConfig" in news:
        news["deploymentConfig"] = rekey(news["deploymentConfig"], draw(st.sampled_from([str, snake, pascal])))
    if "tags" in news and draw(st.booleans()):
        key, value = draw(st.sampled_from([("Key", "Value"), ("key", "value")]))
        news["tags"] = [{key: k, value: v} for k, v in news["tags"].items()]
    if "excludeRetainedVariantProperties" in news:
        form = draw(st.sampled_from(["state", "names", "api"]))
        items = news["excludeRetainedVariantProperties"]
        news["excludeRetainedVariantProperties"] = (
            [item["variantPropertyType"] for item in items] if form == "names" else rekey(items, pascal)
            if form == "api" else items)
    if draw(st.booleans()):
        news = wire_numbers(news)
    if draw(st.booleans()):
        news = {("endpoint_config_name" if k == "endpointConfigName" else k): v for k, v in news.items()}
    return news


@pytest.fixture(scope="module", autouse=True)
def _no_aws():
    """These tests are about the inputs, not AWS: every name a new endpoint asks for is free (tests/integration
    claims names against the emulator), and a create's EndpointConfig is as if not visible yet (a warning)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(naming, "sagemaker", lambda target: None)
        patch.setattr(naming, "find_endpoint", lambda client, name: None)
        patch.setattr(lookups, "new_config", lambda inputs, target: None)
        yield


def check(news: dict, olds: dict | None = None) -> tuple[dict, list[tuple[str, str]]]:
    result = PROVIDER.check(olds or {}, news)
    return result.inputs, [(failure.property, failure.reason) for failure in result.failures]


# ---- valid inputs are accepted, in every form -------------------------------------------------------------------

@SETTINGS
@given(st.data())
def test_every_valid_input_is_accepted_in_every_form(data):
    state = data.draw(valid_inputs())
    news = data.draw(as_written(state))
    inputs, failures = check(news)
    assert failures == []
    for key, value in state.items():
        assert inputs[key] == value, key
    assert re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", inputs["name"]), "auto-named within the API's rules"
    assert isinstance(inputs["rolloutPlan"], str)


# ---- mutations ---------------------------------------------------------------------------------------------------

def leaves(value: Any, path: Path = ()) -> list[Path]:
    """Every path into the value (objects and lists included), as keys and indexes."""
    found = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += leaves(v, (*path, i))
    return found


def get(value: Any, path: Path) -> Any:
    for part in path:
        value = value[part]
    return value


def put(value: Any, path: Path, new: Any) -> None:
    get(value, path[:-1])[path[-1]] = new


def node_at(path: Path) -> dict:
    """The schema node a state-form path leads to (branches merged where they constrain it)."""
    node = SCHEMA
    for part in path:
        if isinstance(part, int):
            node = node["items"]
        elif "properties" in node and part in node["properties"]:
            node = node["properties"][part]
        else:
            node = node["additionalProperties"]
    return node


def wrong_type(value: Any) -> st.SearchStrategy[Any]:
    """A value of another JSON type than `value` (never None: a None input is an absent one)."""
    options = [st.integers(-5, 5).map(lambda i: i + 0.5), st.just(True), st.just([1]), st.just({"x": 1}),
               st.sampled_from(["?", "x y"])]
    kinds = {bool: 1, list: 2, dict: 3, str: 4}
    options.pop(kinds[type(value)]) if type(value) in kinds else options.pop(0)
    return st.one_of(options)


@st.composite
def mutations(draw: Callable) -> tuple[dict, str]:
    """(news, the path the failure must be on) for one input made invalid by one mutation."""
    state = draw(valid_inputs())
    paths = [p for p in leaves({k: v for k, v in state.items() if k != "owner"})]
    strings_at = [p for p in paths if isinstance(get(state, p), str) and node_at(p).get("maxLength")
                  and p[0] != "tags"]
    numbers_at = [p for p in paths if type(get(state, p)) is int and ("maximum" in node_at(p)
                                                                      or "minimum" in node_at(p))]
    kind = draw(st.sampled_from(["wrong type", "too long", "bad character", "out of range", "unknown property",
                                 "missing config", "tag limits", "timeout rule", "both policies", "enum",
                                 "region", "alias"]))
    news = copy.deepcopy(state)
    if kind == "wrong type" and paths:
        path = draw(st.sampled_from(paths))
        put(news, path, draw(wrong_type(get(news, path))))
        if path[0] == "tags" and len(path) == 1 and isinstance(get(news, path), list):
            return news, "tags[0]"
        return news, property_path(path)
    if kind == "too long" and strings_at:
        path = draw(st.sampled_from(strings_at))
        limit = node_at(path)["maxLength"]
        put(news, path, "a" * draw(st.integers(limit + 1, limit + 40)))
        return news, property_path(path)
    if kind == "bad character":
        key = draw(st.sampled_from(["name", "endpointConfigName"]))
        value = news.get(key, "endpoint")
        at = draw(st.integers(0, len(value)))
        news[key] = value[:at] + draw(st.sampled_from([*"_ .!/@#:é", "\n"])) + value[at:]
        return news, key
    if kind == "out of range" and numbers_at:
        path = draw(st.sampled_from(numbers_at))
        node = node_at(path)
        below = node.get("minimum", 0) - draw(st.integers(1, 100))
        above = node["maximum"] + draw(st.integers(1, 100)) if "maximum" in node else below
        put(news, path, draw(st.sampled_from([below, above])))
        return news, property_path(path)
    if kind == "unknown property":
        objects_at = [()] + [p for p in paths if isinstance(get(state, p), dict) and p[0] != "tags"]
        path = draw(st.sampled_from(objects_at))
        get(news, path)["endpointConfigNmae" if not path else "waitIntervalSeconds"] = 1
        return news, property_path([*path, "endpointConfigNmae" if not path else "waitIntervalSeconds"])
    if kind == "missing config":
        del news["endpointConfigName"]
        return news, "endpointConfigName"
    if kind == "tag limits":
        tags = dict(news.get("tags") or {})
        limit = draw(st.sampled_from(["count", "key", "value", "reserved", "duplicate"]))
        if limit == "count":
            news["tags"] = {f"k{i}": "v" for i in range(draw(st.integers(51, 60)))}
            return news, "tags"
        if limit == "key":
            news["tags"] = {**tags, "k" * draw(st.integers(129, 140)): "v"}
            return news, "tags"
        if limit == "value":
            news["tags"] = {**tags, "team": "v" * draw(st.integers(257, 270))}
            return news, "tags.team"
        if limit == "reserved":
            news["tags"] = {**tags, "aws:" + draw(st.sampled_from(["team", "cloudformation:stack-name", ""])): "v"}
            return news, "tags"
        items = [{"Key": k, "Value": v} for k, v in {**tags, "team": "ml"}.items()]
        at = draw(st.integers(0, len(items)))
        news["tags"] = items[:at] + [{"Key": "team", "Value": "other"}] + items[at:]
        return news, "tags"
    if kind == "timeout rule":
        news["deploymentConfig"] = {"blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {"type": "ALL_AT_ONCE", "waitIntervalInSeconds": 3600},
            "terminationWaitInSeconds": 3600, "maximumExecutionTimeoutInSeconds": draw(st.integers(600, 7200))}}
        return news, "deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds"
    if kind == "both policies":
        news["deploymentConfig"] = {
            "blueGreenUpdatePolicy": {"trafficRoutingConfiguration": {"type": "ALL_AT_ONCE",
                                                                      "waitIntervalInSeconds": 0}},
            "rollingUpdatePolicy": {"maximumBatchSize": {"type": "INSTANCE_COUNT", "value": 1},
                                    "waitIntervalInSeconds": 0}}
        return news, "deploymentConfig"
    if kind == "enum":
        news["deploymentConfig"] = {"blueGreenUpdatePolicy": {"trafficRoutingConfiguration": {
            "type": draw(st.sampled_from(["HALF", "canary", ""])), "waitIntervalInSeconds": 0}}}
        return news, "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.type"
    if kind == "region":
        news["region"] = draw(st.sampled_from(["zz-north-9", "US-EAST-1", "mars", "us-east-1 "]))
        return news, "region"
    news.pop("name", None)  # "alias": the API's own spelling of the name, invalid
    news["endpointName"] = draw(st.sampled_from(["-leading", "trailing-", "two__bars", "x" * 64]))
    return news, "name"


def related(failure: str, mutated: str) -> bool:
    """On the mutated path, under it or over it."""
    return failure == mutated or any(a.startswith(b) and a[len(b)] in ".[" for a, b in ((failure, mutated),
                                                                                          (mutated, failure))
                                     if len(a) > len(b))


@SETTINGS
@given(mutations())
def test_every_invalid_input_is_rejected_on_the_mutated_path(mutation):
    news, mutated = mutation
    _, failures = check(news)
    assert failures, f"accepted although {mutated} is invalid: {news}"
    assert all(related(path, mutated) for path, _ in failures), (mutated, failures)
    assert all(reason.endswith((".", "?")) and "\n" not in reason for _, reason in failures)


# ---- check never raises ------------------------------------------------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8)
                    | st.just(UNKNOWN), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=12)
KEYS = st.sampled_from([*USER_KEYS, "owner", "endpointName", "endpoint_config_name", "deployment_config",
                        "importId", "rolloutPlan", "arn", "__provider"]) | st.text(max_size=8)


@SETTINGS
@given(st.dictionaries(KEYS, JSON, max_size=6), st.dictionaries(KEYS, JSON, max_size=3))
def test_check_never_raises_on_junk(news, olds):
    olds.pop("endpointConfigName", None)  # no rollout to plan: this test makes no AWS call
    inputs, failures = check(news, olds)
    assert isinstance(inputs, dict)
    assert all(isinstance(path, str) and reason for path, reason in failures)


@SETTINGS
@given(st.data())
def test_check_never_raises_on_valid_inputs_with_junk_or_unknowns_inside(data):
    news = data.draw(valid_inputs())
    paths = leaves(news)
    assume(paths)
    for path in data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True)):
        try:
            put(news, path, data.draw(JSON))
        except (KeyError, IndexError, TypeError):
            pass  # an earlier replacement removed its parent
    inputs, failures = check(news)
    assert isinstance(inputs, dict) and isinstance(failures, list)


def test_list_form_tags_with_keys_that_are_not_strings_are_failures_not_crashes():
    _, failures = check({"owner": OWNER, "endpointConfigName": "cfg",
                         "tags": [{"Key": ["x"], "Value": "1"}, {"Key": {"a": 1}}, {"Key": 5, "Value": "v"}]})
    assert [path for path, _ in failures] == ["tags[0].key", "tags[1].key", "tags[2].key"]


def test_a_name_with_a_trailing_newline_is_rejected():
    """Python's `$` also matches before a final newline; SageMaker's patterns match the whole value."""
    _, failures = check({"owner": OWNER, "endpointConfigName": "cfg", "name": "scoring\n"})
    assert [path for path, _ in failures] == ["name"]


def test_every_region_botocore_knows_sagemaker_in_is_accepted():
    """eusc-de-east-1 (partition aws-eusc) included."""
    refused = sorted(region for region in aws.known_regions()
                     if check({"owner": OWNER, "endpointConfigName": "cfg", "region": region})[1])
    assert refused == []


def test_an_unknown_property_is_one_full_sentence():
    _, failures = check({"owner": OWNER, "endpointConfigName": "cfg",
                         "excludeRetainedVariantProperties": [{"variantPropertyType": "DesiredWeight", "zzz": 1}]})
    assert [path for path, _ in failures] == ["excludeRetainedVariantProperties[0].zzz"]
    assert failures[0][1].endswith(".")

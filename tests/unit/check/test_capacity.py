"""Weights and desired counts: the rules against the EndpointConfig, what differs from a fleet, the plan's words."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check import capacity

CONFIG = {"ProductionVariants": [
    {"VariantName": "a", "InitialInstanceCount": 2, "InitialVariantWeight": 1.0, "InstanceType": "ml.m5.large"},
    {"VariantName": "b", "InitialInstanceCount": 2, "InitialVariantWeight": 1.0, "InstanceType": "ml.m5.large"},
    {"VariantName": "sls", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}]}


def inputs(**extra) -> dict:
    return {"endpointConfigName": "cfg-2", **extra}


def test_a_variant_the_config_lacks_is_named_with_the_ones_it_has():
    [failure] = capacity.failures(inputs(variantWeights={"a": 2, "c": 1}), CONFIG)
    assert failure.property == "variantWeights.c"
    assert "endpoint config cfg-2 does not have (it has a, b, sls)" in failure.reason


def test_a_count_for_a_serverless_variant_is_refused_but_its_weight_is_not():
    [failure] = capacity.failures(inputs(variantWeights={"sls": 1}, desiredInstanceCounts={"sls": 2, "a": 3}), CONFIG)
    assert failure.property == "desiredInstanceCounts.sls" and "serverless" in failure.reason


def test_pending_sends_only_what_differs_and_never_an_autoscaled_count():
    fleet = {"a": {"DesiredWeight": 1.0, "DesiredInstanceCount": 2}, "b": {"DesiredWeight": 1.0,
                                                                         "DesiredInstanceCount": 2}}
    asked = inputs(variantWeights={"a": 1, "b": 3}, desiredInstanceCounts={"a": 2, "b": 4})
    assert capacity.pending(asked, fleet) == [{"VariantName": "b", "DesiredWeight": 3, "DesiredInstanceCount": 4}]
    assert capacity.pending(asked, fleet, autoscaled={"b"}) == [{"VariantName": "b", "DesiredWeight": 3}]


def test_a_rollout_leaves_the_new_configs_values_unless_they_are_retained():
    live = {"a": {"DesiredWeight": 3.0, "DesiredInstanceCount": 5}}
    assert capacity.after_rollout(inputs(), CONFIG, live)["a"] == {"DesiredWeight": 1.0, "DesiredInstanceCount": 2}
    retained = inputs(retainAllVariantProperties=True,
                      excludeRetainedVariantProperties=[{"variantPropertyType": "DesiredWeight"}])
    assert capacity.after_rollout(retained, CONFIG, live)["a"] == {"DesiredWeight": 1.0, "DesiredInstanceCount": 5}


def test_changed_compares_the_inputs_with_absent_and_empty_alike():
    assert not capacity.changed({"variantWeights": {}}, inputs())
    assert capacity.changed({"variantWeights": {"a": 1}}, inputs(variantWeights={"a": 2}))


def test_plan_text_says_from_and_to():
    fleet = capacity.from_config(CONFIG)
    entries = capacity.pending(inputs(variantWeights={"a": 3, "b": 0.5}, desiredInstanceCounts={"a": 4}), fleet)
    assert capacity.plan_text(entries, fleet) == "weights a 1 -> 3, b 1 -> 0.5; instances a 2 -> 4"
    assert capacity.plan_text(entries, {}) == "weights a 3, b 0.5; instances a 4"
    assert capacity.plan_text([], fleet) == ""


def test_variants_are_in_name_order_whatever_order_the_wire_gave():
    asked = inputs(desiredInstanceCounts={"b": 1, "a": 3})
    assert [e["VariantName"] for e in capacity.pending(asked, {})] == ["a", "b"]

"""The autoscaling rules and plan text, as pure functions, and when check() reads AWS for them at all."""
from __future__ import annotations

import pytest

from pulumi_sagemaker_endpoint.check import autoscaling
from pulumi_sagemaker_endpoint.check.autoscaling import VariantChange

TARGET = {"MinCapacity": 1, "MaxCapacity": 6}
LIVE = {"ProductionVariants": [{"VariantName": "primary", "InstanceType": "ml.m5.large"},
                               {"VariantName": "shadow", "InstanceType": "ml.m5.large"},
                               {"VariantName": "plain", "InstanceType": "ml.m5.large"}]}
DESCRIBED = {"ProductionVariants": [{"VariantName": "primary", "DesiredInstanceCount": 5},
                                    {"VariantName": "shadow", "DesiredInstanceCount": 3},
                                    {"VariantName": "plain", "DesiredInstanceCount": 2}]}
NEW = {"ProductionVariants": [{"VariantName": "primary", "InstanceType": "ml.c5.xlarge", "InitialInstanceCount": 2},
                              {"VariantName": "plain", "InstanceType": "ml.c5.xlarge", "InitialInstanceCount": 2}]}
INPUTS = {"name": "ep", "endpointConfigName": "cfg-v2"}


def found() -> list[VariantChange]:
    return autoscaling.changes(LIVE, NEW, DESCRIBED, {"primary": TARGET, "shadow": TARGET})


def test_changes_cover_the_autoscaled_variants_only():
    primary, shadow = found()
    assert (primary.variant, primary.retyped, primary.removed, primary.desired) == ("primary", True, False, 5)
    assert (shadow.variant, shadow.retyped, shadow.removed) == ("shadow", False, True)


def test_refuse_names_each_retyped_and_removed_variant_in_one_sentence_each():
    failures = autoscaling.refusals(INPUTS, found())
    assert [path for path, _ in failures] == ["autoscaling", "autoscaling"]
    assert "changes the instance type of autoscaled variant(s) primary (ml.m5.large -> ml.c5.xlarge)" in \
        failures[0].reason
    assert "removes autoscaled variant(s) shadow" in failures[1].reason
    assert all(reason.count(". ") == 0 and reason.endswith(".") for _, reason in failures)
    assert autoscaling.refusals({**INPUTS, "autoscaling": "reapply"}, found()) == []
    assert autoscaling.refusals({**INPUTS, "autoscaling": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}, found()) == [], \
        "unknown during preview: decided before UpdateEndpoint"


@pytest.mark.parametrize("inputs, kept", [
    ({}, False),
    ({"retainAllVariantProperties": True}, True),
    ({"retainAllVariantProperties": True,
      "excludeRetainedVariantProperties": [{"variantPropertyType": "DesiredWeight"}]}, True),
    ({"retainAllVariantProperties": True,
      "excludeRetainedVariantProperties": [{"variantPropertyType": "DesiredInstanceCount"}]}, False),
])
def test_the_desired_count_is_kept_only_when_retained_and_not_excluded(inputs, kept):
    assert autoscaling.kept(inputs) is kept


def test_a_reset_below_the_desired_count_is_a_warning_naming_counts_and_input():
    primary = found()[0]
    text, warning = autoscaling.capacity_plan(INPUTS, primary)
    assert text == ("autoscaled primary (1-6): instance type ml.m5.large -> ml.c5.xlarge, reset to 2 instances, "
                    "the new config's InitialInstanceCount (desired now: 5)")
    assert warning == ("endpoint ep: this update resets autoscaled variant primary from its desired 5 instances to "
                       "2, the InitialInstanceCount of endpoint config cfg-v2; set retain_all_variant_properties=True "
                       "to keep its capacity.")
    text, warning = autoscaling.capacity_plan({**INPUTS, "retainAllVariantProperties": True}, primary)
    assert text.endswith("keeps its desired 5 instances (RetainAllVariantProperties)") and warning is None


def test_a_reset_up_to_the_desired_count_is_no_warning():
    change = VariantChange("primary", TARGET, 2, "ml.m5.large", {"InstanceType": "ml.m5.large",
                                                                 "InitialInstanceCount": 3})
    text, warning = autoscaling.capacity_plan(INPUTS, change)
    assert text == "autoscaled primary (1-6): reset to 3 instances, the new config's InitialInstanceCount " \
                   "(desired now: 2)" and warning is None


def test_reapply_says_what_is_taken_off_and_where_it_goes_back():
    primary, shadow = found()
    reapply = {**INPUTS, "autoscaling": "reapply", "retainAllVariantProperties": True}
    assert "deregistered for the update and put back afterwards (on the old fleet if the rollout rolls back or " \
           "fails)" in autoscaling.capacity_plan(reapply, primary)[0]
    assert autoscaling.capacity_plan(reapply, shadow)[0] == (
        "autoscaled shadow (1-6) is removed: its scalable target and policies are deregistered, and put back only "
        "if the rollout rolls back or fails")


def test_a_desired_count_for_an_autoscaled_variant_is_refused():
    inputs = {**INPUTS, "desiredInstanceCounts": {"primary": 3, "plain": 2}}
    [(path, reason)] = autoscaling.desired_count_failures(inputs, {"primary": TARGET})
    assert path == "desiredInstanceCounts.primary"
    assert reason.startswith("desiredInstanceCounts.primary sets the instance count of variant primary, which "
                             "Application Auto Scaling scales (scalable target 1-6)")
    assert autoscaling.desired_count_failures(INPUTS, {"primary": TARGET}) == []


def test_an_interrupted_reapply_is_in_the_plan_and_asks_for_an_update():
    review = autoscaling.interrupted({"variants": {"shadow": {}, "primary": {}}})
    assert review.inputs == {"scalingRestore": "primary, shadow"}
    assert "left the scaling setup of primary, shadow recorded on the endpoint" in review.plan
    assert autoscaling.interrupted(None) == autoscaling.Review()


def no_aws(_inputs):
    raise AssertionError("check() read AWS")


@pytest.mark.parametrize("olds, inputs, rollout", [
    ({}, {**INPUTS, "autoscaling": "reapply"}, False),                            # not created yet
    ({"endpointConfigName": "cfg-v2"}, INPUTS, False),                            # a no-op preview, default mode
    ({"endpointConfigName": "cfg-v2"}, {**INPUTS, "name": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}, True),
])
def test_check_reads_no_aws_when_autoscaling_cannot_matter(olds, inputs, rollout):
    assert autoscaling.review(olds, inputs, no_aws, rollout) == autoscaling.Review()

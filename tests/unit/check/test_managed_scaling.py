"""Variants under SageMaker's managed instance scaling: a desired count for one is refused, a rollout plan says the
count is SageMaker's (range and count now), and no reset warning is given for it."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check import autoscaling, capacity, deployment_review, managed_scaling
from pulumi_sagemaker_endpoint.check.autoscaling import VariantChange

SCALING = {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}
MANAGED = {"VariantName": "AllTraffic", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1,
           "ManagedInstanceScaling": SCALING}
PLAIN = {"VariantName": "plain", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 2}
CONFIG = {"ProductionVariants": [MANAGED, PLAIN]}
LIVE = {"EndpointName": "ep", "EndpointConfigName": "ic-cfg-v1", "ProductionVariants": [
    {"VariantName": "AllTraffic", "CurrentInstanceCount": 0, "DesiredInstanceCount": 0, "DesiredWeight": 1.0},
    {"VariantName": "plain", "CurrentInstanceCount": 2, "DesiredInstanceCount": 2, "DesiredWeight": 1.0}]}


def test_only_an_enabled_managed_instance_scaling_counts():
    assert managed_scaling.managed(MANAGED) == SCALING
    assert managed_scaling.managed(PLAIN) is None
    assert managed_scaling.managed({**MANAGED, "ManagedInstanceScaling": {**SCALING, "Status": "DISABLED"}}) is None
    assert managed_scaling.managed(None) is None


def test_a_desired_count_for_a_managed_variant_is_refused_in_one_sentence_naming_what_to_do():
    inputs = {"endpointConfigName": "ic-cfg-v2", "desiredInstanceCounts": {"AllTraffic": 2, "plain": 3},
              "variantWeights": {"AllTraffic": 2.0}}
    [(path, reason)] = capacity.failures(inputs, CONFIG)
    assert path == "desiredInstanceCounts.AllTraffic"
    assert reason == ("desiredInstanceCounts.AllTraffic sets the instance count of variant 'AllTraffic', which "
                      "SageMaker's managed instance scaling sets itself (0-4 instances in endpoint config "
                      "ic-cfg-v2); remove the entry and change its inference components' copies or the config's "
                      "MinInstanceCount/MaxInstanceCount instead.")
    assert reason.count(". ") == 0


def test_the_rollout_plan_says_the_count_is_sagemakers_with_its_range_and_count_now():
    olds = {"endpointConfigName": "ic-cfg-v1"}
    planned = deployment_review.plan(olds, {"endpointConfigName": "ic-cfg-v2"}, CONFIG, live=LIVE)
    assert planned == ("ic-cfg-v1 -> ic-cfg-v2: blue/green ALL_AT_ONCE (SageMaker's default); no rollback alarms; "
                       "AllTraffic: instance count is SageMaker's managed instance scaling (0-4, 0 now)")
    assert managed_scaling.plan_text(CONFIG, None).endswith("managed instance scaling (0-4)")
    assert "managed" not in deployment_review.plan(olds, {"endpointConfigName": "ic-cfg-v1"}, CONFIG, live=LIVE)


def test_an_autoscaled_variant_the_new_config_manages_gets_no_reset_or_warning():
    change = VariantChange("AllTraffic", {"MinCapacity": 1, "MaxCapacity": 6}, 5, "ml.g5.2xlarge", MANAGED)
    text, warning = autoscaling.capacity_plan({"name": "ep", "endpointConfigName": "ic-cfg-v2"}, change)
    assert text == "autoscaled AllTraffic (1-6): its instance count is SageMaker's managed instance scaling"
    assert warning is None
    unmanaged = VariantChange("AllTraffic", {"MinCapacity": 1, "MaxCapacity": 6}, 5, "ml.g5.2xlarge", PLAIN)
    assert autoscaling.capacity_plan({"name": "ep", "endpointConfigName": "ic-cfg-v2"}, unmanaged)[1] is not None

"""productionVariants: the live config's model and instance type with DescribeEndpoint's current and desired
weights and counts."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.lifecycle.outputs import variants

CONFIG = {"ProductionVariants": [{"VariantName": "a", "ModelName": "m", "InstanceType": "ml.m5.large",
                                  "InitialInstanceCount": 2, "InitialVariantWeight": 1.0}]}
SCALED = {"EndpointStatus": "Updating", "ProductionVariants": [
    {"VariantName": "a", "CurrentWeight": 1.0, "DesiredWeight": 1.0, "CurrentInstanceCount": 2,
     "DesiredInstanceCount": 5}]}


def test_the_live_counts_not_the_configs_initial_ones():
    assert variants(CONFIG, SCALED) == [{"variantName": "a", "modelName": "m", "instanceType": "ml.m5.large",
                                         "currentInstanceCount": 2, "desiredInstanceCount": 5, "currentWeight": 1.0,
                                         "desiredWeight": 1.0}]


def test_without_a_description_of_the_fleet_the_config_stands_in():
    [listed] = variants(CONFIG, {"EndpointStatus": "InService"})  # a ListEndpoints entry
    assert (listed["currentInstanceCount"], listed["desiredInstanceCount"]) == (2, 2)
    [creating] = variants(CONFIG, {"EndpointStatus": "Creating"})
    assert (creating["currentInstanceCount"], creating["desiredInstanceCount"]) == (None, 2)


MANAGED_CONFIG = {"ProductionVariants": [
    {"VariantName": "a", "InstanceType": "ml.g5.2xlarge", "InitialInstanceCount": 1,
     "ManagedInstanceScaling": {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}}]}


def test_a_variant_under_managed_instance_scaling_reports_its_range_beside_the_live_counts():
    scaled_to_zero = {"EndpointStatus": "InService", "ProductionVariants": [
        {"VariantName": "a", "CurrentWeight": 1.0, "DesiredWeight": 1.0, "CurrentInstanceCount": 0,
         "DesiredInstanceCount": 0,
         "ManagedInstanceScaling": {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}}]}
    [variant] = variants(MANAGED_CONFIG, scaled_to_zero)
    assert (variant["currentInstanceCount"], variant["desiredInstanceCount"]) == (0, 0)
    assert variant["managedInstanceScaling"] == {"status": "ENABLED", "minInstanceCount": 0, "maxInstanceCount": 4}
    [listed] = variants(MANAGED_CONFIG, {"EndpointStatus": "InService"})  # the config's, where nothing is reported
    assert listed["managedInstanceScaling"]["maxInstanceCount"] == 4


def test_a_variant_without_managed_instance_scaling_reports_none():
    [variant] = variants(CONFIG, SCALED)
    assert "managedInstanceScaling" not in variant

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

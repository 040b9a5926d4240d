"""Deployment guardrails exclusions: variant names kept, rolling for one instance-based variant, the fallback."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check import exclusions

CANARY = {"blueGreenUpdatePolicy": {"trafficRoutingConfiguration": {"type": "CANARY", "waitIntervalInSeconds": 60,
                                                                    "canarySize": {"type": "INSTANCE_COUNT",
                                                                                   "value": 1}}}}
ROLLING = {"rollingUpdatePolicy": {"maximumBatchSize": {"type": "INSTANCE_COUNT", "value": 1},
                                   "waitIntervalInSeconds": 60}}


def config(*names: str, serverless: bool = False) -> dict:
    extra = {"ServerlessConfig": {"MemorySizeInMB": 2048}} if serverless else {"InstanceType": "ml.m5.large"}
    return {"ProductionVariants": [{"VariantName": n, "ModelName": f"m-{n}", **extra} for n in names]}


def test_a_guarded_update_must_keep_the_variant_names():
    inputs = {"endpointConfigName": "cfg-2", "deploymentConfig": CANARY}
    [failure] = exclusions.name_failures(inputs, config("blue"), "cfg-1", ["green"])
    assert failure.property == "deploymentConfig"
    assert "keep the variant names of the live config cfg-1 (green), but it has blue" in failure.reason
    assert exclusions.name_failures(inputs, config("green"), "cfg-1", ["green"]) == []
    assert exclusions.name_failures({"endpointConfigName": "cfg-2"}, config("blue"), "cfg-1", ["green"]) == []


def test_rolling_needs_one_instance_based_variant():
    inputs = {"endpointConfigName": "cfg-2", "deploymentConfig": ROLLING}
    [several] = exclusions.rolling_failures(inputs, config("a", "b"))
    assert several.property == "deploymentConfig.rollingUpdatePolicy" and "has 2 variants (a, b)" in several.reason
    [serverless] = exclusions.rolling_failures(inputs, config("a", serverless=True))
    assert "is serverless" in serverless.reason
    assert exclusions.rolling_failures(inputs, config("a")) == []
    assert exclusions.rolling_failures({"deploymentConfig": CANARY}, config("a", "b")) == []


def test_inf1_falls_back_without_reading_any_model():
    read = []
    fleets = [("ml.m5.large", "m-1"), ("ml.inf1.xlarge", "m-2")]
    assert exclusions.fallback_reason(fleets, lambda m: read.append(m)) == "endpoints that use Inf1 instances"
    assert read == []


def test_a_marketplace_container_in_either_fleet_falls_back():
    models = {"m-1": {"PrimaryContainer": {"Image": "x"}},
              "m-2": {"Containers": [{"Image": "y"}, {"ModelPackageName": "arn:...:model-package/p/1"}]}}
    fleets = [("ml.m5.large", "m-1"), ("ml.m5.large", "m-2")]
    assert exclusions.fallback_reason(fleets, models.get) == "AWS Marketplace containers"
    assert exclusions.fallback_reason(fleets[:1], models.get) is None
    assert exclusions.fallback_reason(fleets, lambda m: None) is None, "an unreadable model promises nothing"

"""The InferenceComponent's rules and rollout plan, without AWS."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.check.inference_component.plan import rollout_plan
from pulumi_sagemaker_endpoint.check.inference_component.rules import batch_failures, placement_failures

SPEC = {"modelName": "llm"}
ROLLING = {"rollingUpdatePolicy": {"maximumBatchSize": {"type": "COPY_COUNT", "value": 1},
                                   "waitIntervalInSeconds": 60, "maximumExecutionTimeoutInSeconds": 1200,
                                   "rollbackMaximumBatchSize": {"type": "CAPACITY_PERCENT", "value": 100}},
           "autoRollbackConfiguration": {"alarms": [{"alarmName": "errors"}]}}


def test_the_plan_of_a_create_an_update_a_no_op_and_an_autoscaled_count():
    olds = {"specification": SPEC, "runtimeConfig": {"copyCount": 4}, "endpointName": "host"}
    assert rollout_plan({}, {**olds, "variantName": "A"}, 4, None) == \
        "create on host/A with 4 copies, waiting for InService"
    new = {**olds, "specification": {"modelName": "llm-v2"}, "deploymentConfig": ROLLING}
    assert rollout_plan(olds, new, 4, None) == (
        "new specification: ROLLING batches of 1 of 4 copies, wait 60 s between batches, roll back in batches of "
        "4 of 4 copies; roll back on alarms errors; give up after 1200 s")
    assert rollout_plan(olds, dict(olds), 4, None) == "no rollout: specification and copy count unchanged"
    scaled = rollout_plan(olds, {**olds, "runtimeConfig": {"copyCount": 9}}, None, "1-6")
    assert scaled == ("no rollout: specification unchanged; the copy count is Application Auto "
                      "Scaling's (scalable target 1-6 copies): runtime_config.copy_count is not applied and refresh "
                      "leaves the autoscaler's count alone")
    assert rollout_plan(olds, {**olds, "runtimeConfig": {"copyCount": 6}}, 6, None) == \
        "copy count 4 -> 6: all copies at once (no deployment_config), no rollback alarms"


def test_an_adapters_plan_says_it_has_no_copies_of_its_own():
    """An adapter (a specification naming its base) is loaded into its base's copies: neither a create nor an update
    speaks of its copies or of batches."""
    adapter = {"endpointName": "host", "specification": {"baseInferenceComponentName": "llm-base",
                                                         "container": {"artifactUrl": "s3://b/a.tar.gz"}}}
    assert rollout_plan({}, adapter, None, None) == ("create on host/its only variant with no copies of its own (an "
                                                     "adapter, loaded into the copies of llm-base), waiting for "
                                                     "InService")
    new = {**adapter, "specification": {**adapter["specification"], "container": {"artifactUrl": "s3://b/b.tar.gz"}}}
    assert rollout_plan(adapter, new, None, None) == (
        "new specification: loaded into the copies of llm-base (an adapter has no copies of its own to roll out in "
        "batches)")


def test_batch_sizes_against_the_copy_count():
    def config(size: dict, rollback: dict | None = None) -> dict:
        policy = {"maximumBatchSize": size, "waitIntervalInSeconds": 0}
        if rollback:
            policy["rollbackMaximumBatchSize"] = rollback
        return {"deploymentConfig": {"rollingUpdatePolicy": policy}}

    assert batch_failures(config({"type": "COPY_COUNT", "value": 2}), 4) == []
    [too_big] = batch_failures(config({"type": "COPY_COUNT", "value": 3}), 4)
    assert too_big.property == "deploymentConfig.rollingUpdatePolicy.maximumBatchSize"
    assert batch_failures(config({"type": "COPY_COUNT", "value": 3}), None) == [], "the count is not known"
    [percent] = batch_failures(config({"type": "CAPACITY_PERCENT", "value": 60}), None)
    assert "60 %" in percent.reason
    [rollback] = batch_failures(config({"type": "COPY_COUNT", "value": 1}, {"type": "COPY_COUNT", "value": 5}), 4)
    assert rollback.property.endswith("rollbackMaximumBatchSize") and "at most 100%" in rollback.reason


def test_placement_on_an_endpoint_that_can_host_components():
    inputs = {"endpointName": "host", "variantName": "B"}
    assert [f.property for f in placement_failures(inputs, None, None)] == ["endpointName"]
    classic = {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "B", "ModelName": "m"}]}
    assert "cannot host inference components" in placement_failures(inputs, {}, classic)[0].reason
    hosting = {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "A"}]}
    assert [f.property for f in placement_failures(inputs, {}, hosting)] == ["variantName"]
    assert placement_failures({**inputs, "variantName": "A"}, {}, hosting) == []

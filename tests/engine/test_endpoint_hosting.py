"""An Endpoint hosting an InferenceComponent through the real `pulumi` CLI: the component is listed in the
endpoint's outputs, a new EndpointConfig under it needs the opt-in, destroy removes the component first, and
components no resource of the stack owns stop the destroy before anything is deleted; the instance count SageMaker's
managed instance scaling sets is recorded by refresh and is no drift."""
from __future__ import annotations

import pytest

from tests.integration.ic_support import ROLE, SPEC

from .programs import ENDPOINT_HOSTING_COMPONENT, ONE_ENDPOINT


@pytest.fixture
def sm(emulator):
    client = emulator.client("sagemaker")
    client.create_model(ModelName="llm", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "llm:1"})
    for version in (1, 2):
        client.create_endpoint_config(EndpointConfigName=f"ic-cfg-v{version}", ExecutionRoleArn=ROLE,
                                      ProductionVariants=[{"VariantName": "AllTraffic", "InitialInstanceCount": 1,
                                                           "InstanceType": "ml.g5.2xlarge"}])
    return client


def test_outputs_opt_in_and_destroy_order(project, sm):
    stack = project(ENDPOINT_HOSTING_COMPONENT).init(config={"configName": "ic-cfg-v1"})
    stack.up()
    stack.pulumi("refresh", "--yes", "--skip-preview")
    [hosted] = stack.endpoint()["outputs"]["hostedInferenceComponents"]
    assert hosted["name"].startswith("llm-") and hosted["desiredCopyCount"] == 1

    stack.configure({"configName": "ic-cfg-v2"})
    refused = stack.preview(expect=None)
    assert refused.code != 0 and "property inferenceComponents value" in refused.output and \
        f"it hosts inference components {hosted['name']}" in refused.output, refused
    stack.configure({"inferenceComponents": "update"})
    planned = stack.preview("--diff")
    assert f"hosted inference components {hosted['name']} stay placed" in planned.stdout, planned
    stack.up()
    assert sm.describe_endpoint(EndpointName=stack.endpoint()["id"])["EndpointConfigName"] == "ic-cfg-v2"

    stack.pulumi("destroy", "--yes", "--skip-preview")
    assert sm.list_endpoints()["Endpoints"] == [] and sm.list_inference_components()["InferenceComponents"] == []


def test_destroy_stops_before_deleting_anything_when_a_stranger_is_on_the_endpoint(project, sm):
    stack = project(ENDPOINT_HOSTING_COMPONENT).init(config={"configName": "ic-cfg-v1", "components": "none"})
    stack.up()
    name = stack.endpoint()["id"]
    sm.create_inference_component(InferenceComponentName="stranger", EndpointName=name, Specification=SPEC,
                                  RuntimeConfig={"CopyCount": 1})
    stack.pulumi("refresh", "--yes", "--skip-preview")
    destroy = stack.pulumi("destroy", "--yes", "--skip-preview", expect=None)
    assert destroy.code != 0
    assert f"Endpoint '{name}' cannot be deleted: it hosts inference component(s) stranger that no resource of " \
           f"this stack owns" in destroy.output, destroy
    assert sm.describe_endpoint(EndpointName=name)["EndpointStatus"] == "InService"
    assert [c["InferenceComponentName"] for c in sm.list_inference_components()["InferenceComponents"]] == [
        "stranger"]


def test_a_count_managed_instance_scaling_set_is_refreshed_and_is_no_drift(project, emulator):
    sm = emulator.client("sagemaker")
    sm.create_endpoint_config(EndpointConfigName="managed-cfg", ExecutionRoleArn=ROLE, ProductionVariants=[
        {"VariantName": "AllTraffic", "InitialInstanceCount": 1, "InstanceType": "ml.g5.2xlarge",
         "ManagedInstanceScaling": {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 4}}])
    stack = project(ONE_ENDPOINT).init(config={"configName": "managed-cfg"})
    stack.up()
    name = stack.endpoint()["id"]
    emulator.managed_scale(name, "AllTraffic", 0)

    stack.pulumi("refresh", "--yes")
    [variant] = stack.endpoint()["outputs"]["productionVariants"]
    assert (variant["currentInstanceCount"], variant["desiredInstanceCount"]) == (0, 0)
    assert variant["managedInstanceScaling"] == {"status": "ENABLED", "minInstanceCount": 0, "maxInstanceCount": 4}
    stack.preview("--expect-no-changes")
    stack.up("--expect-no-changes")
    calls = emulator.stats()["calls"]
    assert calls.get("UpdateEndpoint", 0) == calls.get("UpdateEndpointWeightsAndCapacities", 0) == 0
    assert sm.describe_endpoint(EndpointName=name)["ProductionVariants"][0]["CurrentInstanceCount"] == 0

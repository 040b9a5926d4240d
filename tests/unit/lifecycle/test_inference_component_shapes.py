"""Refresh compares an inference component's specification on the members the program sets."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.lifecycle.inference_component.shapes import live_specification

SPECIFIED = {"modelName": "llm", "computeResourceRequirements": {"minMemoryRequiredInMb": 1024},
             "container": {"image": "llm:1", "environment": {"A": "1"}}}
SUMMARY = {"ModelName": "llm", "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024,
                                                               "NumberOfAcceleratorDevicesRequired": 1.0},
           "Container": {"DeployedImage": {"SpecifiedImage": "llm:1", "ResolvedImage": "llm@sha256:0"},
                         "Environment": {"A": "1"}},
           "StartupParameters": {"ModelDataDownloadTimeoutInSeconds": 600}}


def test_what_sagemaker_fills_in_beyond_the_program_is_no_drift():
    assert live_specification(SUMMARY, SPECIFIED) == SPECIFIED


def test_a_member_changed_or_gone_by_hand_is_drift():
    changed = {**SUMMARY, "ModelName": "llm-v2", "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 2048}}
    assert live_specification(changed, SPECIFIED) == {**SPECIFIED, "modelName": "llm-v2",
                                                      "computeResourceRequirements": {"minMemoryRequiredInMb": 2048}}
    without_container = {key: value for key, value in SUMMARY.items() if key != "Container"}
    assert "container" not in live_specification(without_container, SPECIFIED)


def test_an_environment_is_compared_whole_its_keys_are_data():
    added = {**SUMMARY, "Container": {**SUMMARY["Container"], "Environment": {"A": "1", "B": "2"}}}
    assert live_specification(added, SPECIFIED)["container"]["environment"] == {"A": "1", "B": "2"}


def test_without_a_specification_in_the_state_all_of_the_live_one_is_read():
    assert live_specification(SUMMARY, None) == {
        "modelName": "llm", "computeResourceRequirements": {"minMemoryRequiredInMb": 1024,
                                                            "numberOfAcceleratorDevicesRequired": 1.0},
        "container": {"image": "llm:1", "environment": {"A": "1"}},
        "startupParameters": {"modelDataDownloadTimeoutInSeconds": 600}}

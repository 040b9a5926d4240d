"""CLI-input documents: loading (mapping, path, file://, text, JSON/YAML), the shape checked against botocore's model,
value problems reported at the document's paths, skeletons, and `Endpoint.from_cli_input`."""
from __future__ import annotations

import json

import pytest
import yaml

from pulumi_sagemaker_endpoint.check.document import check, endpoint_kwargs
from pulumi_sagemaker_endpoint.check.document_loading import InputProblems, load
from pulumi_sagemaker_endpoint.check.document_paths import DOCUMENT_KEYS
from pulumi_sagemaker_endpoint.aws.model import members, output_shape
from pulumi_sagemaker_endpoint.cli import skeletons
from engine_standin.program import capture

CANARY = {"BlueGreenUpdatePolicy": {
    "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 300,
                                    "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1}},
    "MaximumExecutionTimeoutInSeconds": 3600},
    "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "ep-5xx"}]}}
DOCUMENT = {"EndpointName": "ep", "EndpointConfigName": "cfg-v1", "DeploymentConfig": CANARY,
            "Tags": [{"Key": "team", "Value": "ml"}, {"Key": "tier", "Value": "gold"}]}


def paths(failures) -> list[str]:
    return [failure.property for failure in failures]


# ---- loading ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["path", "file://", "text"])
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_document_loads_from_a_path_a_file_url_or_its_text(tmp_path, form, suffix):
    text = json.dumps(DOCUMENT) if suffix == ".json" else yaml.safe_dump(DOCUMENT)
    path = tmp_path / f"input{suffix}"
    path.write_text(text)
    source = {"path": str(path), "file://": f"file://{path}", "text": text}[form]
    assert load(source) == DOCUMENT


def test_a_mapping_is_taken_as_it_is_and_not_changed():
    given = dict(DOCUMENT)
    loaded = load(given)
    loaded["EndpointName"] = "other"
    assert given["EndpointName"] == "ep"


def test_a_missing_file_is_one_problem_naming_it(tmp_path):
    with pytest.raises(InputProblems) as raised:
        load(f"file://{tmp_path}/nope.json")
    [failure] = raised.value.failures
    assert failure.reason == f"The input document {tmp_path}/nope.json does not exist; pass an existing file."
    with pytest.raises(InputProblems, match="does not exist"):
        load(str(tmp_path / "nope.yaml"))


def test_syntax_errors_name_the_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"EndpointName": "ep",\n  "EndpointConfigName" "cfg"}')
    with pytest.raises(InputProblems) as raised:
        load(path)
    assert raised.value.failures[0].reason == (f"{path} is not valid JSON: Expecting ':' delimiter at line 2 column "
                                               f"24; fix the syntax.")
    with pytest.raises(InputProblems, match=r"not valid YAML: .* at line 2 column"):
        load("EndpointName: ep\n  - broken: [")
    with pytest.raises(InputProblems, match="not valid JSON"):
        load("EndpointName: ep", fmt="json")


def test_a_document_must_be_a_mapping():
    with pytest.raises(InputProblems, match="holds list, not a mapping"):
        load('["EndpointName", "ep"]')


# ---- shape and values -------------------------------------------------------------------------------------------

def test_a_valid_document_becomes_the_state_form():
    inputs, failures = check(DOCUMENT)
    assert failures == []
    assert inputs["name"] == "ep" and inputs["endpointConfigName"] == "cfg-v1"
    assert inputs["tags"] == {"team": "ml", "tier": "gold"}
    assert inputs["deploymentConfig"]["autoRollbackConfiguration"] == {"alarms": [{"alarmName": "ep-5xx"}]}


def test_unknown_keys_are_problems_at_their_path_with_a_suggestion():
    document = {**DOCUMENT, "EndpointConfig": "x", "Colour": "blue",
                "DeploymentConfig": {"BlueGreenUpdatePolicy": {**CANARY["BlueGreenUpdatePolicy"],
                                                               "TerminationWait": 5}},
                "Tags": [{"Key": "team", "Vaule": "ml"}]}
    _, failures = check(document)
    found = {failure.property: failure.reason for failure in failures}
    assert found["EndpointConfig"].endswith("did you mean EndpointConfigName?")
    assert found["Colour"].startswith("Colour is not a key of CreateEndpoint/UpdateEndpoint's input; remove it")
    assert found["DeploymentConfig.BlueGreenUpdatePolicy.TerminationWait"] == (
        "DeploymentConfig.BlueGreenUpdatePolicy.TerminationWait is not a key of a BlueGreenUpdatePolicy; did you mean "
        "TerminationWaitInSeconds?")
    assert found["Tags[0].Vaule"].endswith("did you mean Value?")
    assert found["Tags[0].Value"] == "Tags[0].Value is required; set it."


def test_value_problems_are_reported_at_the_document_path_every_one_of_them():
    document = {"EndpointName": "bad_name", "EndpointConfigName": "cfg", "DeploymentConfig": {"BlueGreenUpdatePolicy": {
        "TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 9000,
                                        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 80}}}},
        "Tags": [{"Key": "team", "Value": "ml"}, {"Key": "team", "Value": "ai"}]}
    _, failures = check(document)
    routing = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration"
    assert paths(failures) == [f"{routing}.CanarySize.Value", f"{routing}.WaitIntervalInSeconds", "EndpointName",
                               "Tags[1].Key"]
    reasons = [failure.reason for failure in failures]
    assert reasons[0].startswith(f"{routing}.CanarySize.Value must be between 1 and 50")
    assert reasons[1] == f"{routing}.WaitIntervalInSeconds must be between 0 and 3600 (got 9000)."
    assert reasons[2].startswith("EndpointName must be 1-63 letters")
    assert "repeats the tag key 'team'" in reasons[3]


def test_a_tag_value_problem_points_at_the_item_that_holds_it():
    _, failures = check({**DOCUMENT, "Tags": [{"Key": "a", "Value": "ok"}, {"Key": "b", "Value": "x" * 300}]})
    assert paths(failures) == ["Tags[1].Value"]


def test_required_keys_follow_the_operation():
    _, failures = check({"EndpointConfigName": "cfg"})
    assert [(f.property, f.reason) for f in failures] == [
        ("EndpointName", "EndpointName is required; set it in the document (or pass --endpoint-name).")]
    _, failures = check({"EndpointName": "ep"}, ("DeleteEndpoint",))
    assert failures == []
    _, failures = check({"EndpointName": "ep", "EndpointConfigName": "cfg"}, ("DeleteEndpoint",))
    assert paths(failures) == ["EndpointConfigName"], "delete-endpoint takes only EndpointName"


def test_a_create_document_may_not_hold_update_only_keys_when_the_operation_is_given():
    document = {**DOCUMENT, "RetainAllVariantProperties": True}
    assert check(document)[1] == []
    assert paths(check(document, ("CreateEndpoint",))[1]) == ["RetainAllVariantProperties"]


# ---- Endpoint keyword arguments ---------------------------------------------------------------------------------

def test_endpoint_kwargs_are_the_resource_arguments():
    kwargs = endpoint_kwargs({**DOCUMENT, "RetainAllVariantProperties": True,
                              "ExcludeRetainedVariantProperties": [{"VariantPropertyType": "DesiredWeight"}]})
    assert set(kwargs) == {"name", "endpoint_config_name", "deployment_config", "tags",
                           "retain_all_variant_properties", "exclude_retained_variant_properties"}
    assert kwargs["tags"] == {"team": "ml", "tier": "gold"}
    assert kwargs["exclude_retained_variant_properties"] == [{"variantPropertyType": "DesiredWeight"}]


def test_endpoint_kwargs_leave_the_name_to_auto_naming_and_raise_every_problem():
    assert "name" not in endpoint_kwargs({"EndpointConfigName": "cfg"})
    with pytest.raises(InputProblems) as raised:
        endpoint_kwargs({"EndpointConfigName": "c_fg", "Colour": 1})
    assert paths(raised.value.failures) == ["Colour", "EndpointConfigName"]
    assert str(raised.value).startswith("Colour is not a key"), "the path is said once"


def test_from_cli_input_registers_the_document_as_the_endpoint_inputs(tmp_path, monkeypatch):
    (tmp_path / "endpoint.yaml").write_text(yaml.safe_dump({k: v for k, v in DOCUMENT.items() if k != "EndpointName"}))
    (tmp_path / "__main__.py").write_text(
        "from pulumi_sagemaker_endpoint import Endpoint\n"
        "Endpoint.from_cli_input('inference', 'endpoint.yaml')\n")
    monkeypatch.chdir(tmp_path)  # as Pulumi runs a program: in its project directory
    [endpoint] = capture(tmp_path, "proj", "dev", {})
    assert endpoint.name == "inference"
    assert endpoint.inputs["endpointConfigName"] == "cfg-v1"
    assert endpoint.inputs["tags"] == {"team": "ml", "tier": "gold"}
    assert endpoint.inputs["deploymentConfig"]["blueGreenUpdatePolicy"]["trafficRoutingConfiguration"]["type"] == \
        "CANARY"
    assert endpoint.inputs["owner"] == "organization/urn:pulumi:dev::proj::pulumi-python:dynamic/sagemaker:Endpoint::inference"


# ---- skeletons --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("operation", ["CreateEndpoint", "UpdateEndpoint", "DeleteEndpoint", "DescribeEndpoint"])
def test_the_yaml_skeleton_is_the_json_skeleton_with_comments(operation):
    text = skeletons.yaml_skeleton(operation)
    assert yaml.safe_load(text) == skeletons.input_skeleton(operation)
    assert "# [REQUIRED] The name of the endpoint" in text.split('EndpointName: ""')[0]


@pytest.mark.parametrize("operation", ["CreateEndpoint", "UpdateEndpoint"])
def test_the_skeleton_has_every_key_the_parser_accepts_and_no_other(operation):
    skeleton = skeletons.input_skeleton(operation)
    _, failures = check(skeleton, (operation,))
    assert not [f for f in failures if "is not a key" in f.reason or "is required" in f.reason]
    assert set(skeleton) == set(members((operation,)))
    assert set(skeleton) <= set(DOCUMENT_KEYS)
    assert "EndpointName" in paths(failures), "its placeholders are reported, at their paths"


def test_the_yaml_skeleton_documents_valid_values():
    text = skeletons.yaml_skeleton("CreateEndpoint")
    assert ('      # configurable size. Valid values are: ALL_AT_ONCE, CANARY, LINEAR.\n'
            '      Type: "ALL_AT_ONCE"\n') in text
    assert '  # [REQUIRED] The tag key. Tag keys must be unique per resource.\n- Key: ""\n' in text


def test_botocore_documentation_is_shown_whole_and_wrapped():
    """Issue 18 (4): the skeleton's comments and --help carry botocore's documentation whole, not cut mid-word."""
    text = skeletons.yaml_skeleton("CreateEndpoint")
    comment = " ".join(line.strip().lstrip("# ") for line in text.split('EndpointName: ""')[0].splitlines())
    assert comment == ("[REQUIRED] The name of the endpoint. The name must be unique within an Amazon Web Services "
                       "Region in your Amazon Web Services account. The name is case-insensitive in CreateEndpoint, "
                       "but the case is preserved and must be matched in InvokeEndpoint.")
    assert max(map(len, text.splitlines())) <= skeletons.WIDTH
    assert "..." not in text


def test_the_output_skeleton_is_the_operations_output_shape():
    assert skeletons.output_skeleton("CreateEndpoint") == {"EndpointArn": "EndpointArn"}
    described = skeletons.output_skeleton("DescribeEndpoint")
    assert described["EndpointName"] == "EndpointName", "strings hold their member's name, as the AWS CLI's do"
    assert described["EndpointStatus"] == output_shape("DescribeEndpoint").members["EndpointStatus"].enum[0]
    assert isinstance(described["ProductionVariants"], list)
    assert skeletons.output_skeleton("DeleteEndpoint") == {}

"""The endpoint's auto-name: `<logical>-<7 hex>`, stable, within SageMaker's limits."""
from __future__ import annotations



from pulumi_sagemaker_endpoint.check.review import check_inputs

OWNER = "proj/dev/inference"


def check(news: dict, olds: dict | None = None) -> tuple[dict, dict[str, str]]:
    inputs, failures = check_inputs(olds or {}, {"owner": OWNER, **news})
    return inputs, {f.property: f.reason for f in failures}


def test_auto_name_is_logical_name_plus_seven_hex_and_stable():
    first, _ = check({"endpointConfigName": "c"})
    assert first["name"].startswith("inference-") and len(first["name"]) == len("inference-") + 7
    again, _ = check({"endpointConfigName": "c2"}, olds=first)
    assert again["name"] == first["name"]
    kept, _ = check({"endpointConfigName": "c"}, olds={"name": "legacy-ep"})
    assert kept["name"] == "legacy-ep", "the name the endpoint already has (adopted, aliased) is kept"


def test_auto_name_fits_63_characters_and_sagemaker_pattern():
    inputs, failures = check_inputs({}, {"owner": "p/s/" + "My_Very.Long name" * 8, "endpointConfigName": "c"})
    assert failures == []
    assert len(inputs["name"]) <= 63
    assert all(ch.isalnum() or ch == "-" for ch in inputs["name"])


def test_owners_of_either_form_name_the_endpoint_after_the_resource():
    for owner in ("organization/urn:pulumi:dev::shop::pulumi-python:dynamic/sagemaker:Endpoint::ranker",
                  "shop/dev/ranker"):
        inputs, failures = check_inputs({}, {"owner": owner, "endpointConfigName": "c"})
        assert failures == [] and inputs["name"].startswith("ranker-")
    junk, failures = check_inputs({}, {"owner": "urn:pulumi:broken", "endpointConfigName": "c"})
    assert failures == [] and junk["name"].startswith("urn-pulumi-broken-")

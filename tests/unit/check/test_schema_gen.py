"""schema.json is generated from botocore's model and kept fresh; the API's own bounds stay."""
from __future__ import annotations

import json
from pathlib import Path


from pulumi_sagemaker_endpoint.check.schema_gen import render

ROOT = Path(__file__).resolve().parents[3]


def test_schema_json_is_fresh_from_botocore_model():
    assert json.loads((ROOT / "schema.json").read_text()) == json.loads(render()), (
        "schema.json is stale: run python scripts/generate_schema.py")


def test_schema_keeps_the_api_bound_terraform_gets_wrong():
    schema = json.loads((ROOT / "schema.json").read_text())
    policy = schema["properties"]["deploymentConfig"]["properties"]["blueGreenUpdatePolicy"]
    assert policy["properties"]["maximumExecutionTimeoutInSeconds"]["maximum"] == 28800

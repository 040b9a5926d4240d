"""Regenerate schema.json from the installed botocore's SageMaker model: `python scripts/generate_schema.py`."""
from pathlib import Path

from pulumi_sagemaker_endpoint.check.schema_gen import render

TARGET = Path(__file__).resolve().parent.parent / "schema.json"

if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")

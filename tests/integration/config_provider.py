"""An EndpointConfig resource for the engine-path tests, as pulumi_aws's EndpointConfiguration behaves: auto-named
with a random suffix, immutable (any change replaces it, create-before-delete), deleted with DeleteEndpointConfig.
It runs in the provider server, which the tests point at the emulator."""
from __future__ import annotations

import secrets
from typing import Any

import boto3
from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ResourceProvider

TYPE = "pulumi-python:dynamic/sagemaker:EndpointConfiguration"
FIELDS = ("model", "instances")


def _sagemaker() -> Any:
    return boto3.client("sagemaker")


class EndpointConfigProvider(ResourceProvider):
    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs = {key: news[key] for key in (*FIELDS, "prefix") if key in news}
        inputs["name"] = _olds.get("name") or f"{news.get('prefix', 'cfg')}-{secrets.token_hex(4)}"
        return CheckResult(inputs, [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        changed = [key for key in FIELDS if _olds.get(key) != _news.get(key)]
        return DiffResult(changes=bool(changed), replaces=changed, delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        sagemaker = _sagemaker()
        try:
            sagemaker.create_model(ModelName=props["model"], ExecutionRoleArn="arn:aws:iam::123456789012:role/sm",
                                   PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"})
        except sagemaker.exceptions.ClientError:
            pass  # models are shared by configs
        sagemaker.create_endpoint_config(EndpointConfigName=props["name"], ProductionVariants=[{
            "VariantName": "primary", "ModelName": props["model"], "InitialInstanceCount": int(props["instances"]),
            "InstanceType": "ml.m5.large", "InitialVariantWeight": 1.0}])
        return CreateResult(props["name"], {key: props[key] for key in (*FIELDS, "name", "prefix") if key in props})

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        _sagemaker().delete_endpoint_config(EndpointConfigName=_id)

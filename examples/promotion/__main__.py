"""Promotion: one program, one stack per stage (dev -> staging -> prod), differing only in their config.

dev serves the `modelVersion` set in its config; every later stage serves what the stage before it serves
(`promoteFrom`, read through a StackReference) and exports it for the next. A new model version means a new
Model and a new, auto-named EndpointConfiguration, so the Endpoint rolls it out with UpdateEndpoint: all at once
in dev, as a canary watched by CloudWatch alarms in staging and prod. See README.md for the commands.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import pulumi
import pulumi_aws as aws

from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()
project, stack = pulumi.get_project(), pulumi.get_stack()
region = pulumi.Config("aws").require("region")
role_arn = config.get("roleArn") or None
VARIANT = "primary"
PROVISIONING_SECONDS = 1800  # allowance for the new fleet to come up, on top of the bake


def model_version() -> pulumi.Input[str]:
    """dev's own config; a later stage's is whatever the stage before it exports."""
    previous = config.get("promoteFrom")
    if not previous:
        return config.require("modelVersion")
    source_name = f"{pulumi.get_organization()}/{project}/{previous}"

    def promoted(version: Any) -> str:
        if not version:
            raise ValueError(f"Stack {source_name} exports no modelVersion, so {stack} has nothing to promote; run "
                             f"`pulumi up --stack {previous}` first.")
        return str(version)

    return pulumi.StackReference(source_name).get_output("modelVersion").apply(promoted)


def deployment_config(strategy: str, bake: int, alarm_names: Sequence[str]) -> dict[str, Any]:
    """ALL_AT_ONCE, or CANARY with one instance first; rolled back when any alarm fires during the bake."""
    routing: dict[str, Any] = {"type": strategy, "wait_interval_in_seconds": bake}
    policy: dict[str, Any] = {"traffic_routing_configuration": routing}
    if strategy == "CANARY":
        routing["canary_size"] = {"type": "INSTANCE_COUNT", "value": 1}
        policy["maximum_execution_timeout_in_seconds"] = bake + PROVISIONING_SECONDS
    deployment: dict[str, Any] = {"blue_green_update_policy": policy}
    if alarm_names:
        deployment["auto_rollback_configuration"] = {"alarms": [{"alarm_name": name} for name in alarm_names]}
    return deployment


def alarm_name(endpoint_name: str, spec: Mapping[str, Any]) -> str:
    return f"{endpoint_name}-{spec['metric']}"


def alarm(endpoint_name: str, spec: Mapping[str, Any], opts: pulumi.ResourceOptions) -> aws.cloudwatch.MetricAlarm:
    metric = spec["metric"]
    return aws.cloudwatch.MetricAlarm(
        f"alarm-{metric}",
        name=alarm_name(endpoint_name, spec),
        namespace="AWS/SageMaker",
        metric_name=metric,
        dimensions={"EndpointName": endpoint_name, "VariantName": VARIANT},
        statistic=spec.get("statistic", "Average"),
        period=60,
        evaluation_periods=1,
        threshold=float(spec["threshold"]),
        comparison_operator="GreaterThanOrEqualToThreshold",
        treat_missing_data="notBreaching",
        opts=opts,
    )


provider = aws.Provider(
    "stage",
    region=region,
    assume_roles=[aws.ProviderAssumeRoleArgs(role_arn=role_arn)] if role_arn else None,
)
in_stage = pulumi.ResourceOptions(provider=provider)

version = model_version()
model = aws.sagemaker.Model(
    "model",
    execution_role_arn=config.require("executionRoleArn"),
    primary_container=aws.sagemaker.ModelPrimaryContainerArgs(
        image=pulumi.Output.concat(config.require("modelImage"), ":", version),
    ),
    tags={"modelVersion": version},
    opts=in_stage,
)

# No name: each model version gets a new EndpointConfiguration name, which is what makes the Endpoint roll it out.
endpoint_config = aws.sagemaker.EndpointConfiguration(
    "config",
    production_variants=[aws.sagemaker.EndpointConfigurationProductionVariantArgs(
        variant_name=VARIANT,
        model_name=model.name,
        instance_type=config.require("instanceType"),
        initial_instance_count=config.require_int("instanceCount"),
        initial_variant_weight=1,
    )],
    opts=in_stage,
)

# A stable name per stage, so that clients can invoke it and the alarms can watch it before it exists.
endpoint_name = f"{project}-{stack}"
alarm_specs: list[dict[str, Any]] = config.get_object("alarms") or []
alarms = [alarm(endpoint_name, spec, in_stage) for spec in alarm_specs]

endpoint = Endpoint(
    "inference",
    name=endpoint_name,
    endpoint_config_name=endpoint_config.name,
    deployment_config=deployment_config(config.get("strategy") or "ALL_AT_ONCE", config.get_int("bakeSeconds") or 0,
                                        [alarm_name(endpoint_name, spec) for spec in alarm_specs]),
    tags={"stage": stack, "modelVersion": version},
    region=region,
    role_arn=role_arn,
    opts=pulumi.ResourceOptions(depends_on=alarms),
)

pulumi.export("modelVersion", version)
pulumi.export("endpointName", endpoint.name)
pulumi.export("endpointArn", endpoint.arn)
pulumi.export("endpointConfigName", endpoint.endpoint_config_name)
pulumi.export("rolloutPlan", endpoint.rollout_plan)

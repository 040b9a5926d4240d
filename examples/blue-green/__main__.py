"""Blue/green with a canary: change `modelVersion` (v1 -> v2) and `pulumi up` rolls it out safely.

A new model gets a new auto-named EndpointConfig, and the endpoint moves to it through UpdateEndpoint: one
instance takes the canary traffic for 10 minutes, then the rest; the old fleet stays up 5 more minutes. Either
alarm going into ALARM meanwhile rolls everything back, and `pulumi up` fails naming the alarm while the state
keeps the config that is really live.
"""
import pulumi
import pulumi_aws as aws

from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()
version = config.get("modelVersion") or "v1"
instances = config.get_int("instanceCount") or 4
role = config.require("executionRoleArn")
repository = config.get("imageRepository") or "123456789012.dkr.ecr.us-east-1.amazonaws.com/ranker"
image = f"{repository}:{version}"

model = aws.sagemaker.Model(
    f"ranker-{version}",
    execution_role_arn=role,
    primary_container=aws.sagemaker.ModelPrimaryContainerArgs(image=image),
)

endpoint_config = aws.sagemaker.EndpointConfiguration(
    f"ranker-{version}",
    production_variants=[aws.sagemaker.EndpointConfigurationProductionVariantArgs(
        variant_name="primary",
        model_name=model.name,
        initial_instance_count=instances,
        instance_type="ml.m5.xlarge",
    )],
    # A replaced config may still be live (a rolled-back rollout keeps serving it): never let Pulumi delete it.
    opts=pulumi.ResourceOptions(retain_on_delete=True),
)


def alarm(name: str, metric: str, threshold: float) -> aws.cloudwatch.MetricAlarm:
    return aws.cloudwatch.MetricAlarm(
        name,
        name=f"ranker-{name}",
        namespace="AWS/SageMaker",
        metric_name=metric,
        dimensions={"EndpointName": "ranker", "VariantName": "primary"},
        statistic="Average",
        period=60,
        evaluation_periods=2,
        threshold=threshold,
        comparison_operator="GreaterThanThreshold",
    )


latency = alarm("p99-latency", "ModelLatency", 250_000)
errors = alarm("5xx-rate", "Invocation5XXErrors", 5)

endpoint = Endpoint(
    "ranker",
    name="ranker",
    endpoint_config_name=endpoint_config.name,
    deployment_config={
        "blue_green_update_policy": {
            "traffic_routing_configuration": {
                "type": "CANARY",
                "canary_size": {"type": "INSTANCE_COUNT", "value": 1},
                "wait_interval_in_seconds": 600,
            },
            "termination_wait_in_seconds": 300,
            "maximum_execution_timeout_in_seconds": 3600,
        },
        "auto_rollback_configuration": {"alarms": [{"alarm_name": latency.name}, {"alarm_name": errors.name}]},
    },
    tags={"app": "ranker", "model-version": version},
    opts=pulumi.ResourceOptions(custom_timeouts=pulumi.CustomTimeouts(update="2h")),
)

pulumi.export("endpoint_name", endpoint.name)
pulumi.export("endpoint_config_name", endpoint.endpoint_config_name)
pulumi.export("rollout_plan", endpoint.rollout_plan)

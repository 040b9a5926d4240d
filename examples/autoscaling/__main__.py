"""An autoscaled endpoint rolled out with a canary that keeps its capacity.

Application Auto Scaling scales the variant between 2 and 8 instances on invocations per instance (a
target-tracking policy, declared with pulumi_aws). A new model (`modelVersion`) is rolled out with a canary, and
`retain_all_variant_properties=True` keeps the count the autoscaler has reached instead of resetting it to the
config's 2. A new instance type (`instanceType`) is something UpdateEndpoint refuses for an autoscaled variant;
`autoscaling="reapply"` takes the scalable target and its policy off for the rollout and puts them back on the live
fleet afterwards, the new one, or the old one if the canary rolls back.
"""
import pulumi
import pulumi_aws as aws

from pulumi_sagemaker_endpoint import Endpoint

config = pulumi.Config()
version = config.get("modelVersion") or "v1"
instance_type = config.get("instanceType") or "ml.m5.xlarge"
role = config.require("executionRoleArn")
repository = config.get("imageRepository") or "123456789012.dkr.ecr.us-east-1.amazonaws.com/ranker"

model = aws.sagemaker.Model(
    f"ranker-{version}",
    execution_role_arn=role,
    primary_container=aws.sagemaker.ModelPrimaryContainerArgs(
        image=f"{repository}:{version}"),
)

endpoint_config = aws.sagemaker.EndpointConfiguration(
    f"ranker-{version}",
    production_variants=[aws.sagemaker.EndpointConfigurationProductionVariantArgs(
        variant_name="primary",
        model_name=model.name,
        initial_instance_count=2,  # where a new endpoint starts; the autoscaler takes it from there
        instance_type=instance_type,
    )],
    opts=pulumi.ResourceOptions(retain_on_delete=True),  # a rolled-back rollout keeps serving the old config
)

latency = aws.cloudwatch.MetricAlarm(
    "p99-latency",
    name="ranker-p99-latency",
    namespace="AWS/SageMaker",
    metric_name="ModelLatency",
    dimensions={"EndpointName": "ranker", "VariantName": "primary"},
    statistic="Average",
    period=60,
    evaluation_periods=2,
    threshold=250_000,
    comparison_operator="GreaterThanThreshold",
)

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
        "auto_rollback_configuration": {"alarms": [{"alarm_name": latency.name}]},
    },
    retain_all_variant_properties=True,  # keep the autoscaler's instance count across rollouts
    autoscaling="reapply",               # instance-type changes: take the scaling setup off and put it back
    tags={"app": "ranker"},
    opts=pulumi.ResourceOptions(custom_timeouts=pulumi.CustomTimeouts(update="2h")),
)

# The provider re-registers this same target and re-puts this same policy (same resource ID, same policy name)
# after a reapply, so these resources keep their IDs and `pulumi up` finds nothing to change in them.
target = aws.appautoscaling.Target(
    "ranker-primary",
    service_namespace="sagemaker",
    resource_id=endpoint.name.apply(lambda name: f"endpoint/{name}/variant/primary"),
    scalable_dimension="sagemaker:variant:DesiredInstanceCount",
    min_capacity=2,
    max_capacity=8,
)

policy = aws.appautoscaling.Policy(
    "ranker-invocations",
    name="ranker-invocations",
    policy_type="TargetTrackingScaling",
    service_namespace=target.service_namespace,
    resource_id=target.resource_id,
    scalable_dimension=target.scalable_dimension,
    target_tracking_scaling_policy_configuration=aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs(
        target_value=70.0,
        predefined_metric_specification=aws.appautoscaling.
        PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
            predefined_metric_type="SageMakerVariantInvocationsPerInstance"),
        scale_in_cooldown=300,
        scale_out_cooldown=60,
    ),
)

pulumi.export("endpoint_name", endpoint.name)
pulumi.export("rollout_plan", endpoint.rollout_plan)
pulumi.export("scalable_target", target.resource_id)

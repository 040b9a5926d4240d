"""One endpoint hosting several models as inference components, each rolled out in batches and autoscaled by copy.

The EndpointConfig (pulumi_aws) hosts inference components: an execution role, a variant without a model, managed
instance scaling and least-outstanding-requests routing. Two `InferenceComponent`s place their own models on it (a
chat model on a GPU, an embedding model on CPU cores), and an adapter component puts a LoRA adapter from S3 on top
of the chat component. Application Auto Scaling owns each base component's copy count (a scalable target on
`inference-component/<name>` and a target-tracking policy on invocations per copy): the provider never sends the
program's `copy_count` once the target is registered. A new chat model (`modelVersion`) is one
UpdateInferenceComponent that SageMaker rolls out half of the copies at a time, rolled back if the component's 5xx
alarm fires; `pulumi preview --diff` shows it as the component's rolloutPlan.
"""
import pulumi
import pulumi_aws as aws

from pulumi_sagemaker_endpoint import Endpoint, InferenceComponent

config = pulumi.Config()
version = config.get("modelVersion") or "v1"
role = config.require("executionRoleArn")
registry = config.get("imageRegistry") or "123456789012.dkr.ecr.us-east-1.amazonaws.com"
adapter_uri = config.get("adapterUri") or "s3://example-bucket/adapters/support-tone.tar.gz"
instance_type = config.get("instanceType") or "ml.g5.2xlarge"

ENDPOINT = "assistant"

chat_model = aws.sagemaker.Model(
    f"chat-{version}",  # a new version is a new model; the chat component rolls out onto it
    execution_role_arn=role,
    primary_container=aws.sagemaker.ModelPrimaryContainerArgs(
        image=f"{registry}/chat:{version}",
        environment={"OPTION_ENABLE_LORA": "true"},  # the serving container loads adapters (LMI's setting)
    ),
)

embed_model = aws.sagemaker.Model(
    "embed",
    execution_role_arn=role,
    primary_container=aws.sagemaker.ModelPrimaryContainerArgs(image=f"{registry}/embed:v1"),
)

# A config that hosts inference components: an execution role, and a variant that names no model. Managed instance
# scaling adds instances when the components need more copies than fit (and during a rollout, for the new batch).
endpoint_config = aws.sagemaker.EndpointConfiguration(
    "assistant",
    execution_role_arn=role,
    production_variants=[aws.sagemaker.EndpointConfigurationProductionVariantArgs(
        variant_name="AllTraffic",
        instance_type=instance_type,
        initial_instance_count=2,
        managed_instance_scaling=aws.sagemaker.EndpointConfigurationProductionVariantManagedInstanceScalingArgs(
            status="ENABLED",
            min_instance_count=1,
            max_instance_count=6,  # 4 chat copies (one GPU each) and a rollout batch of 2 next to them
        ),
        routing_configs=[aws.sagemaker.EndpointConfigurationProductionVariantRoutingConfigArgs(
            routing_strategy="LEAST_OUTSTANDING_REQUESTS",
        )],
    )],
    opts=pulumi.ResourceOptions(retain_on_delete=True),  # a rolled-back rollout keeps serving the old config
)

endpoint = Endpoint(
    "assistant",
    name=ENDPOINT,
    endpoint_config_name=endpoint_config.name,
    tags={"app": "assistant"},
)


def base_component(key: str, model: aws.sagemaker.Model, requirements: dict) -> InferenceComponent:
    """An inference component of its own model, rolled out in batches and rolled back on its 5xx alarm, whose copy
    count Application Auto Scaling keeps between 1 and 4 copies."""
    name = f"{ENDPOINT}-{key}"
    errors = aws.cloudwatch.MetricAlarm(
        f"{key}-5xx",
        name=f"{name}-5xx",
        namespace="AWS/SageMaker",
        metric_name="Invocation5XXErrors",
        dimensions={"InferenceComponentName": name},
        statistic="Sum",
        period=60,
        evaluation_periods=2,
        threshold=5,
        comparison_operator="GreaterThanThreshold",
        treat_missing_data="notBreaching",
    )
    component = InferenceComponent(
        key,
        inference_component_name=name,
        endpoint_name=endpoint.name,
        specification={"model_name": model.name, "compute_resource_requirements": requirements},
        runtime_config={"copy_count": 2},  # where it starts; the autoscaler owns the count from then on
        deployment_config={
            "rolling_update_policy": {
                # Half of the copies per batch: a percentage, because the autoscaler may have scaled the component
                # down to 1 copy, and 1 copy out of 1 is more than the 50 % SageMaker allows.
                "maximum_batch_size": {"type": "CAPACITY_PERCENT", "value": 50},
                "wait_interval_in_seconds": 300,               # bake each batch, watching the alarm
                "maximum_execution_timeout_in_seconds": 3600,
                "rollback_maximum_batch_size": {"type": "CAPACITY_PERCENT", "value": 100},
            },
            "auto_rollback_configuration": {"alarms": [{"alarm_name": errors.name}]},
        },
        tags={"app": "assistant"},
    )
    target = aws.appautoscaling.Target(
        f"{key}-copies",
        service_namespace="sagemaker",
        resource_id=component.name.apply(lambda component_name: f"inference-component/{component_name}"),
        scalable_dimension="sagemaker:inference-component:DesiredCopyCount",
        min_capacity=1,
        max_capacity=4,
    )
    tracking = aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs(
        target_value=10.0,  # invocations per copy per minute
        predefined_metric_specification=aws.appautoscaling.
        PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
            predefined_metric_type="SageMakerInferenceComponentInvocationsPerCopy"),
        scale_in_cooldown=300,
        scale_out_cooldown=60,
    )
    aws.appautoscaling.Policy(
        f"{key}-invocations",
        name=f"{name}-invocations",
        policy_type="TargetTrackingScaling",
        service_namespace=target.service_namespace,
        resource_id=target.resource_id,
        scalable_dimension=target.scalable_dimension,
        target_tracking_scaling_policy_configuration=tracking,
    )
    return component


chat = base_component("chat", chat_model, {"number_of_accelerator_devices_required": 1,
                                           "min_memory_required_in_mb": 16384})
embed = base_component("embed", embed_model, {"number_of_cpu_cores_required": 2, "min_memory_required_in_mb": 2048})

# An adapter: a LoRA adapter loaded into the chat component's copies (no model, no copies of its own). It names its
# base, so Pulumi creates it after the chat component and deletes it first.
support = InferenceComponent(
    "chat-support",
    inference_component_name=f"{ENDPOINT}-chat-support",
    endpoint_name=endpoint.name,
    specification={"base_inference_component_name": chat.name, "container": {"artifact_url": adapter_uri}},
    tags={"app": "assistant"},
)

pulumi.export("endpoint_name", endpoint.name)
pulumi.export("hosted_inference_components", endpoint.hosted_inference_components)
pulumi.export("chat_rollout_plan", chat.rollout_plan)
pulumi.export("components", [chat.name, embed.name, support.name])

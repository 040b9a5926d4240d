"""The InferenceComponent resource's own part of the lifecycle layer."""

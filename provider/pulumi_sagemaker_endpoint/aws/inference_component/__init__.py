"""The InferenceComponent resource's own part of the aws layer."""

"""The InferenceComponent resource's own part of the check layer."""

"""The InferenceComponent resource's own part of the core layer."""

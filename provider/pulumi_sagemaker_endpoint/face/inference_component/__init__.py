"""The InferenceComponent resource's own part of the face layer."""

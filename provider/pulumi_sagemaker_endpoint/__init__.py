"""Amazon SageMaker endpoints as Pulumi resources, with safe blue/green, canary, linear and rolling rollouts.

Importing this package creates no AWS client and loads no boto3: that happens on the first operation.
"""
from .face.inference_component.resource import InferenceComponent
from .face.resource import Endpoint

__all__ = ["Endpoint", "InferenceComponent"]
__version__ = "0.1.0"

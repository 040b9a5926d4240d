"""Where states written before the layers were folders pickled the provider class; kept so they unpickle."""
from .face.provider import EndpointProvider

__all__ = ["EndpointProvider"]

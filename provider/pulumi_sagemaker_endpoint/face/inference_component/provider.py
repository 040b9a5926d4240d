"""The InferenceComponent's ResourceProvider: the Endpoint's provider (configuration, targeting, failure wording,
the RPC mapping) with the InferenceComponent's check and lifecycle functions; it holds no state."""
from __future__ import annotations

from ...check.inference_component.review import check
from ...lifecycle.inference_component.adopt import adopt
from ...lifecycle.inference_component.create import create
from ...lifecycle.inference_component.delete import delete
from ...lifecycle.inference_component.diff import diff
from ...lifecycle.inference_component.read import read
from ...lifecycle.inference_component.update import update
from ..provider import EndpointProvider


class InferenceComponentProvider(EndpointProvider):
    _check, _diff, _adopt, _create = staticmethod(check), staticmethod(diff), staticmethod(adopt), staticmethod(create)
    _read, _update, _delete = staticmethod(read), staticmethod(update), staticmethod(delete)

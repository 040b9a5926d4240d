"""Errors the emulator answers, as moto ``ServiceException`` subclasses.

moto serializes them with the botocore model of the service (JSON body with
``__type`` and ``message``, ``X-Amzn-Errortype`` header).  Errors that are not
in SageMaker's model (throttling, 5xx, auth) carry ``http_status`` so the
response layer can give them the status the real service uses.
"""

from __future__ import annotations

from moto.core.exceptions import ServiceException
from moto.sagemaker.exceptions import ValidationError


class ValidationException(ValidationError):
    """``ValidationException`` (HTTP 400), SageMaker's answer to almost every bad request."""


class ResourceLimitExceeded(ServiceException):
    code = "ResourceLimitExceeded"


class InjectedFault(ServiceException):
    """A fault injected by ``faults.py``; ``kind`` names the counter it feeds."""

    http_status = 400
    kind = "fault"


class ThrottlingException(InjectedFault):
    code = "ThrottlingException"
    message = "Rate exceeded"
    kind = "throttle"


class InternalFailure(InjectedFault):
    code = "InternalFailure"
    message = "An internal error occurred. Try your request again."
    http_status = 500
    kind = "error"


class ServiceUnavailable(InjectedFault):
    code = "ServiceUnavailable"
    message = "The service is unavailable. Try your request again later."
    http_status = 503
    kind = "error"


class AccessDeniedException(InjectedFault):
    code = "AccessDeniedException"
    kind = "denied"


class ExpiredTokenException(InjectedFault):
    code = "ExpiredTokenException"
    message = "The security token included in the request is expired"
    kind = "expired"


class ControlError(ValueError):
    """A control-route request the emulator cannot carry out (answered HTTP 400 with its message)."""


class ConnectionResetFault(ConnectionResetError):
    """Raised by the WSGI layer after it dropped a connection on purpose."""

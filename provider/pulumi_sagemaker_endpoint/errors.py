"""Every failure reaches the user as one sentence: what happened, to which endpoint or property, what to do."""
from __future__ import annotations

import re
from typing import Any


class EndpointError(Exception):
    """An error whose message is already the sentence the user should read."""


class RolledBack(EndpointError):
    """SageMaker rolled the deployment back; the old EndpointConfig is still live."""

    def __init__(self, message: str, live_config: str | None, alarms: list[str]) -> None:
        super().__init__(message)
        self.live_config = live_config
        self.alarms = alarms


class WaitTimeout(EndpointError):
    """The time allowed ran out while SageMaker was still working."""


def error_code(error: Any) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def error_message(error: Any) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Message", str(error)))


def is_not_found(error: Any) -> bool:
    """DescribeEndpoint/DescribeEndpointConfig answer ValidationException 'Could not find ...' for a missing one."""
    return error_code(error) in ("ValidationException", "ResourceNotFound") and "could not find" in (
        error_message(error).lower())


def explain(error: Exception, endpoint: str, doing: str) -> EndpointError:
    """Turn a botocore error into one sentence naming the endpoint and the next step."""
    if isinstance(error, EndpointError):
        return error
    code, message = error_code(error), error_message(error)
    where = f"{doing} endpoint {endpoint!r}"
    if code in ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation"):
        action = re.search(r"perform: ([\w:]+)", message)
        needed = action.group(1) if action else "the SageMaker action"
        return EndpointError(f"Access denied while {where}: the credentials in use may not call {needed}; grant "
                             f"{needed} to them (`sagemaker-endpoint iam-policy` prints the full policy).")
    if code in ("ExpiredTokenException", "ExpiredToken", "RequestExpired", "InvalidClientTokenId",
                "UnrecognizedClientException"):
        return EndpointError(f"The AWS credentials were rejected while {where} ({code}): they are expired or "
                             f"invalid; refresh them (for example `aws sso login`) and run `pulumi up` again.")
    if code == "ResourceLimitExceeded":
        return EndpointError(f"SageMaker refused {where} because an account quota is reached ({message}); request "
                             f"a quota increase or delete unused endpoints.")
    if code in ("ThrottlingException", "Throttling", "TooManyRequestsException"):
        return EndpointError(f"SageMaker kept throttling requests while {where} after all retries; run `pulumi up` "
                             f"again with lower --parallel.")
    name = type(error).__name__
    if name in ("NoCredentialsError", "PartialCredentialsError", "NoRegionError", "ProfileNotFound"):
        return EndpointError(f"No usable AWS configuration while {where}: {error}; set aws:region/aws:profile in the "
                             f"stack config or the standard AWS environment variables.")
    if name in ("EndpointConnectionError", "ConnectTimeoutError", "ConnectionClosedError"):
        return EndpointError(f"Could not reach SageMaker while {where} ({error}); check the region has SageMaker "
                             f"and the network, then run `pulumi up` again.")
    detail = f"{code}: {message}" if code else str(error)
    return EndpointError(f"SageMaker refused {where}: {detail.rstrip('.')}.")

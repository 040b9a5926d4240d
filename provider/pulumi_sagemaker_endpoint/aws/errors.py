"""Every failure reaches the user as one sentence: what happened, to which endpoint or property, what to do."""
from __future__ import annotations

import re
from typing import Any, Sequence

from ..core.words import words
from . import scaling


class EndpointError(Exception):
    """An error whose message is already the sentence the user should read."""


class RolledBack(EndpointError):
    """SageMaker rolled the deployment back; the old EndpointConfig is still live."""

    def __init__(self, message: str, live_config: str | None, alarms: list[str]) -> None:
        super().__init__(message)
        self.live_config = live_config
        self.alarms = alarms


class InvalidInputs(EndpointError):
    """Inputs that break a rule checked against what they name in AWS (the EndpointConfig, the alarms), found
    before anything was sent. `problems` are (property path, sentence) pairs: check's Failures."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = [tuple(problem) for problem in problems]
        super().__init__(" ".join(reason for _, reason in self.problems))


class WaitTimeout(EndpointError):
    """The time allowed ran out while SageMaker was still working; `status` is the last one seen (None: none was)."""

    def __init__(self, message: str, status: str | None = None) -> None:
        super().__init__(message)
        self.status = status


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


def missing_kind(error: Any) -> str | None:
    """What a 'Could not find ...' error says is missing: "endpoint", "endpoint configuration", "model", ..."""
    if not is_not_found(error):
        return None
    found = re.search(r"could not find (endpoint configuration|endpoint config|endpoint|model)",
                      error_message(error).lower())
    if found is None:
        return "resource"
    return "endpoint configuration" if found.group(1).startswith("endpoint config") else found.group(1)


def is_already_exists(error: Any) -> bool:
    """CreateEndpoint's answer for a name in use (names are unique regardless of case)."""
    return error_code(error) == "ValidationException" and "already existing" in error_message(error)


def is_in_progress(error: Any) -> bool:
    """UpdateEndpoint/DeleteEndpoint refused because the endpoint is Creating, Updating, RollingBack or Deleting."""
    return error_code(error) == "ValidationException" and "in-progress" in error_message(error)


def is_not_registered(error: Any) -> bool:
    """DeregisterScalableTarget of a target that is not (or no longer) registered."""
    return error_code(error) == "ObjectNotFoundException" or (
        error_code(error) == "ValidationException" and "no scalable target found" in error_message(error).lower())


def is_config_not_visible(error: Any) -> bool:
    """The eventual-consistency error of CreateEndpoint/UpdateEndpoint on an EndpointConfig created moments ago."""
    return missing_kind(error) == "endpoint configuration"


ACCESS_DENIED = ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedAccess")
CREDENTIALS_REJECTED = ("ExpiredTokenException", "ExpiredToken", "RequestExpired", "InvalidClientTokenId",
                        "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch",
                        "IncompleteSignature", "MissingAuthenticationToken")
THROTTLED = ("ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
             "SlowDown", "ProvisionedThroughputExceededException")
SERVER_FAULTS = ("InternalFailure", "InternalServerError", "InternalError", "ServiceUnavailable",
                 "ServiceUnavailableException")
# botocore exceptions raised without a response, by class name (so botocore stays a lazy import)
NO_CONFIGURATION = ("NoCredentialsError", "PartialCredentialsError", "NoRegionError", "ProfileNotFound",
                    "InvalidRegionError", "UnknownCredentialError")
SESSION_EXPIRED = ("TokenRetrievalError", "UnauthorizedSSOTokenError", "SSOTokenLoadError",
                   "RefreshWithMFAUnsupportedError", "CredentialRetrievalError")
UNREACHABLE = ("EndpointConnectionError", "ConnectTimeoutError", "UnknownEndpointError")
CONNECTION_LOST = ("ConnectionClosedError", "ReadTimeoutError", "ProxyConnectionError", "SSLError",
                   "HTTPClientError", "ResponseStreamingError")
SERVICES = {"DescribeAlarms": "cloudwatch", "AssumeRole": "sts", "GetCallerIdentity": "sts",
            **{operation: scaling.SERVICE for operation in (*scaling.READS, *scaling.WRITES)}}


def is_permanent(error: Any) -> bool:
    """An error that retrying cannot cure (denied, rejected or unusable credentials): waiting should stop on it."""
    return (error_code(error) in ACCESS_DENIED + CREDENTIALS_REJECTED
            or type(error).__name__ in SESSION_EXPIRED + NO_CONFIGURATION)


def iam_action(error: Any) -> str:
    """The IAM action a denied call needed: from the message when AWS names it, else from the operation."""
    named = re.search(r"perform: ([\w-]+:[\w*]+)", error_message(error))
    if named:
        return named.group(1)
    operation = getattr(error, "operation_name", None)
    if operation:
        return f"{SERVICES.get(operation, 'sagemaker')}:{operation}"
    return "the SageMaker action"


def first_sentence(text: str) -> str:
    """The first sentence of an AWS message (quota messages go on with how to ask for more)."""
    head = re.split(r"(?<=[a-z0-9)\"'])\. (?=[A-Z])", text.strip(), maxsplit=1)[0]
    return head.rstrip(". ")


def _named(message: str, kind: str) -> str:
    """ " 'name'" of the ARN of this kind that the message quotes, or nothing."""
    found = re.search(rf":{kind}/([^\"\s]+)", message)
    return f" {found.group(1)!r}" if found else ""


def explain(error: Exception, endpoint: str, doing: str, noun: str = "endpoint") -> EndpointError:
    """Turn a botocore error into one sentence naming the endpoint (or the `noun` named) and the next step."""
    if isinstance(error, EndpointError):
        return error
    code, message, say = error_code(error), error_message(error), words()
    where = f"{doing} {noun} {endpoint!r}"
    name = type(error).__name__
    if code in ACCESS_DENIED:
        action = iam_action(error)
        trust = " and the role's trust policy must allow them" if action == "sts:AssumeRole" else ""
        return EndpointError(f"Access denied while {where}: the credentials in use may not call {action}; grant "
                             f"{action} to them{trust} (`sagemaker-endpoint iam-policy` prints the full policy).")
    if code == "ValidationException" and "DeregisterScalableTarget permission" in message:
        return EndpointError(f"SageMaker refused {where}: its variants are registered with Application Auto Scaling, "
                             f"and DeleteEndpoint needs application-autoscaling:DeregisterScalableTarget to deregister "
                             f"them; grant it to the credentials in use (`sagemaker-endpoint iam-policy` prints the "
                             f"full policy).")
    if code in CREDENTIALS_REJECTED:
        return EndpointError(f"The AWS credentials were rejected while {where} ({code}): they are expired or "
                             f"invalid; refresh them (for example `aws sso login`) and {say.again}.")
    if name in SESSION_EXPIRED:
        return EndpointError(f"The AWS credentials could not be refreshed while {where} ({name}): the session "
                             f"has expired; log in again (for example `aws sso login`) and {say.again}.")
    if code == "ResourceLimitExceeded":
        return EndpointError(f"SageMaker refused {where} because an account quota is reached "
                             f"({first_sentence(message)}); request a quota increase in Service Quotas or delete "
                             f"unused endpoints, then {say.again}.")
    if code in THROTTLED:
        return EndpointError(f"SageMaker kept throttling requests while {where} after all retries; nothing was "
                             f"lost: {say.again}{say.slower}.")
    if code in SERVER_FAULTS or (code.isdigit() and code.startswith("5")):
        return EndpointError(f"SageMaker kept failing with {code} while {where} after all retries (an AWS-side "
                             f"problem); nothing was lost: {say.again_resumes}.")
    missing = missing_kind(error)
    if missing == "model":
        return EndpointError(f"The model{_named(message, 'model')} of the EndpointConfig for endpoint {endpoint!r} "
                             f"does not exist; "
                             f"create the model (or point the endpoint at an EndpointConfig whose models exist) and "
                             f"{say.again}.")
    if missing == "endpoint configuration":
        return EndpointError(f"The EndpointConfig{_named(message, 'endpoint-config')} for endpoint {endpoint!r} "
                             f"does not exist in this account "
                             f"and region; create the EndpointConfig first or fix {say.config_input}.")
    if missing == "endpoint" and doing != "creating" and noun == "endpoint":
        return EndpointError(f"Endpoint {endpoint!r} no longer exists while {doing} it: it was deleted "
                             f"{say.outside}; {say.recreate}.")
    if name in NO_CONFIGURATION:  # no credentials or region: nothing could be sent
        return InvalidInputs([("", f"No usable AWS configuration while {where}: {str(error).rstrip('.')}; "
                                   f"{say.settings}.")])
    if name in UNREACHABLE:
        return EndpointError(f"Could not reach SageMaker while {where} ({error}): the region may not offer "
                             f"SageMaker or the network blocks it; use a region where SageMaker is available "
                             f"({say.region_setting}), then {say.again}.")
    if name in CONNECTION_LOST:
        return EndpointError(f"The connection to SageMaker kept failing while {where} after all retries "
                             f"({name}); nothing was lost: {say.again_resumes}.")
    detail = f"{code}: {message}" if code else str(error)
    return EndpointError(f"SageMaker refused {where}: {detail.rstrip('.')}.")

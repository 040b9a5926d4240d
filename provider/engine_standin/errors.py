"""Errors the stand-in raises or records, with the text the engine would show for each."""

from __future__ import annotations

from typing import Optional

import grpc


class EngineError(Exception):
    """A failure the engine itself reports (not an RPC error). `urn` is the resource it is
    reported against, if any."""

    def __init__(self, message: str, urn: Optional[str] = None) -> None:
        super().__init__(message)
        self.urn = urn


class CheckFailed(EngineError):
    """Check returned failures; `failures` is [(property path, reason), ...] in provider order,
    `messages` the engine's diagnostics for them (step_generator.go issueCheckFailures)."""

    def __init__(self, urn: str, failures: list[tuple[str, str]], messages: list[str]) -> None:
        super().__init__("\n".join(messages), urn)
        self.failures = failures
        self.messages = messages


class ProtectedError(EngineError):
    """A delete refused because the resource is protected (step.go deleteProtectedError); the
    deployment goes on past it whatever --continue-on-error says (stepExecutor.cancelDueToError)."""


def display_type(type_token: str) -> str:
    """tokens.Type.DisplayName: "pkg:mod/file:Name" shows as "pkg:mod:Name" when file is camelCase(Name)."""
    parts = type_token.split(":")
    if len(parts) != 3 or not parts[2] or "/" not in parts[1]:
        return type_token
    pkg, module, name = parts
    head, file = module.rsplit("/", 1)
    return f"{pkg}:{head}:{name}" if file == name[:1].lower() + name[1:] else type_token


def diagnostics_block(urn: str, message: str) -> str:
    """How the CLI prints an error diagnostic of a resource under "Diagnostics:"
    (pkg/backend/display/progress.go printDiagnostics and resourceHeader: the header
    "  <type> (<name>):", then each line of "error: <message>" indented by four spaces and
    trimmed on the right)."""
    type_token, name = urn_type(urn), urn.rsplit("::", 1)[-1]
    lines = [f"  {display_type(type_token)} ({name}):"]
    lines += ["    " + line.rstrip() for line in f"error: {message}".rstrip().splitlines()]
    return "\n".join(lines)


def urn_type(urn: str) -> str:
    """The resource's own type token (the last of the `$`-joined qualified type)."""
    parts = urn.split("::")
    return parts[2].rsplit("$", 1)[-1] if len(parts) >= 4 else ""


class ProviderError(Exception):
    """An RPC to the provider server failed.

    `details` is the raw gRPC status details (for the Python server: the provider's traceback,
    sent by __main__.py's `_abort_with_traceback`); `code` the status code.
    `message` is the error text the engine reports: provider_plugin.go turns the status into an
    rpcerror.Error whose Error() is the status message (plus a cause the Python server never
    sends), and update.go OnResourceStepPost reports it verbatim as the resource's diagnostic
    (diag.GetResourceOperationFailedError, "%v"); `display` is that diagnostic as the CLI prints
    it. `urn` is the resource the RPC was about.
    """

    def __init__(self, method: str, code: grpc.StatusCode, details: str, urn: str = "") -> None:
        super().__init__(f"{method} failed ({code.name}): {details}")
        self.method = method
        self.code = code
        self.details = details
        self.urn = urn

    @property
    def message(self) -> str:
        return self.details

    @property
    def display(self) -> str:
        return diagnostics_block(self.urn, self.message) if self.urn else f"error: {self.message}"

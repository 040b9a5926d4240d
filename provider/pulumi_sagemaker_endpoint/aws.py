"""AWS sessions and clients: resource region/role, else the stack's aws: config, else the standard environment.

One client per (service, target) per process, so every call to one account and region shares botocore's
adaptive retry mode and its client-side rate limiter. `AWS_ENDPOINT_URL_SAGEMAKER` / `AWS_ENDPOINT_URL` are
honoured by botocore itself. No credential is ever stored on the provider or returned in state.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Mapping

USER_AGENT = "pulumi-sagemaker-endpoint/0.1"
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class Target:
    """Where calls go. Holds names only (region, profile, role), never secrets."""

    region: str | None = None
    profile: str | None = None
    role_arn: str | None = None
    session_name: str = "pulumi-sagemaker-endpoint"
    endpoint_url: str | None = None  # the CLI's --endpoint-url; None leaves it to botocore (AWS_ENDPOINT_URL...)


def target_for(inputs: Mapping[str, Any], stack_config: Mapping[str, Any]) -> Target:
    return Target(
        region=inputs.get("region") or stack_config.get("aws:region"),
        profile=stack_config.get("aws:profile"),
        role_arn=inputs.get("roleArn"),
        session_name=session_name(inputs.get("owner")),
    )


def session_name(owner: Any) -> str:
    """RoleSessionName naming the stack and resource, within STS's 64 characters of [\\w+=,.@-]."""
    if not isinstance(owner, str) or not owner:
        return "pulumi-sagemaker-endpoint"
    return re.sub(r"[^\w+=,.@-]", "-", f"pulumi-{owner}")[:64]


_lock = threading.Lock()
_clients: dict[tuple[str, Target], Any] = {}


def client(service: str, target: Target) -> Any:
    key = (service, target)
    with _lock:
        if key not in _clients:
            _clients[key] = _session(target).client(service, config=_config(), endpoint_url=target.endpoint_url)
        return _clients[key]


def reset_clients() -> None:
    """Forget cached clients (after the environment changed, e.g. in tests)."""
    with _lock:
        _clients.clear()


def _config() -> Any:
    from botocore.config import Config

    return Config(
        retries={"mode": "adaptive", "max_attempts": MAX_ATTEMPTS},
        user_agent_extra=USER_AGENT,
        max_pool_connections=128,
        connect_timeout=10,
        read_timeout=60,
    )


def _session(target: Target) -> Any:
    import boto3

    session = boto3.Session(profile_name=target.profile, region_name=target.region)
    if target.role_arn:
        _assume_role(session, target)
    return session


def _assume_role(session: Any, target: Target) -> None:
    """Refreshable credentials for the role, fetched the way botocore does it for profiles with role_arn."""
    from botocore.credentials import AssumeRoleCredentialFetcher, DeferredRefreshableCredentials

    source = session._session.get_credentials()
    fetcher = AssumeRoleCredentialFetcher(
        client_creator=session._session.create_client,
        source_credentials=source,
        role_arn=target.role_arn,
        extra_args={"RoleSessionName": target.session_name},
    )
    credentials = DeferredRefreshableCredentials(method="assume-role", refresh_using=fetcher.fetch_credentials)
    session._session._credentials = credentials


def region_of(target: Target) -> str | None:
    return client("sagemaker", target).meta.region_name


def known_regions() -> set[str]:
    """Regions botocore knows SageMaker in (local data, no call)."""
    import boto3

    session = boto3.Session()
    return {region for partition in session.get_available_partitions()
            for region in session.get_available_regions("sagemaker", partition_name=partition)}

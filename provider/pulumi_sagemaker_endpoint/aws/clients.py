"""AWS sessions and clients: resource region/role, else the stack's aws: config, else the standard environment.

One client per (service, target) per process, so every call to one account and region shares botocore's
adaptive retry mode and its client-side rate limiter. `AWS_ENDPOINT_URL_SAGEMAKER` / `AWS_ENDPOINT_URL` are
honoured by botocore itself. No credential is ever stored on the provider or returned in state.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Mapping

from ..core.owner import parse

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


SESSION_NAME_LIMIT = 64  # STS RoleSessionName: 2-64 characters of [\w+=,.@-]


def session_name(owner: Any) -> str:
    """RoleSessionName `pulumi-<project>-<stack>-<resource>`, so CloudTrail names who called. Past STS's 64
    characters it is cut and ends in a digest of the whole owner, so two long owners never share a name."""
    if not isinstance(owner, str) or not owner:
        return "pulumi-sagemaker-endpoint"
    who = parse(owner)
    name = re.sub(r"[^\w+=,.@-]", "-", f"pulumi-{who.project}-{who.stack}-{who.name}")
    if len(name) <= SESSION_NAME_LIMIT:
        return name
    digest = hashlib.sha256(owner.encode()).hexdigest()[:8]
    return f"{name[:SESSION_NAME_LIMIT - len(digest) - 1]}-{digest}"


_lock = threading.Lock()
_clients: dict[tuple[str, Target], Any] = {}
_limiters: dict[tuple[str, tuple], Any] = {}  # (service, budget) -> the adaptive rate limiter its clients share
_budgets: dict[int, tuple] = {}  # id(client) -> (generation, budget)
_generation = 0  # bumped by reset_clients(): clients made after it are a new budget


def budget(target: Target) -> tuple:
    """What one rate budget covers: an account and region (as far as names tell them apart without a call)."""
    return (target.region, target.profile, target.role_arn, target.endpoint_url)


def client(service: str, target: Target) -> Any:
    """The process's client for this target. The session name matters only to an assumed role, so targets without
    a role share one client per account and region; clients of one role (one per session name) share its adaptive
    retry rate limiter. Either way, every call to one account and region draws on one rate budget."""
    key = (service, target if target.role_arn else replace(target, session_name=Target.session_name))
    with _lock:
        if key not in _clients:
            made = _session(target).client(service, config=_config(), endpoint_url=target.endpoint_url)
            if target.role_arn:
                _share_rate_limiter(made, (service, budget(target)))
            _budgets[id(made)] = (_generation, budget(target))
            _clients[key] = made
        return _clients[key]


def budget_of(client_: Any) -> Any:
    """The budget a client made by `client()` draws on (any other client is its own)."""
    with _lock:
        return _budgets.get(id(client_), id(client_))


def _share_rate_limiter(made: Any, key: tuple[str, tuple]) -> None:
    """botocore gives each client its own adaptive limiter; add one per budget that all its clients share."""
    shared = _limiters.get(key)
    if shared is None:
        from botocore.retries import adaptive

        _limiters[key] = adaptive.register_retry_handler(made)
        return
    made.meta.events.register("before-send", shared.on_sending_request)
    made.meta.events.register("needs-retry", shared.on_receiving_response)


def reset_clients() -> None:
    """Forget cached clients (after the environment changed, e.g. in tests)."""
    global _generation
    with _lock:
        _generation += 1
        _clients.clear()
        _limiters.clear()
        _budgets.clear()


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


def sagemaker(target: Target) -> Any:
    return client("sagemaker", target)


def cloudwatch(target: Target) -> Any:
    return client("cloudwatch", target)


def autoscaling(target: Target) -> Any:
    """Application Auto Scaling, which scales SageMaker variants (namespace `sagemaker`)."""
    return client("application-autoscaling", target)


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """Regions botocore knows SageMaker in (local data, no call; read once: a session costs ~90 ms)."""
    import boto3

    session = boto3.Session()
    return frozenset(region for partition in session.get_available_partitions()
                     for region in session.get_available_regions("sagemaker", partition_name=partition))

"""Request-level fault injection: throttling (rate and requests-per-second budget),
transient 5xx, dropped connections, denied actions and expired credentials.

State-level faults (eventual consistency, forced ``Failed`` creates/updates,
failing rollbacks, the endpoint limit) live with the state in ``models.py``.
Faults apply to SageMaker API requests; of them only denied actions apply to
Application Auto Scaling; CloudWatch and the control routes are never faulted.
"""

from __future__ import annotations

import random
import threading
import time

from .exceptions import (
    AccessDeniedException,
    ExpiredTokenException,
    InjectedFault,
    InternalFailure,
    ServiceUnavailable,
    ThrottlingException,
)
from .requestlog import RECORDER, Recorder
from .settings import SETTINGS, EmulatorSettings, SettingsHolder

CALLER_ROLE = "SageMakerEmulatorRole"
CALLER_SESSION = "emulator-session"


class TokenBucket:
    """A requests-per-second budget with a one-second burst."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class FaultInjector:
    """Decides, request by request, whether to inject a fault.

    Random draws are made only for faults whose rate is above zero, from one
    generator seeded with ``seed`` (re-seeded whenever settings change), so a
    given seed and request sequence always fault the same requests.
    """

    def __init__(self, holder: SettingsHolder = SETTINGS, recorder: Recorder = RECORDER) -> None:
        self._holder = holder
        self._recorder = recorder
        self._lock = threading.Lock()
        self._rng = random.Random()
        self._bucket: TokenBucket | None = None
        self._configure(holder.current)
        holder.listeners.append(self._configure)

    def _configure(self, settings: EmulatorSettings) -> None:
        with self._lock:
            self._rng = random.Random(settings.seed)
            rps = settings.throttle_rps
            self._bucket = TokenBucket(rps) if rps else None

    def _draw(self, rate: float) -> bool:
        return rate > 0.0 and self._rng.random() < rate

    def should_reset(self) -> bool:
        """Whether to drop this request's connection without answering."""
        with self._lock:
            hit = self._draw(self._holder.current.reset_rate)
        if hit:
            self._recorder.fault("reset")
        return hit

    def check(self, action: str, resource_arn: str, account_id: str) -> None:
        """Raise the fault to answer instead of running ``action`` (``sagemaker:Op``)."""
        settings = self._holder.current
        fault: InjectedFault | None = None
        if settings.expired_credentials:
            fault = ExpiredTokenException()
        elif settings.denies(action):
            fault = AccessDeniedException(access_denied_message(action, resource_arn, account_id))
        else:
            with self._lock:
                if self._bucket is not None and not self._bucket.take():
                    fault = ThrottlingException()
                elif self._draw(settings.throttle_rate):
                    fault = ThrottlingException()
                elif self._draw(settings.error_rate):
                    fault = InternalFailure() if self._rng.random() < 0.5 else ServiceUnavailable()
        if fault is not None:
            self._recorder.fault(fault.kind)
            raise fault


    def check_denied(self, action: str, resource_arn: str | None, account_id: str) -> None:
        """Raise ``AccessDeniedException`` if ``deny_actions`` names ``action``."""
        if self._holder.current.denies(action):
            self._recorder.fault(AccessDeniedException.kind)
            raise AccessDeniedException(access_denied_message(action, resource_arn, account_id))


def access_denied_message(action: str, resource_arn: str | None, account_id: str) -> str:
    """IAM's wording; without a resource ARN (actions without resource-level permissions) it names none."""
    caller = f"arn:aws:sts::{account_id}:assumed-role/{CALLER_ROLE}/{CALLER_SESSION}"
    resource = f" on resource: {resource_arn}" if resource_arn else ""
    return (
        f"User: {caller} is not authorized to perform: {action}{resource} "
        f"because no identity-based policy allows the {action} action"
    )


FAULTS = FaultInjector()

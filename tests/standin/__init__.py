"""Tests of the engine stand-in (provider/engine_standin) against the real `python -m pulumi.dynamic`.

The provider server runs in the repository root, as the engine runs it in the program's
directory, so `tests.standin.dummy_provider` unpickles in the child."""

from functools import partial
from pathlib import Path

import engine_standin

from tests.harness import STARTUP_TIMEOUT  # noqa: F401 - also gives the stand-in's open_engine that start-up guard

REPO_ROOT = Path(__file__).resolve().parents[2]
ProviderServer = partial(engine_standin.ProviderServer, cwd=REPO_ROOT, startup_timeout=STARTUP_TIMEOUT)
open_engine = partial(engine_standin.open_engine, cwd=REPO_ROOT)

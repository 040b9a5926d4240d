"""The product's tests drive the SDK's dynamic provider server through the engine stand-in (`engine_standin`,
whose docstring lists where it differs from the engine). The server runs in the repository root, as the engine
runs it in the program's directory, so that providers defined in tests unpickle in the child."""
from functools import partial
from pathlib import Path

import os

import engine_standin
import engine_standin.engine
import engine_standin.server
from engine_standin import *  # noqa: F401,F403 - the stand-in's names, for the tests

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Seconds a provider server or an emulator may take to start before that is a failure: a guard, not a window
#: (on a machine this loaded a Python process importing pulumi, boto3 or moto can take a minute to come up).
STARTUP_TIMEOUT = 600.0

# The stand-in's own open_engine starts its server with the stand-in's default start-up limit (30 s); the tests'
# servers, also those it starts, get the guard instead.
engine_standin.engine.ProviderServer = partial(engine_standin.server.ProviderServer, startup_timeout=STARTUP_TIMEOUT)
ProviderServer = partial(engine_standin.ProviderServer, cwd=REPO_ROOT, startup_timeout=STARTUP_TIMEOUT)
open_engine = partial(engine_standin.open_engine, cwd=REPO_ROOT)


def quick_polling(env: dict[str, str], interval: float = 0.05) -> dict[str, str]:
    """`env` for a provider server whose status sweeper first looks every `interval` seconds instead of every
    second (see provider_site/sitecustomize.py): for tests whose assertions do not count status calls."""
    path = os.pathsep.join(p for p in (str(Path(__file__).parent / "provider_site"), env.get("PYTHONPATH",
                                                                                                os.environ.get("PYTHONPATH", ""))) if p)
    return {**env, "PYTHONPATH": path, "SAGEMAKER_ENDPOINT_TEST_MIN_INTERVAL": str(interval)}

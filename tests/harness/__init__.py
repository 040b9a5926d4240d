"""The product's tests drive the SDK's dynamic provider server through the engine stand-in (`engine_standin`,
whose docstring lists where it differs from the engine). The server runs in the repository root, as the engine
runs it in the program's directory, so that providers defined in tests unpickle in the child."""
from functools import partial
from pathlib import Path

import engine_standin
from engine_standin import *  # noqa: F401,F403 - the stand-in's names, for the tests

REPO_ROOT = Path(__file__).resolve().parents[2]
ProviderServer = partial(engine_standin.ProviderServer, cwd=REPO_ROOT)
open_engine = partial(engine_standin.open_engine, cwd=REPO_ROOT)

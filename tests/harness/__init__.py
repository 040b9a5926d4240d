"""Engine-faithful test harness for the SDK's dynamic provider server (`python -m pulumi.dynamic`).

    from tests.harness import open_engine, UNKNOWN, secret

    with open_engine({"aws:region": "us-east-1"}, env={"AWS_ENDPOINT_URL": url}) as engine:
        r = engine.up("inference", {"endpointConfigName": "cfg-1"}, EndpointProvider(),
                      type_token="pulumi-python:dynamic/sagemaker:Endpoint")
        assert r.op == "create"
        assert engine.calls("Update") == []

Where the harness knowingly differs from the engine (see engine.py for what it follows):
- One resource per operation: `up()` is a deployment of a program declaring that resource
  only, except that other resources in the state are not deleted. Replaced resources are
  deleted right after their replacement is created (the engine waits for the end of the
  deployment); dependents, parents, aliases, protect, ignoreChanges, replaceOnChanges,
  retainOnDelete, deletedWith, hooks, plans, policy packs and targets are not modelled.
- Outside previews the harness refuses `UNKNOWN` inputs (a program cannot register them)
  where the engine's marshaller would drop them.
- Secrets nested in returned values are pushed up to their enclosing object by the SDK's
  deserializer (the engine keeps them in place); top-level secret bits are annotated as the
  engine does. Only `__provider` is secret unless a test passes `secret(...)` values.
- `import_(engine_sends_inputs=True)` and `call_timeout` are opt-in deviations (documented on
  each); import over an existing resource (import-replacement) is not modelled.
- No resource-status/view service, no Cancel on interrupt, no random seed reuse from plans,
  no `ignoreChanges`; CheckRequest.old_outputs (in the 3.272 protocol, unused by the Python
  server) is not sent.
- `StepResult.changed_keys` is what the CLI would display: the Python server never fills
  DiffResponse.diffs, so it is the top-level input diff, as the engine's display computes it.
"""

from functools import partial
from pathlib import Path

from pulumi_sagemaker_endpoint.local_engine import engine as _engine
from pulumi_sagemaker_endpoint.local_engine import server as _server
from pulumi_sagemaker_endpoint.local_engine.engine import (
    PROVIDER_KEY,
    UNKNOWN,
    CheckFailed,
    CustomTimeouts,
    Engine,
    EngineError,
    ProviderError,
    ResourceState,
    RpcCall,
    StepResult,
    contains_secrets,
    from_struct,
    is_secret,
    parse_timeout,
    secret,
    to_struct,
    unwrap_secrets,
)
from pulumi_sagemaker_endpoint.local_engine.server import ServerStartError

# The server runs in the repository root, as the engine runs it in the program's directory,
# so `tests.harness.dummy_provider` unpickles in the child.
REPO_ROOT = Path(__file__).resolve().parents[2]
ProviderServer = partial(_server.ProviderServer, cwd=REPO_ROOT)
open_engine = partial(_engine.open_engine, cwd=REPO_ROOT)

__all__ = [
    "PROVIDER_KEY",
    "REPO_ROOT",
    "UNKNOWN",
    "CheckFailed",
    "CustomTimeouts",
    "Engine",
    "EngineError",
    "ProviderError",
    "ProviderServer",
    "ResourceState",
    "RpcCall",
    "ServerStartError",
    "StepResult",
    "contains_secrets",
    "from_struct",
    "is_secret",
    "open_engine",
    "parse_timeout",
    "secret",
    "to_struct",
    "unwrap_secrets",
]

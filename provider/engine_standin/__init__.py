"""A stand-in for the Pulumi engine that drives the Python SDK's dynamic provider server
(`python -m pulumi.dynamic`) over gRPC with the engine's RPCs, in the engine's order and with the
engine's arguments, for one resource at a time (`Engine.up`, ...) or a whole program
(`Engine.deploy`). Written from pulumi/pulumi at 1b5949891b (sdk 3.260-dev); each module cites
the engine functions it follows. It works with SDKs from 3.140.0 on.

    from engine_standin import Declaration, Options, Ref, open_engine

    with open_engine({"aws:region": "us-east-1"}, cwd=program_dir) as engine:
        result = engine.deploy([
            Declaration("cfg", CFG_TYPE, {"size": 1}, CfgProvider()),
            Declaration("ep", EP_TYPE, {"config": Ref("cfg", "name")}, EpProvider()),
        ])
        assert result.ok and result.resources["ep"].op == "create"

Where the stand-in knowingly differs from the engine:
- Steps run one at a time, in program order (the engine runs independent registrations in
  parallel); the deletes of one post-step round run one after another, and all of a round's
  steps run even when one of them fails (the engine starts them together).
- One provider: every custom resource uses the default `pulumi-python` provider. Explicit
  provider resources, provider changes, DiffConfig, deletedWith, replaceWith,
  replaceOnChanges, additionalSecretOutputs, hooks, plans, policy packs, views, `--exclude`,
  `--refresh` inside `up`, and refresh/destroy programs are not modelled; there is no root
  stack resource in the state (resources without a parent have none; the URN is the same).
- A resource that depends on one whose step failed (continue-on-error) is registered with the
  failed output missing, Check/Diff'ed and its steps skipped (what handleSingleEvent does with
  the SDKs up to 3.27x; newer SDKs fault such outputs and may not register it at all).
- In a targeted deployment, a resource depending on a skipped create is refused before its
  Check (the engine refuses it right after).
- The state table keeps topological order but not the engine's exact snapshot order;
  untargeted dependencies are not re-emitted as extra same steps (queueUntargetedDependencySames).
- Outside previews the stand-in refuses `UNKNOWN` inputs (a program cannot register them)
  where the engine's marshaller would drop them.
- Secrets nested in returned values are pushed up to their enclosing object by the SDK's
  deserializer (the engine keeps them in place); top-level secret bits are annotated as the
  engine does. Only `__provider` is secret unless a test passes `secret(...)` values.
- `import_(engine_sends_inputs=True)` and `call_timeout` are opt-in deviations (documented on
  each); import over an existing resource (import-replacement) is not modelled.
- No resource-status/view service (Create carries no resourceStatusAddress/Token), no Cancel on
  interrupt, no random seed reuse from plans. One provider server serves every deployment (the
  CLI starts one per command, with CheckConfig/DiffConfig/Configure each time).
- `StepResult.changed_keys` is what the CLI would display: the Python server never fills
  DiffResponse.diffs, so it is the top-level input diff, as the engine's display computes it.
- The single-resource `up`/`preview`/`import_`/`get` are deployments targeted at that one
  resource; `refresh`/`destroy` of one resource act on it alone.

Why it is kept beside the real engine (tests/engine runs the `pulumi` CLI that scripts/pulumi-engine
builds, and tests/engine/test_standin_agrees.py checks that this stand-in sends the provider the same
requests and words check failures the same way):
- speed: hundreds of provider scenarios in one process and one provider server, where each real
  `pulumi` command costs a CLI start, a plugin start and a state file write (1 to 3 s here);
- fault points the real engine cannot give on demand: the provider server killed at an exact RPC
  (tests/faults), a step held between two RPCs, call timeouts, and an SDK floor (.ci/floor runs the
  stand-in tests on pulumi 3.216 with no CLI of that version built);
- the quickstart's path on a machine without `pulumi`.
Scenarios the real engine runs are not repeated here (the replaced-EndpointConfig deployments, for
one, live only in tests/engine/test_config_deployments.py).
"""

from .client import DYNAMIC_PACKAGE, PROVIDER_TYPE
from .engine import PROVIDER_KEY, Engine, open_engine
from .errors import CheckFailed, EngineError, ProviderError
from .records import (
    Alias,
    CustomTimeouts,
    Declaration,
    DeploymentResult,
    Options,
    Ref,
    ResourceState,
    RpcCall,
    StepRecord,
    StepResult,
)
from .server import ProviderServer, ServerStartError
from .values import (
    UNKNOWN,
    contains_secrets,
    from_struct,
    is_secret,
    parse_timeout,
    secret,
    to_struct,
    unwrap_secrets,
)

__all__ = [
    "DYNAMIC_PACKAGE",
    "PROVIDER_KEY",
    "PROVIDER_TYPE",
    "UNKNOWN",
    "Alias",
    "CheckFailed",
    "CustomTimeouts",
    "Declaration",
    "DeploymentResult",
    "Engine",
    "EngineError",
    "Options",
    "ProviderError",
    "ProviderServer",
    "Ref",
    "ResourceState",
    "RpcCall",
    "ServerStartError",
    "StepRecord",
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

"""`sagemaker-endpoint quickstart`: examples/quickstart through its whole life against the local emulator.

Starts the emulator, creates a model and two EndpointConfigs in it, then: create, update to the second config,
a no-op run, destroy, printing each step and the endpoint's status as it changes. With the `pulumi` CLI on PATH
it runs the real `pulumi preview` / `pulumi up` / `pulumi destroy` (their own output is shown) through the
Automation API, with examples/quickstart as an inline program on a local file backend: only `pulumi` and its
dynamic-provider plugin are needed, no language host. Without it, it drives the same resource through the SDK's
dynamic provider server (`python -m pulumi.dynamic`) with the engine stand-in.
"""
from __future__ import annotations

import os
import runpy
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

PROJECT = "sagemaker-endpoint-quickstart"
STACK = "quickstart"
CONFIGS = ("quickstart-config-v1", "quickstart-config-v2")
TIMINGS = {"create_seconds": 4.0, "update_seconds": 4.0, "delete_seconds": 1.5, "time_scale": 0.01}


def project_dir() -> Path:
    """The directory holding the root Pulumi.yaml (the repository), else the current directory."""
    for candidate in (Path(__file__).resolve().parents[3], Path.cwd()):
        if (candidate / "Pulumi.yaml").exists() and (candidate / "examples" / "quickstart").is_dir():
            return candidate
    raise SystemExit("quickstart: run it from a clone of pulumi-sagemaker-endpoint (Pulumi.yaml not found)")


def seed(sagemaker: Any) -> None:
    """A model and two EndpointConfigs, as a user's own Pulumi program or pipeline would have made them."""
    for version, config in enumerate(CONFIGS, start=1):
        model = f"quickstart-model-v{version}"
        sagemaker.create_model(ModelName=model, ExecutionRoleArn="arn:aws:iam::123456789012:role/quickstart",
                               PrimaryContainer={"Image": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/qs:v{version}"})
        sagemaker.create_endpoint_config(EndpointConfigName=config, ProductionVariants=[{
            "VariantName": "primary", "ModelName": model, "InitialInstanceCount": 2,
            "InstanceType": "ml.m5.large", "InitialVariantWeight": 1.0}])
        print(f"  seeded model {model} and endpoint config {config}")


class StatusWatch:
    """Prints the endpoint's status whenever it changes, while the steps run."""

    def __init__(self, sagemaker: Any) -> None:
        self._sagemaker, self._stop, self._last = sagemaker, threading.Event(), ""
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> "StatusWatch":
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            endpoints = self._sagemaker.list_endpoints(NameContains="quickstart")["Endpoints"]
            now = ", ".join(f"{e['EndpointName']} {e['EndpointStatus']}" for e in endpoints) or "no endpoint"
            if now != self._last:
                print(f"    status: {now}", flush=True)
                self._last = now


NO_CLI = ("quickstart: --engine cli needs the `pulumi` CLI on PATH; install it (https://www.pulumi.com/docs/install/) "
          "or run the quickstart without --engine.")


def run(engine: str = "auto") -> int:
    from sagemaker_emulator import Emulator

    have_cli = shutil.which("pulumi") is not None
    if engine == "cli" and not have_cli:
        print(NO_CLI, file=sys.stderr)
        return 2
    use_cli = engine == "cli" or (engine == "auto" and have_cli)
    root = project_dir()
    with Emulator(**TIMINGS) as emulator:
        os.environ.update(emulator.env())
        print(f"SageMaker emulator on {emulator.url} (create {TIMINGS['create_seconds']} s, update "
              f"{TIMINGS['update_seconds']} s)")
        sagemaker = emulator.client("sagemaker")
        seed(sagemaker)
        emulator.reset_stats()
        with StatusWatch(sagemaker):
            steps = _cli_steps(root, emulator.env()) if use_cli else _sdk_steps(root)
            for title, step in steps:
                print(f"- {title}", flush=True)
                print(f"  {step()}", flush=True)
        calls = {op: n for op, n in emulator.stats()["calls"].items() if op != "ListEndpoints"}
        print(f"done: the provider made {sum(calls.values())} AWS calls besides status sweeps "
              f"({', '.join(f'{op} {n}' for op, n in sorted(calls.items()))})")
    return 0


Step = tuple[str, Callable[[], str]]


def _sdk_steps(root: Path) -> list[Step]:
    from ..face.provider import EndpointProvider
    from engine_standin import Engine, ProviderServer
    from engine_standin.program import capture

    print("pulumi CLI not on PATH: driving examples/quickstart's Endpoint through the SDK's dynamic provider "
          "server (python -m pulumi.dynamic) as the engine would.")
    server = ProviderServer(cwd=root, project=PROJECT).start()
    engine = Engine(server, {"aws:region": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}, stack=STACK,
                    project=PROJECT)

    def up(config_name: str) -> str:
        [resource] = capture(root / "examples" / "quickstart", PROJECT, STACK, {"endpointConfigName": config_name})
        inputs = {k: v for k, v in resource.inputs.items() if k != "__provider"}
        result = engine.up(resource.name, inputs, EndpointProvider(), type_token=resource.type)
        outs = result.outputs
        return (f"{result.op}: {outs['name']} is {outs['endpointStatus']} with {outs['endpointConfigName']} "
                f"(plan: {result.inputs.get('rolloutPlan')})")

    def destroy() -> str:
        engine.destroy("quickstart")
        server.stop()
        return "destroyed"

    return [(f"pulumi up (endpointConfigName={CONFIGS[0]})", lambda: up(CONFIGS[0])),
            (f"pulumi up (endpointConfigName={CONFIGS[1]})", lambda: up(CONFIGS[1])),
            ("pulumi up again (nothing changed)", lambda: up(CONFIGS[1])),
            ("pulumi destroy", destroy)]


def _cli_steps(root: Path, env: dict[str, str]) -> list[Step]:
    from pulumi import automation as auto

    print(f"pulumi CLI on PATH ({shutil.which('pulumi')}): running examples/quickstart with `pulumi preview`, "
          f"`pulumi up` and `pulumi destroy` on a local file backend.")
    backend = tempfile.mkdtemp(prefix="quickstart-state-")
    main = root / "examples" / "quickstart" / "__main__.py"
    options = auto.LocalWorkspaceOptions(
        work_dir=backend, project_settings=auto.ProjectSettings(name=PROJECT, runtime="python"),
        env_vars={**env, "PULUMI_BACKEND_URL": f"file://{backend}", "PULUMI_CONFIG_PASSPHRASE": "quickstart",
                  "PULUMI_SKIP_UPDATE_CHECK": "true"})
    stack = auto.create_or_select_stack(STACK, project_name=PROJECT, opts=options,
                                        program=lambda: runpy.run_path(str(main), run_name="__main__"))
    stack.set_config("aws:region", auto.ConfigValue(env.get("AWS_DEFAULT_REGION", "us-east-1")))

    def show(line: str) -> None:
        print(f"    {line.rstrip()}", flush=True)

    def up(config_name: str) -> str:
        stack.set_config("endpointConfigName", auto.ConfigValue(config_name))
        stack.preview(diff=True, on_output=show)
        result = stack.up(on_output=show)
        outs = {key: value.value for key, value in result.outputs.items()}
        return (f"{result.summary.resource_changes}: {outs.get('endpoint_name')} is {outs.get('endpoint_status')} "
                f"with {outs.get('endpoint_config_name')}")

    def destroy() -> str:
        stack.destroy(on_output=show)
        stack.workspace.remove_stack(STACK)
        shutil.rmtree(backend, ignore_errors=True)
        return "destroyed"

    return [(f"pulumi up (endpointConfigName={CONFIGS[0]})", lambda: up(CONFIGS[0])),
            (f"pulumi up (endpointConfigName={CONFIGS[1]})", lambda: up(CONFIGS[1])),
            ("pulumi up again (nothing changed)", lambda: up(CONFIGS[1])),
            ("pulumi destroy", destroy)]

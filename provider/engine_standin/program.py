"""Run a Pulumi Python program under `pulumi.runtime.set_mocks` and capture what it registers.

This is how the quickstart (without a `pulumi` CLI) and the tests learn exactly which inputs a program gives
each resource, so that the engine stand-in drives the same resource the real engine would.
"""
from __future__ import annotations

import hashlib
import runpy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pulumi


@dataclass
class Registered:
    type: str
    name: str
    inputs: dict[str, Any]


class _Capture(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.resources: list[Registered] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        self.resources.append(Registered(args.typ, args.name, dict(args.inputs)))
        # As providers auto-name: "<logical>-<7 hex>" where the program gave no name.
        suffix = hashlib.sha256(f"{args.typ}::{args.name}".encode()).hexdigest()[:7]
        name = args.inputs.get("name") or f"{args.name}-{suffix}"
        return f"{name}-id", {**args.inputs, "name": name, "arn": f"arn:mock:{args.typ}:{name}"}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict, list]:
        return {}, []


def capture(program_dir: str | Path, project: str, stack: str, config: Mapping[str, str]) -> list[Registered]:
    """Every resource the program at `program_dir` registers, with its inputs, under the given stack config.
    Config keys without a namespace belong to the project, as in Pulumi.<stack>.yaml."""
    mocks = _Capture()
    full_config = {(key if ":" in key else f"{project}:{key}"): value for key, value in config.items()}
    pulumi.runtime.set_all_config(full_config)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False)
    main = Path(program_dir) / "__main__.py"
    sys.path.insert(0, str(Path(program_dir)))
    try:
        pulumi.runtime.test(lambda: runpy.run_path(str(main), run_name="__main__"))()
    finally:
        sys.path.remove(str(Path(program_dir)))
    return mocks.resources

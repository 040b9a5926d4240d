"""The import contracts of pyproject.toml (layers importing only downward; the product apart from the emulator and
the engine stand-in), checked by import-linter on every run of the suite."""
from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0, \
        "an import contract is broken: `lint-imports` names it"

"""Reading a CLI-input document: a mapping, a path, `file://` path, `-` (standard input) or JSON/YAML text; every
way it cannot be read is one Failure sentence."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Mapping

from .failures import Failure


class InputProblems(ValueError):
    """A document (or command line) with problems; each one is a Failure with the document's path."""

    def __init__(self, failures: list[Failure]) -> None:
        self.failures = list(failures)
        super().__init__("; ".join(describe(failure) for failure in self.failures))


def describe(failure: Failure) -> str:
    """The reason, which names its path, or `path: reason` for a reason that does not."""
    if not failure.property or failure.reason.startswith(failure.property):
        return failure.reason
    return f"{failure.property}: {failure.reason}"



def load(source: Any, fmt: str | None = None) -> dict[str, Any]:
    """The document from a mapping, a path, a `file://` path, `-` (stdin) or JSON/YAML text; `fmt` is "json" or
    "yaml" (None: by the file's extension, else by the text). Raises InputProblems when it cannot be read."""
    if isinstance(source, Mapping):
        return dict(source)
    text, label = _read(source)
    document = _parse(text, fmt or _format_of(label, text), label)
    if not isinstance(document, dict):
        kind = type(document).__name__ if document is not None else "nothing"
        raise InputProblems([Failure("", f"{label} holds {kind}, not a mapping; it must be a mapping such as "
                                         f'{{"EndpointName": "...", "EndpointConfigName": "..."}}.')])
    return document


def _read(source: Any) -> tuple[str, str]:
    """(text, label): the label names the file, or "the input document" for inline text."""
    if isinstance(source, Path):
        return _read_file(source), str(source)
    if not isinstance(source, str):
        raise InputProblems([Failure("", f"The input document must be a mapping, a path or JSON/YAML text, "
                                         f"not {type(source).__name__}; pass one of those.")])
    if source == "-":
        return sys.stdin.read(), "standard input"
    if source.startswith("file://"):
        return _read_file(Path(source[len("file://"):])), source[len("file://"):]
    if _is_file(source):
        return _read_file(Path(source)), source
    if _looks_like_a_path(source):
        raise InputProblems([Failure("", f"The input document {source} does not exist; pass an existing file "
                                         f"(path or file://path) or the document's JSON/YAML text.")])
    return source, "the input document"


def _is_file(text: str) -> bool:
    try:
        return "\n" not in text and Path(text).is_file()
    except (OSError, ValueError):  # document text too long or odd to be a file name
        return False


def _looks_like_a_path(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and "\n" not in stripped and not stripped.startswith(("{", "[")) and ": " not in stripped


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputProblems([Failure("", f"The input document {path} does not exist; pass an existing file.")]) \
            from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblems([Failure("", f"The input document {path} cannot be read ({error}); pass a readable "
                                         f"UTF-8 file.")]) from None


def _format_of(label: str, text: str) -> str:
    suffix = Path(label).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def _parse(text: str, fmt: str, label: str) -> Any:
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputProblems([Failure("", f"{label} is not valid JSON: {error.msg} at line {error.lineno} column "
                                             f"{error.colno}; fix the syntax.")]) from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "unreadable"
        raise InputProblems([Failure("", f"{label} is not valid YAML: {problem}{where}; fix the syntax.")]) from None

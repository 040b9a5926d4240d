"""CLI-input documents: what `aws sagemaker create-endpoint` / `update-endpoint` take with `--cli-input-json` or
`--cli-input-yaml`, in the API's PascalCase shape. One parser serves the command line, `validate` and
`Endpoint.from_cli_input`.

The shape is data: the keys a document may hold, the required ones and the skeletons come from botocore's
SageMaker model; the values are checked by `inputs.check_inputs` (schema.json and the rules), whose state-form
property paths are translated back to the document's paths (`deploymentConfig.blueGreenUpdatePolicy` is reported as
`DeploymentConfig.BlueGreenUpdatePolicy`).
"""
from __future__ import annotations

import difflib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .schema import Failure, validate
from .shapes import camel, pascal

# The document's keys and the state form's: one table, both directions.
DOCUMENT_KEYS = {
    "EndpointName": "name",
    "EndpointConfigName": "endpointConfigName",
    "DeploymentConfig": "deploymentConfig",
    "Tags": "tags",
    "RetainAllVariantProperties": "retainAllVariantProperties",
    "ExcludeRetainedVariantProperties": "excludeRetainedVariantProperties",
    "RetainDeploymentConfig": "retainDeploymentConfig",
}
STATE_KEYS = {state: document for document, state in DOCUMENT_KEYS.items()}
ENDPOINT_OPERATIONS = ("CreateEndpoint", "UpdateEndpoint")
PLACEHOLDER_OWNER = "cli/input/endpoint"  # lets check_inputs validate a document that leaves EndpointName out


class InputProblems(ValueError):
    """A document (or command line) with problems; each one is a Failure with the document's path."""

    def __init__(self, failures: Sequence[Failure]) -> None:
        self.failures = list(failures)
        super().__init__("; ".join(describe(failure) for failure in self.failures))


def describe(failure: Failure) -> str:
    """`path: reason`, or the reason alone for a problem with the whole document."""
    return f"{failure.property}: {failure.reason}" if failure.property else failure.reason


# ---- the SageMaker model ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def service_model() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("sagemaker")


def input_shape(operation: str) -> Any:
    return service_model().operation_model(operation).input_shape


def output_shape(operation: str) -> Any:
    return service_model().operation_model(operation).output_shape


def members(operations: Iterable[str]) -> dict[str, Any]:
    """The top-level keys the operations take, in the model's order, with their shapes."""
    found: dict[str, Any] = {}
    for operation in operations:
        found.update(input_shape(operation).members)
    return found


def required(operations: Iterable[str]) -> list[str]:
    """Keys every one of the operations requires."""
    sets = [set(input_shape(operation).required_members) for operation in operations]
    both = set.intersection(*sets) if sets else set()
    return [name for name in members(operations) if name in both]


# ---- loading ----------------------------------------------------------------------------------------------------

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


# ---- the document's shape (keys known and required, at every level) ---------------------------------------------

def shape_failures(document: Mapping[str, Any], operations: Sequence[str] = ENDPOINT_OPERATIONS,
                   require: bool = True) -> list[Failure]:
    """Unknown keys (with a suggestion) and missing required keys, against the operations' input shapes."""
    top = members(operations)
    failures = _unknown(document, top, "", "/".join(operations) + "'s input")
    if require:
        failures += [Failure(name, f"{name} is required; set it in the document (or pass "
                                   f"--{_option(name)}).") for name in required(operations) if name not in document]
    for name, value in document.items():
        if name in top:
            failures += _walk(value, top[name], name)
    return failures


def _walk(value: Any, shape: Any, path: str) -> list[Failure]:
    if shape.type_name == "structure" and isinstance(value, Mapping):
        failures = _unknown(value, shape.members, path, f"a {shape.name}")
        failures += [Failure(f"{path}.{name}", f"{path}.{name} is required; set it.")
                     for name in shape.required_members if name not in value]
        for name, item in value.items():
            if name in shape.members:
                failures += _walk(item, shape.members[name], f"{path}.{name}")
        return failures
    if shape.type_name == "list" and isinstance(value, list):
        return [failure for index, item in enumerate(value) for failure in _walk(item, shape.member,
                                                                                   f"{path}[{index}]")]
    return []  # scalars and wrong types: schema.json reports those


def _unknown(value: Mapping[str, Any], known: Mapping[str, Any], path: str, owner: str) -> list[Failure]:
    failures = []
    for name in value:
        if name in known:
            continue
        where = f"{path}.{name}" if path else str(name)
        by_case = {key.lower(): key for key in known}
        close = [by_case[str(name).lower()]] if str(name).lower() in by_case else difflib.get_close_matches(
            str(name), list(known), n=1)
        hint = f"did you mean {close[0]}?" if close else f"remove it (the keys are {', '.join(known)})."
        failures.append(Failure(where, f"{where} is not a key of {owner}; {hint}"))
    return failures


def _option(name: str) -> str:
    import botocore

    return botocore.xform_name(name, "-")


# ---- document <-> state form ------------------------------------------------------------------------------------

def to_state(document: Mapping[str, Any]) -> dict[str, Any]:
    """The known keys under their state-form names; `inputs.normalise` converts the values."""
    return {DOCUMENT_KEYS[key]: value for key, value in document.items() if key in DOCUMENT_KEYS}


def document_path(state_path: str, document: Mapping[str, Any]) -> str:
    """`deploymentConfig.blueGreenUpdatePolicy.x` -> `DeploymentConfig.BlueGreenUpdatePolicy.X`, spelled as the
    document spells each key; a tag's value `tags.team` -> `Tags[2].Value` (the item that holds it)."""
    if not state_path:
        return state_path
    if state_path.startswith("tags."):
        return _tag_path(state_path[len("tags."):], document.get("Tags"))
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", state_path)
    head = parts[0]
    path = STATE_KEYS.get(head, pascal(head))
    value: Any = document.get(path)
    for part in parts[1:]:
        if part.startswith("["):
            index = int(part[1:-1])
            path += part
            value = value[index] if isinstance(value, list) and index < len(value) else None
            continue
        key = _spelled(value, part)
        path += f".{key}"
        value = value.get(key) if isinstance(value, Mapping) else None
    return path


def _spelled(value: Any, state_key: str) -> str:
    """The document's key whose state form is `state_key` (PascalCase when the document has none)."""
    if isinstance(value, Mapping):
        for key in value:
            if camel(str(key)) == state_key:
                return str(key)
    return pascal(state_key)


def _tag_path(key: str, tags: Any) -> str:
    if isinstance(tags, list):
        for index, item in enumerate(tags):
            if isinstance(item, Mapping) and item.get("Key") == key:
                return f"Tags[{index}].Value"
    return f"Tags.{key}"


def document_failures(failures: Iterable[Failure], document: Mapping[str, Any]) -> list[Failure]:
    """State-form failures (from check_inputs or the rules) spoken in the document's paths."""
    translated = []
    for failure in failures:
        where = document_path(failure.property, document)
        reason = failure.reason
        if failure.property and reason.startswith(failure.property):
            reason = where + reason[len(failure.property):]
        reason = re.sub(r"\bdeploymentConfig(?:\.[A-Za-z]\w*|\[\d+\])*", lambda m: document_path(m.group(0),
                                                                                                 document), reason)
        translated.append(Failure(where, reason))
    return translated


def merge(failures: Iterable[Failure]) -> list[Failure]:
    """One problem per path (the first, which is the more specific), sorted by path."""
    first: dict[str, Failure] = {}
    for failure in failures:
        first.setdefault(failure.property, failure)
    return sorted(first.values())


# ---- checking ---------------------------------------------------------------------------------------------------

def check(document: Mapping[str, Any], operations: Sequence[str] = ENDPOINT_OPERATIONS,
          require: bool = True) -> tuple[dict[str, Any], list[Failure]]:
    """(state-form inputs, every problem with its document path): the shape against botocore's model, then
    schema.json and the provider's rules. Operations without an EndpointConfigName (delete, describe) check the
    name alone."""
    from .inputs import check_inputs

    failures = shape_failures(document, operations, require)
    state = to_state(document)
    if "EndpointConfigName" not in members(operations):
        found = [failure for failure in validate(state) if failure.property == "name"] if "name" in state else []
        return state, merge([*failures, *document_failures(found, document)])
    named = "name" in state
    inputs, found = check_inputs({}, state if named else {**state, "owner": PLACEHOLDER_OWNER})
    if not named:
        inputs.pop("name", None)
        inputs.pop("owner", None)
    return inputs, merge([*failures, *document_failures(found, document)])


def endpoint_kwargs(path_or_mapping: Any) -> dict[str, Any]:
    """`Endpoint(...)` keyword arguments from a CLI-input document (EndpointName optional: auto-named when absent).
    Raises InputProblems naming every problem with its path; values are checked again by the provider."""
    document = load(path_or_mapping)
    inputs, failures = check(document, require=False)
    if failures:
        raise InputProblems(failures)
    import botocore

    return {botocore.xform_name(DOCUMENT_KEYS[key]): inputs[DOCUMENT_KEYS[key]]
            for key in document if DOCUMENT_KEYS.get(key) in inputs}


# ---- skeletons (--generate-cli-skeleton) ------------------------------------------------------------------------

def skeleton(shape: Any, names: bool = False) -> Any:
    """A sample value of a shape, as the AWS CLI's skeletons have them ("" and 0 placeholders, an enum's first
    value); with names=True strings hold their member name (the CLI's sample output)."""
    return _sample(shape, names, "", ())


def _sample(shape: Any, names: bool, name: str, seen: tuple[str, ...]) -> Any:
    kind = shape.type_name
    if kind == "structure":
        if shape.name in seen:
            return {}
        return {member: _sample(sub, names, member, (*seen, shape.name)) for member, sub in shape.members.items()}
    if kind == "list":
        return [_sample(shape.member, names, name, seen)]
    if kind == "map":
        return {"KeyName": _sample(shape.value, names, name, seen)}
    if kind == "string":
        return shape.enum[0] if shape.enum else (name if names else "")
    if kind in ("integer", "long"):
        return 0
    if kind in ("float", "double"):
        return 0.0
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return "1970-01-01T00:00:00+00:00"
    return ""


def input_skeleton(operation: str) -> dict[str, Any]:
    return skeleton(input_shape(operation))


def output_skeleton(operation: str) -> dict[str, Any]:
    shape = output_shape(operation)
    return skeleton(shape, names=True) if shape is not None else {}


def yaml_skeleton(operation: str) -> str:
    """The input skeleton as YAML, each key commented with [REQUIRED], its first sentence and its valid values."""
    lines: list[str] = []
    _yaml_structure(input_shape(operation), 0, lines)
    return "\n".join(lines) + "\n"


def _yaml_structure(shape: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for name, member in shape.members.items():
        comment = _comment(member, name in shape.required_members)
        kind = member.type_name
        if kind == "structure":
            lines.append(f"{pad}{name}:{comment}")
            _yaml_structure(member, indent + 2, lines)
        elif kind == "list" and member.member.type_name == "structure":
            lines.append(f"{pad}{name}:{comment}")
            start = len(lines)
            _yaml_structure(member.member, indent + 2, lines)
            lines[start] = f"{pad}- " + lines[start][indent + 2:]
        elif kind == "list":
            lines.append(f"{pad}{name}:{comment}")
            lines.append(f"{pad}- {json.dumps(skeleton(member.member))}")
        else:
            lines.append(f"{pad}{name}: {json.dumps(skeleton(member))}{comment}")


def summary(shape: Any) -> str:
    """The first sentence of a shape's documentation, without its HTML, at most 100 characters."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shape.documentation or "")).strip()
    sentence = re.split(r"(?<=\.)\s", text, maxsplit=1)[0] if text else ""
    return sentence[:97].rstrip() + "..." if len(sentence) > 100 else sentence


def _comment(shape: Any, is_required: bool) -> str:
    parts = [part for part in ("[REQUIRED]" if is_required else "", summary(shape)) if part]
    enum = getattr(shape, "enum", None)
    if enum:
        parts.append(f"Valid values are: {', '.join(enum)}.")
    return f"  # {' '.join(parts)}" if parts else ""

"""`--generate-cli-skeleton`: sample documents of an operation's input (JSON or commented YAML) and output, as the
AWS CLI prints them, from botocore's model."""
from __future__ import annotations

import json
import textwrap
from typing import Any

from ..aws.model import documentation, input_shape, output_shape

WIDTH = 100  # the comments' lines, as the help's



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
    """The input skeleton as YAML, each key under its comment: [REQUIRED], its documentation whole and wrapped, and
    its valid values."""
    lines: list[str] = []
    _yaml_structure(input_shape(operation), 0, lines)
    return "\n".join(lines) + "\n"


def _yaml_structure(shape: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for name, member in shape.members.items():
        lines += _comment(member, name in shape.required_members, pad)
        kind = member.type_name
        if kind == "structure":
            lines.append(f"{pad}{name}:")
            _yaml_structure(member, indent + 2, lines)
        elif kind == "list" and member.member.type_name == "structure":
            lines.append(f"{pad}{name}:")
            start = len(lines)
            _yaml_structure(member.member, indent + 2, lines)
            first = next(i for i in range(start, len(lines)) if not lines[i].lstrip().startswith("#"))
            lines[first] = f"{pad}- " + lines[first][indent + 2:]
        elif kind == "list":
            lines.append(f"{pad}{name}:")
            lines.append(f"{pad}- {json.dumps(skeleton(member.member))}")
        else:
            lines.append(f"{pad}{name}: {json.dumps(skeleton(member))}")


def _comment(shape: Any, is_required: bool, pad: str) -> list[str]:
    """The comment lines above a key."""
    parts = [part for part in ("[REQUIRED]" if is_required else "", documentation(shape)) if part]
    enum = getattr(shape, "enum", None)
    if enum:
        parts.append(f"Valid values are: {', '.join(enum)}.")
    return textwrap.wrap(" ".join(parts), WIDTH, initial_indent=f"{pad}# ", subsequent_indent=f"{pad}# ",
                         break_on_hyphens=False)

"""UpdateEndpointWeightsAndCapacities requests checked against the live fleet (plain data, no I/O).

The API reference: the operation "updates variant weight of one or more
variants associated with an existing endpoint, or capacity of one variant";
``DesiredInstanceCount`` is an instance-based variant's capacity and
``ServerlessUpdateConfig`` a serverless variant's.  The wording for an
unknown or repeated variant is moto's; the other messages are the emulator's.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .exceptions import ValidationException


def changes(
    live: Iterable[Mapping[str, Any]], config_name: str, requested: Iterable[Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """The Desired* values to set, by variant name, for a valid request; ValidationException otherwise."""
    fleet = {v["VariantName"]: v for v in live}
    result: dict[str, dict[str, Any]] = {}
    for item in requested:
        name = item["VariantName"]
        if name in result:
            raise ValidationException(f'The variant name "{name}" was non-unique within the request.')
        variant = fleet.get(name)
        if variant is None:
            raise ValidationException(
                f'The variant name(s) "{name}" is/are not present within endpoint configuration "{config_name}".'
            )
        result[name] = _change(name, variant, item)
    resized = [name for name, change in result.items() if "DesiredInstanceCount" in change]
    if len(resized) > 1:
        raise ValidationException(
            "The capacity of only one production variant can be updated per request; DesiredInstanceCount was "
            f"given for [{', '.join(resized)}]."
        )
    return result


def _change(name: str, variant: Mapping[str, Any], item: Mapping[str, Any]) -> dict[str, Any]:
    serverless = "CurrentServerlessConfig" in variant
    change: dict[str, Any] = {}
    if item.get("DesiredWeight") is not None:
        change["DesiredWeight"] = float(item["DesiredWeight"])
    if item.get("DesiredInstanceCount") is not None:
        if serverless:
            raise ValidationException(
                f'DesiredInstanceCount cannot be specified for production variant "{name}": it is a serverless '
                "variant; use ServerlessUpdateConfig."
            )
        change["DesiredInstanceCount"] = int(item["DesiredInstanceCount"])
    if item.get("ServerlessUpdateConfig"):
        if not serverless:
            raise ValidationException(
                f'ServerlessUpdateConfig can only be specified for serverless production variants; production '
                f'variant "{name}" is instance-based.'
            )
        change["DesiredServerlessConfig"] = {**variant["CurrentServerlessConfig"], **item["ServerlessUpdateConfig"]}
    if not change:
        raise ValidationException(
            "At least one of DesiredWeight, DesiredInstanceCount or ServerlessUpdateConfig must be specified for "
            f'production variant "{name}".'
        )
    return change

"""botocore's service models (SageMaker unless another service is named), read by small generic code: the
operations' input and output shapes, the AWS CLI's option names, and each shape's documentation."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable


@lru_cache(maxsize=None)
def service_model(service: str = "sagemaker") -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model(service)


def raw_model() -> dict[str, Any]:
    """The model's JSON as botocore ships it (service-2.json, gzipped or not)."""
    import botocore.loaders

    return botocore.loaders.Loader().load_service_model("sagemaker", "service-2")


def input_shape(operation: str, service: str = "sagemaker") -> Any:
    return service_model(service).operation_model(operation).input_shape


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


def option(name: str) -> str:
    """The AWS CLI's option for a member: EndpointConfigName -> --endpoint-config-name."""
    import botocore

    return "--" + botocore.xform_name(name, "-")


def documentation(shape: Any) -> str:
    """A shape's documentation, whole, as plain text on one line (the caller wraps it): its HTML taken out, a
    space after each sentence and none before punctuation."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shape.documentation or "")).strip()
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return re.sub(r"(?<=[a-z)])\.(?=[A-Z][a-z])", ". ", text)

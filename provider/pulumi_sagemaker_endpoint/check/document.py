"""CLI-input documents: what `aws sagemaker create-endpoint` / `update-endpoint` take with `--cli-input-json` or
`--cli-input-yaml`, in the API's PascalCase shape. One parser serves the command line, `validate` and
`Endpoint.from_cli_input`.

The shape is data: the keys a document may hold and the required ones come from botocore's SageMaker model
(document_shape.py); the values are checked as check() checks inputs (schema.json and the rules), and the
problems are spoken in the document's paths (document_paths.py).
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..aws.model import members
from ..core.properties import BY_STATE
from .document_loading import InputProblems, load
from .document_paths import DOCUMENT_KEYS, document_failures, merge, to_state
from .document_shape import ENDPOINT_OPERATIONS, shape_failures
from .failures import Failure
from .review import check_inputs
from .schema import validate

PLACEHOLDER_OWNER = "cli/input/endpoint"  # lets check_inputs validate a document that leaves EndpointName out


def check(document: Mapping[str, Any], operations: Sequence[str] = ENDPOINT_OPERATIONS,
          require: bool = True) -> tuple[dict[str, Any], list[Failure]]:
    """(state-form inputs, every problem with its document path): the shape against botocore's model, then
    schema.json and the provider's rules. Operations without an EndpointConfigName (delete, describe) check the
    name alone."""
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
    return {BY_STATE[DOCUMENT_KEYS[key]].snake: inputs[DOCUMENT_KEYS[key]]
            for key in document if DOCUMENT_KEYS.get(key) in inputs}

"""The one property table: every key of an Endpoint's inputs and state, and what each is to each part of the code.

Every list of property names elsewhere derives from `PROPERTIES` (the resource's attributes and placeholders,
`check()`'s key lists, the diff's replace and update keys, the schema's hidden keys, the CLI document's keys, the
request builders, the outputs). A new property is one row here, plus its schema in `check/schema_gen.py` and the
code that acts on it; tests/unit/core/test_properties.py fails when a name list is written anywhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable

from .shapes import camel, snake


class Role(Enum):
    INPUT = "input"    # the user sets it
    HIDDEN = "hidden"  # set by the resource class or by check(), never by users
    OUTPUT = "output"  # what SageMaker reports; never an input, so check() drops it


class Change(Enum):
    REPLACE = "replace"  # a different value is a different endpoint
    UPDATE = "update"    # changed in place by the update
    NONE = "none"        # not compared by the diff


@dataclass(frozen=True)
class Property:
    state: str                   # camelCase key of the state and of check()'s inputs
    api: str | None              # the API's member name, where the API has one
    role: Role
    change: Change
    calls: tuple[str, ...] = ()  # the API calls that take it (inputs) or report it (outputs)

    @property
    def snake(self) -> str:
        """The Python attribute and keyword argument: `endpoint_config_name`."""
        return snake(self.state)


CREATE, UPDATE_ENDPOINT, DESCRIBE = "CreateEndpoint", "UpdateEndpoint", "DescribeEndpoint"
WEIGHTS_AND_CAPACITIES = "UpdateEndpointWeightsAndCapacities"
TAGGING = ("AddTags", "DeleteTags")
I, H, O = Role.INPUT, Role.HIDDEN, Role.OUTPUT
R, U, N = Change.REPLACE, Change.UPDATE, Change.NONE

PROPERTIES: tuple[Property, ...] = (
    Property("name", "EndpointName", I, R, (CREATE, UPDATE_ENDPOINT, DESCRIBE)),
    Property("endpointConfigName", "EndpointConfigName", I, U, (CREATE, UPDATE_ENDPOINT, DESCRIBE)),
    Property("deploymentConfig", "DeploymentConfig", I, U, (CREATE, UPDATE_ENDPOINT)),
    Property("tags", "Tags", I, U, (CREATE, *TAGGING)),
    Property("retainAllVariantProperties", "RetainAllVariantProperties", I, U, (UPDATE_ENDPOINT,)),
    Property("excludeRetainedVariantProperties", "ExcludeRetainedVariantProperties", I, U, (UPDATE_ENDPOINT,)),
    Property("retainDeploymentConfig", "RetainDeploymentConfig", I, U, (UPDATE_ENDPOINT,)),
    Property("variantWeights", None, I, U, (WEIGHTS_AND_CAPACITIES,)),         # {variant: DesiredWeight}
    Property("desiredInstanceCounts", None, I, U, (WEIGHTS_AND_CAPACITIES,)),  # {variant: DesiredInstanceCount}
    Property("region", None, I, R),
    Property("roleArn", None, I, U),
    Property("autoscaling", None, I, U),             # "refuse" | "reapply": instance-type changes of autoscaled variants
    Property("inferenceComponents", None, I, U),     # "refuse" | "update": a new EndpointConfig under hosted ICs
    Property("owner", None, H, U, TAGGING),          # <organization>/<URN> (core/owner.py), also the ownership tag
    Property("timeouts", None, H, U),                # the resource's customTimeouts, in seconds
    Property("deleteBeforeReplace", None, H, N),     # the resource's delete_before_replace option
    Property("rolloutPlan", None, H, N),             # check()'s plan text, shown in the preview
    Property("importId", None, H, N),                # opts.import_: adopt this endpoint instead of creating one
    Property("scalingRestore", None, H, U),          # check(): variants an interrupted reapply left to put back
    Property("arn", "EndpointArn", O, N, (DESCRIBE,)),
    Property("endpointStatus", "EndpointStatus", O, N, (DESCRIBE,)),
    Property("creationTime", "CreationTime", O, N, (DESCRIBE,)),
    Property("failureReason", "FailureReason", O, N, (DESCRIBE,)),
    Property("productionVariants", "ProductionVariants", O, N, (DESCRIBE, "DescribeEndpointConfig")),
    Property("endpointConfigCreationTime", "CreationTime", O, N, ("DescribeEndpointConfig",)),
    Property("hostedInferenceComponents", None, O, N, ("ListInferenceComponents", "DescribeInferenceComponent")),
)
BY_STATE = {p.state: p for p in PROPERTIES}


def keys(*roles: Role, among: Iterable[Property] = PROPERTIES) -> tuple[str, ...]:
    return tuple(p.state for p in among if p.role in roles)


def changing(change: Change, among: Iterable[Property] = PROPERTIES) -> tuple[str, ...]:
    return tuple(p.state for p in among if p.change is change)


def snake_names(among: Iterable[Property]) -> dict[str, str]:
    """snake_case attribute -> state key."""
    return {p.snake: p.state for p in among}


def api_aliases(among: Iterable[Property]) -> dict[str, str]:
    """The API's name of an input (camelCased), which check() also accepts -> state key."""
    return {camel(p.api): p.state for p in among if p.api and p.role is Role.INPUT and camel(p.api) != p.state}


def taken_by(call: str, among: Iterable[Property] = PROPERTIES) -> tuple[Property, ...]:
    return tuple(p for p in among if call in p.calls and p.role is not Role.OUTPUT)


INPUTS = keys(Role.INPUT)                        # what users set (the resource's keyword arguments)
STATE_INPUTS = keys(Role.INPUT, Role.HIDDEN)     # what check() returns and the outputs carry over
HIDDEN = frozenset(keys(Role.HIDDEN))
OUTPUTS = keys(Role.OUTPUT)
REPLACE_KEYS = changing(Change.REPLACE)
UPDATE_KEYS = changing(Change.UPDATE)
SNAKE = snake_names(PROPERTIES)                  # ep.endpoint_config_name -> endpointConfigName
ALIASES = api_aliases(PROPERTIES)                # the API's name of an input, which check() also accepts

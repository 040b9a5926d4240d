"""The InferenceComponent's property table: every key of its inputs and state, as `core/properties.py` is the
Endpoint's (same `Property` rows, same roles and changes; every list of names below derives from `PROPERTIES`)."""
from __future__ import annotations

from ..properties import Change, Property, Role, api_aliases, changing, keys, snake_names

CREATE, UPDATE, DESCRIBE = "CreateInferenceComponent", "UpdateInferenceComponent", "DescribeInferenceComponent"
TAGGING = ("AddTags", "DeleteTags")
I, H, O = Role.INPUT, Role.HIDDEN, Role.OUTPUT
R, U, N = Change.REPLACE, Change.UPDATE, Change.NONE

PROPERTIES: tuple[Property, ...] = (
    Property("name", "InferenceComponentName", I, R, (CREATE, UPDATE, DESCRIBE)),
    Property("endpointName", "EndpointName", I, R, (CREATE, DESCRIBE)),
    Property("variantName", "VariantName", I, R, (CREATE, DESCRIBE)),
    Property("specification", "Specification", I, U, (CREATE, UPDATE)),
    Property("runtimeConfig", "RuntimeConfig", I, U, (CREATE, UPDATE)),        # {copyCount}
    Property("deploymentConfig", "DeploymentConfig", I, U, (UPDATE,)),
    Property("tags", "Tags", I, U, (CREATE, *TAGGING)),
    Property("region", None, I, R),
    Property("roleArn", None, I, U),
    Property("owner", None, H, U, TAGGING),          # <organization>/<URN> (core/owner.py), also the ownership tag
    Property("timeouts", None, H, U),                # the resource's customTimeouts, in seconds
    Property("rolloutPlan", None, H, N),             # check()'s plan text, shown in the preview
    Property("importId", None, H, N),                # opts.import_: adopt this component instead of creating one
    Property("arn", "InferenceComponentArn", O, N, (DESCRIBE,)),
    Property("status", "InferenceComponentStatus", O, N, (DESCRIBE,)),
    Property("desiredCopyCount", "DesiredCopyCount", O, N, (DESCRIBE,)),   # of RuntimeConfig
    Property("currentCopyCount", "CurrentCopyCount", O, N, (DESCRIBE,)),   # of RuntimeConfig
    Property("autoscaled", None, O, N, ("DescribeScalableTargets",)),     # "min-max" when the copy count is
                                                                          # Application Auto Scaling's
    Property("failureReason", "FailureReason", O, N, (DESCRIBE,)),
    Property("creationTime", "CreationTime", O, N, (DESCRIBE,)),
)
BY_STATE = {p.state: p for p in PROPERTIES}
REQUIRED = ("endpointName", "specification")  # what a component that is not imported must be given
INPUTS = keys(Role.INPUT, among=PROPERTIES)
STATE_INPUTS = keys(Role.INPUT, Role.HIDDEN, among=PROPERTIES)
HIDDEN = frozenset(keys(Role.HIDDEN, among=PROPERTIES))
OUTPUTS = keys(Role.OUTPUT, among=PROPERTIES)
REPLACE_KEYS = changing(Change.REPLACE, among=PROPERTIES)
UPDATE_KEYS = changing(Change.UPDATE, among=PROPERTIES)
SNAKE = snake_names(PROPERTIES)
ALIASES = api_aliases(PROPERTIES)

"""The wire side: moto's Application Auto Scaling response class plus fault injection and validation.

Serialization stays moto's; moto's own enum check gives way to the model-driven one.  Of the faults only ``deny_actions`` applies
(``application-autoscaling:RegisterScalableTarget`` etc., or
``application-autoscaling:*``).
"""

from __future__ import annotations

import json
from typing import Any

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult

from ..faults import FAULTS
from ..validation import validate_input

SERVICE = "application-autoscaling"


class EmulatorAutoScalingResponse(ApplicationAutoScalingResponse):
    def _params(self) -> dict[str, Any]:
        try:
            params = json.loads(self.body or "{}")
        except ValueError:
            return {}
        return params if isinstance(params, dict) else {}

    def _validate_params(self) -> None:
        """moto's enum check of ServiceNamespace/ScalableDimension, from its own outdated list (no
        ``sagemaker:inference-component:DesiredCopyCount``): ``call_action`` already checked both against
        botocore's model."""

    def call_action(self) -> Any:
        action = self._get_action()
        try:
            FAULTS.check_denied(f"{SERVICE}:{action}", None, self.current_account)
            if action:
                validate_input(action, self._params(), service=SERVICE)
        except ServiceException as error:
            status, headers, body = self.serialized(ActionResult(error))
            return getattr(error, "http_status", status), headers, body
        return super().call_action()

"""Delete: wait out Creating/Updating, DeleteEndpoint, wait until it is gone; an endpoint already gone is
success."""
from __future__ import annotations

import time
from typing import Any, Mapping

from ..aws import waiting
from ..aws.clients import Target, sagemaker
from ..aws.errors import explain, is_in_progress, is_not_found
from ..aws.find import find_endpoint
from ..core import events, timeouts
from .hosted_components import clear, hosts


def delete(name: str, props: Mapping[str, Any], target: Target, wait: bool = True) -> None:
    """wait=False returns right after DeleteEndpoint instead of waiting until the endpoint is gone."""
    deadline = time.monotonic() + timeouts.seconds(props, "delete")
    try:
        client = sagemaker(target)
        if hosts(props):
            clear(client, target, name, props.get("owner"), deadline)
        delete_endpoint(client, target, name, deadline, wait)
    except Exception as error:
        raise explain(error, name, "deleting") from None


def delete_endpoint(client: Any, target: Target, name: str, deadline: float, wait: bool = True) -> None:
    """Look; wait out Creating/Updating; DeleteEndpoint (unless an interrupted run already sent it); wait until
    gone. The first look is a plain DescribeEndpoint, so denied or expired credentials fail at once rather than at
    the deadline, and an endpoint at rest is deleted without a wait."""
    described = find_endpoint(client, name)
    status = described["EndpointStatus"] if described else waiting.GONE
    while True:
        if waiting.SETTLED.action(status) == waiting.WAIT:
            status = waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete").status
        if status == waiting.GONE:
            return
        if status != "Deleting":
            try:
                client.delete_endpoint(EndpointName=name)
            except Exception as error:
                if is_not_found(error):
                    return
                if is_in_progress(error) and time.monotonic() < deadline:
                    # it changed state between our look and the call: wait that out and look again
                    status = waiting.wait_for(target, name, waiting.SETTLED, deadline, "waiting to delete").status
                    continue
                raise
        if not wait:
            return
        waiting.wait_for(target, name, waiting.DELETE, deadline, "deleting")
        events.emit(name, "deleted")
        return

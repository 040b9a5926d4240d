"""Transient faults (throttling by rate and by request budget, 5xx, dropped connections, the eventual-consistency
ValidationException after a new EndpointConfig): the whole lifecycle of two endpoints completes under each, with
the same final state as without faults, no endpoint left that no state knows, and the retries it took on record."""
from __future__ import annotations

import pytest

from .scenarios import OPERATION, RESOURCES, RETAGGED, TRANSIENT

FAULTS = [fault for fault in TRANSIENT if fault != "none"]


def test_the_fault_free_run_is_the_reference(fault_outcomes):
    baseline = fault_outcomes[("transient", "none")]
    assert baseline.ok, baseline.error
    assert baseline.faulted == 0
    assert set(baseline.state) == set(RESOURCES)
    for resource in RESOURCES:
        outputs = baseline.state[resource]["outputs"]
        assert outputs["endpointConfigName"] == "cfg-v2" and outputs["endpointStatus"] == "InService"
        assert outputs["tags"] == RETAGGED
    assert baseline.calls["ListEndpoints"] >= 1, "two endpoints waited at once: one sweep served both"
    assert baseline.orphans == [] and baseline.left_over == []


@pytest.mark.parametrize("fault", FAULTS)
def test_the_lifecycle_completes_under_the_fault_with_the_same_state(fault_outcomes, fault):
    outcome, baseline = fault_outcomes[("transient", fault)], fault_outcomes[("transient", "none")]
    assert outcome.ok, f"{fault} {TRANSIENT[fault]}: {outcome.error}"
    if fault == "consistency_uses":  # both new EndpointConfigs were met too early
        assert {"CreateEndpoint", "UpdateEndpoint"} <= set(outcome.faulted_calls), outcome.faulted_calls
    else:
        assert outcome.faulted >= 3, f"{fault} was met only {outcome.faulted} times: not a meaningful rate"
    assert outcome.state == baseline.state, "data lost or changed under the fault"
    assert outcome.orphans == [], "endpoints the state does not know"
    assert outcome.left_over == [], "destroy left endpoints behind"
    for operation in OPERATION.values():  # each endpoint created, updated and deleted exactly once
        assert outcome.calls[operation] == len(RESOURCES), (operation, outcome.calls)

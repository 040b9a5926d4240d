"""Managed instance scaling in the emulator: ``Emulator.managed_scale`` stands in for SageMaker setting the instance
count of a variant whose ManagedInstanceScaling is ENABLED, within its range, and DescribeEndpoint reports it."""

from __future__ import annotations

from typing import Any

import pytest

from sagemaker_emulator import EmulatorError

from .components import Components
from .conftest import Hosting

MANAGED = {"Status": "ENABLED", "MinInstanceCount": 0, "MaxInstanceCount": 3}


@pytest.fixture
def ics(hosting: Hosting) -> Components:
    return Components(hosting)


def counts(described: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(v["VariantName"], v["CurrentInstanceCount"], v["DesiredInstanceCount"])
            for v in described["ProductionVariants"]]


def test_managed_scaling_moves_the_count_within_its_range_down_to_zero(ics: Components) -> None:
    ics.endpoint("host", ManagedInstanceScaling=MANAGED)
    answered = ics.emulator.managed_scale("host", "AllTraffic", 3)
    assert answered["EndpointStatus"] == "InService" and counts(answered) == [("AllTraffic", 3, 3)]
    assert counts(ics.hosting.describe("host")) == [("AllTraffic", 3, 3)]

    ics.emulator.managed_scale("host", "AllTraffic", 0)
    described = ics.hosting.describe("host")
    assert described["EndpointStatus"] == "InService" and counts(described) == [("AllTraffic", 0, 0)]
    [variant] = described["ProductionVariants"]
    assert variant["ManagedInstanceScaling"] == MANAGED and "VariantStatus" not in variant
    assert [e["message"] for e in ics.emulator.events("host") if e["rollout"] == "managed-scaling"] == [
        "Managed instance scaling set the instance count of AllTraffic to 3.",
        "Managed instance scaling set the instance count of AllTraffic to 0.",
    ]


def test_managed_scaling_refuses_what_sagemaker_would_not_do(ics: Components) -> None:
    ics.endpoint("host", variants=("AllTraffic", "Other"), ManagedInstanceScaling={**MANAGED, "MinInstanceCount": 1})
    with pytest.raises(EmulatorError, match=r"0 is outside the managed instance scaling range \[1, 3\] of production "
                                            r"variant 'AllTraffic' of host"):
        ics.emulator.managed_scale("host", "AllTraffic", 0)
    with pytest.raises(EmulatorError, match=r"4 is outside the managed instance scaling range \[1, 3\]"):
        ics.emulator.managed_scale("host", "AllTraffic", 4)
    with pytest.raises(EmulatorError, match="host has no instance-based production variant 'Missing'"):
        ics.emulator.managed_scale("host", "Missing", 1)
    with pytest.raises(EmulatorError, match="no endpoint 'ghost'"):
        ics.emulator.managed_scale("ghost", "AllTraffic", 1)

    ics.emulator.hold("host", "capacity")
    ics.sm.update_endpoint_weights_and_capacities(
        EndpointName="host", DesiredWeightsAndCapacities=[{"VariantName": "Other", "DesiredWeight": 2.0}])
    assert ics.emulator.wait_held("host") == "capacity"
    with pytest.raises(EmulatorError, match="acts only on an InService endpoint; host is Updating"):
        ics.emulator.managed_scale("host", "AllTraffic", 2)
    ics.emulator.release("host", "capacity")
    assert counts(ics.hosting.wait_status("host", "InService")) == [("AllTraffic", 1, 1), ("Other", 1, 1)]


@pytest.mark.parametrize("scaling", [None, {**MANAGED, "Status": "DISABLED"}])
def test_a_variant_without_enabled_managed_scaling_keeps_its_count(
        ics: Components, scaling: dict[str, Any] | None) -> None:
    ics.endpoint("plain", **({"ManagedInstanceScaling": scaling} if scaling else {}))
    with pytest.raises(EmulatorError, match="production variant 'AllTraffic' of plain has no ENABLED managed "
                                            "instance scaling; SageMaker does not set its instance count"):
        ics.emulator.managed_scale("plain", "AllTraffic", 1)
    assert counts(ics.hosting.describe("plain")) == [("AllTraffic", 1, 1)]

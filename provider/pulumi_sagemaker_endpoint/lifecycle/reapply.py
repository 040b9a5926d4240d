"""autoscaling="reapply": an update that changes the instance type of an autoscaled variant, or removes one, takes
the variant's scaling setup (scalable target, scaling policies, scheduled actions) off for UpdateEndpoint and puts
it back on whatever fleet is live afterwards; and any update first finishes a reapply that was interrupted.

The order, and why a provider killed at any point loses nothing (the engine then keeps the old state, and the next
run repeats the update with the same olds):
1. record the setups of the variants to take off on the endpoint itself, in one AddTags (aws/scaling.py), before
   anything is taken off;
2. deregister their scalable targets (Application Auto Scaling deletes their policies and scheduled actions);
3. UpdateEndpoint, and follow the rollout to its end;
4. once the endpoint has settled, put every recorded setup back on the variant of that name in the live config:
   the new fleet, or the old one after a rollback or a failure (a variant the live config no longer has was
   removed, and stays without);
5. wait until the registration has settled the capacity, then delete the record in one DeleteTags.
An update that finds a record does 4 and 5 first (waiting for a rollout still running). Putting back is idempotent
(RegisterScalableTarget, PutScalingPolicy and PutScheduledAction of the same names update in place), so a kill
during 4 or 5 is finished the same way; a kill before 1 has changed nothing. A rollout that times out keeps its
record: SageMaker goes on, and the next run waits for it and puts the setup back.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Mapping

from ..aws import waiting
from ..aws.clients import Target, autoscaling, sagemaker
from ..aws.errors import EndpointError, WaitTimeout, error_code, explain, is_not_found, is_not_registered
from ..aws.find import (find_config, live_tags, require_config, scalable_targets, scaling_policies,
                        scheduled_actions)
from ..aws.scaling import (TAG_LIMIT, CorruptRecord, is_record_key, read_record, record_tags, setup,
                           summary, target_keys, without_record)
from ..check.autoscaling import REAPPLY, changes, mode
from ..core import events
from ..core.words import words
from ..core.shapes import tags_to_api

PUT_BACK_SECONDS = 900.0  # at least this long to put a setup back, even when the update's own time has run out
RECORD_VERSION = 1
Deploy = Callable[[], dict[str, Any]]


def around(target: Target, name: str, olds: Mapping[str, Any], news: Mapping[str, Any], deadline: float,
           deploy: Deploy, wait: bool = True) -> dict[str, Any]:
    """Run `deploy` (UpdateEndpoint and its rollout) keeping the autoscaled variants' scaling setup."""
    client, arn = sagemaker(target), olds["arn"]
    finish(target, name, arn, deadline)
    if mode(news) != REAPPLY:
        return deploy()
    record = take_off_plan(target, name, news, deadline)
    if record is None:
        return deploy()
    if not wait:
        raise EndpointError(f"Endpoint {name!r}: autoscaling=\"reapply\" follows the rollout to its end to put the "
                            f"scaling setup back; run the update with --wait.")
    keys = write_record(client, name, arn, record)
    try:
        take_off(autoscaling(target), name, record)
        outs = deploy()
    except WaitTimeout:
        raise  # SageMaker goes on; the record stays for the next run, which waits for the rollout and puts it back
    except Exception as error:
        _put_back_after(error, target, name, arn, record, keys, deadline)
        raise
    put_back(target, name, arn, record, keys, deadline)
    return outs


def finish(target: Target, name: str, arn: str, deadline: float) -> None:
    """Put back what an interrupted reapply recorded on the endpoint, if it recorded anything."""
    try:
        tags = live_tags(sagemaker(target), arn)
    except Exception as error:
        if is_not_found(error):
            return  # gone, and its record with it: the update says what to do
        raise
    try:
        record = read_record(tags)
    except CorruptRecord:
        raise EndpointError(f"Endpoint {name!r} has tags pulumi_sagemaker_endpoint:autoscaling:* that do not decode "
                            f"(edited by hand?); put its variants' scaling setup back by hand, delete those tags, "
                            f"then {words().again}.") from None
    if record is None:
        return
    events.emit(name, f"an interrupted autoscaling reapply left the scaling setup of "
                      f"{', '.join(sorted(record['variants']))} recorded on the endpoint; putting it back")
    put_back(target, name, arn, record, [key for key in tags if is_record_key(key)], deadline)


def take_off_plan(target: Target, name: str, news: Mapping[str, Any], deadline: float) -> dict[str, Any] | None:
    """The record of the setups to take off: those of the autoscaled variants the new config retypes or removes."""
    client, scaling = sagemaker(target), autoscaling(target)
    described = waiting.settled(target, name, deadline, "waiting for a running deployment of")
    if described is None:
        return None  # gone: the update reports it
    new_config = require_config(client, news["endpointConfigName"], name, deadline)
    live_config = find_config(client, described["EndpointConfigName"]) or {}
    variants = [v["VariantName"] for v in described.get("ProductionVariants") or []]
    scaled = scalable_targets(scaling, name, variants)
    affected = [c.variant for c in changes(live_config, new_config, described, scaled) if c.retyped or c.removed]
    if not affected:
        return None
    return {"version": RECORD_VERSION, "from": described["EndpointConfigName"], "to": news["endpointConfigName"],
            "variants": {variant: setup(scaled[variant], scaling_policies(scaling, name, variant),
                                        scheduled_actions(scaling, name, variant)) for variant in affected}}


def write_record(client: Any, name: str, arn: str, record: Mapping[str, Any]) -> list[str]:
    """AddTags of the record (one call: all of it or nothing); its keys."""
    tags = record_tags(record)
    in_use = len(without_record(live_tags(client, arn)))
    if in_use + len(tags) > TAG_LIMIT:
        raise EndpointError(
            f"Endpoint {name!r} has {in_use} of its {TAG_LIMIT} tags in use, and recording the scaling setup of "
            f"{', '.join(sorted(record['variants']))} while it is taken off needs {len(tags)}; remove "
            f"{in_use + len(tags) - TAG_LIMIT} tag(s) from the endpoint, then {words().again}.")
    client.add_tags(ResourceArn=arn, Tags=tags_to_api(tags))
    for variant, one in sorted(record["variants"].items()):
        events.emit(name, f"recorded the scaling setup of {variant} ({summary(one)}); deregistering it for the "
                          f"update")
    return list(tags)


def take_off(client: Any, name: str, record: Mapping[str, Any]) -> None:
    for variant in sorted(record["variants"]):
        try:
            client.deregister_scalable_target(**target_keys(name, variant))
        except Exception as error:
            if not is_not_registered(error):
                raise


def put_back(target: Target, name: str, arn: str, record: Mapping[str, Any], keys: list[str],
             deadline: float) -> None:
    """Once the endpoint has settled: each recorded setup on the live variant of its name; then drop the record."""
    deadline = max(deadline, time.monotonic() + PUT_BACK_SECONDS)
    described = waiting.settled(target, name, deadline, "waiting to put the scaling setup back on")
    if described is None:
        return  # the endpoint is gone, and its tags with it
    scaling = autoscaling(target)
    live = {v["VariantName"] for v in described.get("ProductionVariants") or []}
    for variant, one in sorted(record["variants"].items()):
        if variant not in live:
            events.emit(name, f"variant {variant} is not in the live config {described['EndpointConfigName']}: its "
                              f"scaling setup is not put back")
            continue
        keys_of = target_keys(name, variant)
        scaling.register_scalable_target(**keys_of, **one["target"])
        for policy in one["policies"]:
            scaling.put_scaling_policy(**keys_of, **policy)
        for action in one["actions"]:
            scaling.put_scheduled_action(**keys_of, **action)
        events.emit(name, f"put the scaling setup of {variant} back ({summary(one)})")
    waiting.settled(target, name, deadline, "putting the scaling setup back on")  # the capacity may move into the range
    sagemaker(target).delete_tags(ResourceArn=arn, TagKeys=keys)


def _put_back_after(error: Exception, target: Target, name: str, arn: str, record: Mapping[str, Any],
                    keys: list[str], deadline: float) -> None:
    """After a failed update: put the setup back, or say that it stays recorded and why."""
    try:
        put_back(target, name, arn, record, keys, deadline)
    except Exception as failed:
        first = str(explain(error, name, "updating")).rstrip(".")
        raise EndpointError(
            f"{first}; putting the scaling setup of {', '.join(sorted(record['variants']))} back failed too "
            f"({error_code(failed) or type(failed).__name__}), and it stays recorded on the endpoint for the next "
            f"update to put back.") from None

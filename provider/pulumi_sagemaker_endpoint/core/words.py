"""Whose words a message speaks: a Pulumi program's (state keys, `pulumi up`, the stack's config) or the command
line's (its options, running the command again). The layers below the command line build their sentences from
`words()`; `sagemaker-endpoint` speaks its own for the duration of a command (`speaking(COMMAND_LINE)`)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Words:
    again: str              # how to try again
    outside: str            # who else deletes endpoints: "deleted {outside}"
    again_resumes: str      # how to try again after a failure that lost nothing
    slower: str             # what to add when throttling repeats
    recreate: str           # what to do when the endpoint was deleted behind our back
    config_input: str       # the input that names the EndpointConfig
    settings: str           # where the region and profile are set
    region_setting: str     # where the region is set
    taken: str              # what follows "Endpoint {name} already exists (...)": whose it is, what to do
    kept: str               # what keeps the live config after a rollback ("" when nothing records it)
    inspect: str            # what to run after inspecting an endpoint that needs attention
    resume_wait: str        # what follows a wait that timed out
    resume_rollout: str     # what follows a rollout whose wait timed out
    wait_longer: str        # how to allow a longer wait


PULUMI = Words(
    again="run `pulumi up` again",
    outside="outside Pulumi",
    again_resumes="run `pulumi up` again, it resumes where this run stopped",
    slower=", with a lower --parallel if this repeats",
    recreate="run `pulumi refresh` to drop it from the state, then `pulumi up` creates it again",
    config_input="endpointConfigName",
    settings="set aws:region/aws:profile in the stack config or the standard AWS environment variables",
    region_setting="aws:region or the resource's region",
    taken=" and this stack did not create it; to manage it here, import it with "
          "opts=pulumi.ResourceOptions(import_={name!r}) on this Endpoint, or choose another name",
    kept=" and stays in the state",
    inspect="run `pulumi refresh` and `pulumi up`",
    resume_wait="the next `pulumi up` resumes",
    resume_rollout="the state keeps the previous config, and the next `pulumi up` waits for this deployment and "
                   "finishes it",
    wait_longer="raise customTimeouts",
)

COMMAND_LINE = Words(
    again="run the command again",
    outside="by another caller meanwhile",
    again_resumes="run the command again",
    slower=", later or with fewer commands at once if this repeats",
    recreate="create it again with `sagemaker-endpoint create-endpoint`",
    config_input="--endpoint-config-name",
    settings="pass --region/--profile or set the standard AWS environment variables",
    region_setting="--region",
    taken="; deploy to it with `sagemaker-endpoint update-endpoint --endpoint-name {name}`, or choose another "
          "--endpoint-name",
    kept="",
    inspect="run update-endpoint again",
    resume_wait="`sagemaker-endpoint describe-endpoint` shows how it goes",
    resume_rollout="`sagemaker-endpoint describe-endpoint` shows how it goes",
    wait_longer="raise --wait-timeout",
)

_lock = threading.Lock()
_current = [PULUMI]  # process-wide: the waits' threads speak the words of the command that started them


def words() -> Words:
    return _current[0]


@contextmanager
def speaking(chosen: Words) -> Iterator[Words]:
    with _lock:
        before, _current[0] = _current[0], chosen
    try:
        yield chosen
    finally:
        with _lock:
            _current[0] = before

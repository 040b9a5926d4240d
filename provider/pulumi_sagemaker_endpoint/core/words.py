"""Whose words a message speaks: a Pulumi program's (state keys, `pulumi up`, the stack's config) or the command
line's (its options, running the command again). The layers below the command line build their sentences from
`words()`; `sagemaker-endpoint` speaks its own for the duration of a command (`speaking(COMMAND_LINE)`)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator, NamedTuple


# One phrase a row: what it says, in a Pulumi program's words and in the command line's.
PHRASES: dict[str, tuple[str, str]] = {
    "again": ("run `pulumi up` again", "run the command again"),
    "outside": ("outside Pulumi", "by another caller meanwhile"),  # "deleted {outside}"
    "again_resumes": ("run `pulumi up` again, it resumes where this run stopped", "run the command again"),
    "slower": (", with a lower --parallel if this repeats", ", later or with fewer commands at once if this repeats"),
    "recreate": ("run `pulumi refresh` to drop it from the state, then `pulumi up` creates it again",
                 "create it again with `sagemaker-endpoint create-endpoint`"),
    "config_input": ("endpointConfigName", "--endpoint-config-name"),
    "settings": ("set aws:region/aws:profile in the stack config or the standard AWS environment variables",
                 "pass --region/--profile or set the standard AWS environment variables"),
    "region_setting": ("aws:region or the resource's region", "--region"),
    "taken": (" and this stack did not create it; to manage it here, import it with "  # after "already exists (...)"
              "opts=pulumi.ResourceOptions(import_={name!r}) on this Endpoint, or choose another name",
              "; deploy to it with `sagemaker-endpoint update-endpoint --endpoint-name {name}`, or choose another "
              "--endpoint-name"),
    "kept": (" and stays in the state", ""),  # what keeps the live config after a rollback
    "inspect": ("run `pulumi refresh` and `pulumi up`", "run update-endpoint again"),
    "resume_wait": ("the next `pulumi up` resumes", "`sagemaker-endpoint describe-endpoint` shows how it goes"),
    "resume_rollout": ("the state keeps the previous config, and the next `pulumi up` waits for this deployment "
                       "and finishes it", "`sagemaker-endpoint describe-endpoint` shows how it goes"),
    "wait_longer": ("raise customTimeouts", "raise --wait-timeout"),
    "reapply": ('set autoscaling="reapply" to deregister their scalable targets for the update and put them back '
                "with their policies afterwards",
                "deregister their scalable targets first and register them and their policies again after the update "
                "(SageMaker's guide \"Update endpoints that use auto scaling\")"),
    "keep_configs": (" (retain_on_delete=True)", ""),  # how a program keeps the configs its endpoints serve
    "see_live": ("`pulumi refresh` shows what is live", "describe-endpoint shows what is live"),
}
Words = NamedTuple("Words", [(key, str) for key in PHRASES])  # type: ignore[misc]
PULUMI = Words(*(pulumi for pulumi, _ in PHRASES.values()))
COMMAND_LINE = Words(*(command_line for _, command_line in PHRASES.values()))

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

"""The progress display: plain lines off a terminal; on one, a single line rewritten with status and time elapsed."""
from __future__ import annotations

import io

from pulumi_sagemaker_endpoint.cli import progress
from pulumi_sagemaker_endpoint.cli.progress import CLEAR, Progress
from pulumi_sagemaker_endpoint.core import events


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    sink = Progress(out, tty=False)
    sink("ep", "Updating")
    sink("ep", "deploying cfg-v1 -> cfg-v2")
    sink("ep", "InService")
    sink.close()
    assert out.getvalue() == "endpoint ep: Updating\nendpoint ep: deploying cfg-v1 -> cfg-v2\nendpoint ep: InService\n"


def test_one_line_rewritten_in_place_on_a_terminal():
    out, clock = io.StringIO(), Clock()
    sink = Progress(out, tty=True, clock=clock)
    sink("ep", "Creating")
    clock.now += 75
    sink.tick()
    sink("ep", "InService")
    sink.close()
    assert out.getvalue() == (f"{CLEAR}endpoint ep: Creating (0s)"
                              f"{CLEAR}endpoint ep: Creating (1m15s)"
                              f"{CLEAR}endpoint ep: InService (1m15s)"
                              f"{CLEAR}endpoint ep: InService (1m15s)\n")
    assert "\n" not in out.getvalue()[:-1], "a single line until the end"


def test_notes_keep_their_own_line_above_the_live_one():
    out, clock = io.StringIO(), Clock()
    sink = Progress(out, tty=True, clock=clock)
    sink("ep", "InService")
    clock.now += 3
    sink("ep", "deploying cfg-v1 -> cfg-v2")
    assert out.getvalue() == (f"{CLEAR}endpoint ep: InService (0s)"
                              f"{CLEAR}endpoint ep: deploying cfg-v1 -> cfg-v2\n"
                              f"{CLEAR}endpoint ep: InService (3s)")


def test_the_display_takes_the_events_and_gives_them_back():
    before = events.sinks()
    out = io.StringIO()
    with progress.display(out, tty=False):
        events.emit("ep", "Deleting")
    assert out.getvalue() == "endpoint ep: Deleting\n"
    assert events.sinks() == before
    events.emit("ep", "after")
    assert out.getvalue() == "endpoint ep: Deleting\n"


def test_elapsed_reads_in_minutes_past_a_minute():
    assert [progress.elapsed(s) for s in (0, 59.9, 60, 3725)] == ["0s", "59s", "1m00s", "62m05s"]


def test_off_a_terminal_a_status_that_lasts_is_said_again_every_interval():
    """Issue 18 (7): in a log, `Creating` used to sit alone for the minutes a create takes."""
    out, clock = io.StringIO(), Clock()
    sink = Progress(out, tty=False, clock=clock, every=30)
    sink("ep", "Creating")
    clock.now += 29
    sink.tick()
    assert out.getvalue() == "endpoint ep: Creating\n", "nothing before the interval has passed"
    clock.now += 1
    sink.tick()
    clock.now += 10
    sink("ep", "deploying cfg-v1 -> cfg-v2")  # any line restarts the interval
    clock.now += 29
    sink.tick()
    clock.now += 1
    sink.tick()
    sink("ep", "InService")
    sink.close()
    assert out.getvalue() == ("endpoint ep: Creating\n"
                              "endpoint ep: still Creating (30s)\n"
                              "endpoint ep: deploying cfg-v1 -> cfg-v2\n"
                              "endpoint ep: still Creating (1m10s)\n"
                              "endpoint ep: InService\n")


def test_the_interval_is_the_commands_still_waiting_every_option(cli, sm, monkeypatch):
    shown = []
    original = progress.display
    monkeypatch.setattr("pulumi_sagemaker_endpoint.cli.commands.display",
                        lambda **kwargs: shown.append(kwargs) or original(**kwargs))
    result = cli("create-endpoint", "--endpoint-name", "ep", "--endpoint-config-name", "cfg-v1", "--wait",
                 "--still-waiting-every", "2m")
    assert result.code == 0, result.err
    assert shown == [{"every": 120.0}]


def test_an_inference_components_lines_say_so():
    out, clock = io.StringIO(), Clock()
    sink = Progress(out, tty=False, clock=clock, every=30)
    sink("llm-1", "Creating", events.INFERENCE_COMPONENT)
    clock.now += 30
    sink.tick()
    sink("host", "InService")
    assert out.getvalue() == ("inference component llm-1: Creating\n"
                              "inference component llm-1: still Creating (30s)\n"
                              "endpoint host: InService\n")
    terminal = io.StringIO()
    live = Progress(terminal, tty=True, clock=clock)
    live("llm-1", "Deleting", events.INFERENCE_COMPONENT)
    assert terminal.getvalue() == f"{CLEAR}inference component llm-1: Deleting (0s)"

"""Progress lines name the kind of resource: `endpoint X: ...` by default, `inference component Y: ...` when told."""
from __future__ import annotations

from pulumi_sagemaker_endpoint.aws import waiting
from pulumi_sagemaker_endpoint.core import events


def test_a_line_names_the_kind_the_resource_and_what_happened():
    assert events.line("ep", "Creating") == "endpoint ep: Creating"
    assert events.line("llm-1", "deleted", events.INFERENCE_COMPONENT) == "inference component llm-1: deleted"


def test_the_standard_sink_prints_info_lines_to_stderr(capsys):
    events.emit("ep", "InService")
    events.emit("llm-1", "Creating", events.INFERENCE_COMPONENT)
    assert capsys.readouterr().err == "info: endpoint ep: InService\ninfo: inference component llm-1: Creating\n"


def test_every_sink_gets_the_noun_and_the_sinks_are_given_back():
    before = events.sinks()
    heard: list[tuple[str, str, str]] = []
    events.set_sink(lambda name, message, noun=events.ENDPOINT: heard.append((noun, name, message)))
    try:
        events.emit("ep", "Updating")
        events.emit("llm-1", "InService", events.INFERENCE_COMPONENT)
    finally:
        events.replace_sinks(before)
    assert heard == [("endpoint", "ep", "Updating"), ("inference component", "llm-1", "InService")]
    assert events.sinks() == before


def test_the_status_waits_say_the_noun_of_their_kind():
    assert (waiting.ENDPOINT.noun, waiting.INFERENCE_COMPONENT.noun) == (events.ENDPOINT, events.INFERENCE_COMPONENT)

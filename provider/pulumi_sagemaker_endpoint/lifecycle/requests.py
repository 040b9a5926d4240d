"""Request builders (the expand side): the state form to CreateEndpoint's and UpdateEndpoint's requests, taking
every property the table says the call takes."""
from __future__ import annotations

from typing import Any, Mapping

from ..core.properties import CREATE, UPDATE_ENDPOINT, taken_by
from ..core.shapes import pascalize, tags_to_api
from .tags import tags_with_owner


def request(call: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    built: dict[str, Any] = {}
    for prop in taken_by(call):
        if prop.state == "tags":
            built[prop.api] = tags_to_api(tags_with_owner(inputs))
        elif inputs.get(prop.state) not in (None, {}, []):
            built[prop.api] = pascalize(inputs[prop.state])
    return built


def create_request(inputs: Mapping[str, Any]) -> dict[str, Any]:
    return request(CREATE, inputs)


def update_request(name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    return {**request(UPDATE_ENDPOINT, inputs), "EndpointName": name}

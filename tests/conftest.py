from typing import Any, Callable, Iterator

import pytest

from sagemaker_emulator import FAST, Emulator
from tests.harness import STARTUP_TIMEOUT, ProviderServer, quick_polling
from tests.integration.support import make_config

pytest_plugins = ["sagemaker_emulator.pytest_plugin"]

# The floor run (.ci/floor) runs `pytest -m sdk_matrix` in .venv-floor, on the lower bounds pyproject.toml declares
# (.ci/floors.txt): the unit tests, the emulator on the floor's moto and botocore, the engine stand-in on the floor's
# protocol, and the provider's lifecycle (create, read, update, delete, import, refresh, errors as the engine gets
# them) through the floor's dynamic provider server.
SDK_MATRIX = ("tests/unit/", "tests/emulator/", "tests/standin/", "tests/integration/test_lifecycle.py",
              "tests/test_floors.py")
NOT_ON_FLOOR = {
    # byte for byte against the newest botocore's model; test_schema_floor.py checks the floor's
    "tests/unit/check/test_schema_gen.py::test_schema_json_is_fresh_from_botocore_model",
    # ml.g6e.2xlarge is in botocore's SageMaker enum from 1.36.0 on; the floor's botocore does not know it
    "tests/emulator/test_validation.py::test_instance_types_follow_botocores_current_enum",
    # CreateInferenceComponent's Specifications (plural) is in botocore's model after 1.43.0; the floor's does not know it
    "tests/emulator/test_inference_components.py::test_placement_rules",
    "tests/emulator/test_inference_components.py::test_specifications_and_last_modified_filters",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        nodeid = item.nodeid.split("[", 1)[0]
        if nodeid.startswith(SDK_MATRIX) and nodeid not in NOT_ON_FLOOR:
            item.add_marker(pytest.mark.sdk_matrix)


# The plugin's emulator fixtures, with the start-up guard of tests.harness instead of the plugin's 60 s.
@pytest.fixture(scope="session")
def sagemaker_emulator_session() -> Iterator[Emulator]:
    with Emulator(**FAST, startup_timeout=STARTUP_TIMEOUT) as emulator:
        yield emulator


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., Emulator]]:
    started: list[Emulator] = []

    def factory(**settings: Any) -> Emulator:
        emulator = Emulator(**{**FAST, **settings}, startup_timeout=STARTUP_TIMEOUT).start()
        started.append(emulator)
        return emulator

    yield factory
    for emulator in started:
        emulator.stop()


@pytest.fixture(scope="session")
def _provider_servers() -> Iterator[dict[str, ProviderServer]]:
    """`python -m pulumi.dynamic` servers pointed at an emulator, by its URL, started once for the session."""
    servers: dict[str, ProviderServer] = {}
    yield servers
    for server in servers.values():
        server.__exit__(None, None, None)


@pytest.fixture
def provider_server(emulator: Emulator, _provider_servers: dict[str, ProviderServer]) -> ProviderServer:
    """The session's `python -m pulumi.dynamic` server pointed at the (reset) emulator. Tests give it their own
    Engine and state, configured anew, as each `pulumi up` configures its provider; the provider keeps nothing
    between calls but its AWS clients and its status sweeper, which serve any test. Its sweeper looks every 0.05 s
    at first (the emulator's operations take tenths of seconds), as the CLI tests' does; tests that count status
    calls start their own servers at the product's pace."""
    server = _provider_servers.get(emulator.url)
    if server is None or not server.alive():
        if server is not None:
            server.__exit__(None, None, None)
        server = _provider_servers[emulator.url] = ProviderServer(quick_polling(emulator.env())).start()
    return server


@pytest.fixture
def sm(emulator):
    """boto3 SageMaker on the shared emulator, with EndpointConfigs cfg-v1 and cfg-v2 (modules may override)."""
    client = emulator.client("sagemaker")
    make_config(client, "cfg-v1")
    make_config(client, "cfg-v2", model="model-v2")
    return client

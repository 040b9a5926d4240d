import pytest

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
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        nodeid = item.nodeid.split("[", 1)[0]
        if nodeid.startswith(SDK_MATRIX) and nodeid not in NOT_ON_FLOOR:
            item.add_marker(pytest.mark.sdk_matrix)


@pytest.fixture
def sm(emulator):
    """boto3 SageMaker on the shared emulator, with EndpointConfigs cfg-v1 and cfg-v2 (modules may override)."""
    client = emulator.client("sagemaker")
    make_config(client, "cfg-v1")
    make_config(client, "cfg-v2", model="model-v2")
    return client

import pytest

from tests.integration.support import make_config

pytest_plugins = ["sagemaker_emulator.pytest_plugin"]


@pytest.fixture
def sm(emulator):
    """boto3 SageMaker on the shared emulator, with EndpointConfigs cfg-v1 and cfg-v2 (modules may override)."""
    client = emulator.client("sagemaker")
    make_config(client, "cfg-v1")
    make_config(client, "cfg-v2", model="model-v2")
    return client

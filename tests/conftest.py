import pytest

from tests.integration.support import make_config

pytest_plugins = ["sagemaker_emulator.pytest_plugin"]

# The floor run (.ci/floor) runs `pytest -m sdk_matrix` in .venv-floor, on the lower bounds pyproject.toml declares
# (.ci/floors.txt). Marked: these test folders and files, less NOT_ON_FLOOR. integration/, faults/ and automation/
# drive the engine stand-in, whose Read sends ReadRequest.timeout (pulumi 3.246): they join when it adapts to the
# floor's protocol, and so do the NOT_ON_FLOOR tests of test_harness.py.
SDK_MATRIX = ("tests/unit/", "tests/emulator/", "tests/cli/", "tests/test_floors.py", "tests/test_sdk_contract.py",
              "tests/test_harness.py")
NOT_ON_FLOOR = {
    # byte for byte against the newest botocore's model; test_schema_floor.py checks the floor's
    "tests/unit/test_inputs.py::test_schema_json_is_fresh_from_botocore_model",
    # ml.g6e.2xlarge is in botocore's SageMaker enum from 1.36.0 on; the floor's botocore does not know it
    "tests/emulator/test_validation.py::test_instance_types_follow_botocores_current_enum",
    # the stand-in's Read (refresh, import) sends ReadRequest.timeout, which protocols before pulumi 3.246 lack
    "tests/test_harness.py::test_refresh_of_vanished_resource_drops_it",
    "tests/test_harness.py::test_refresh_adopts_drifted_outputs_and_returned_inputs",
    "tests/test_harness.py::test_import_fails_on_the_stock_server_as_with_the_engine",
    "tests/test_harness.py::test_import_then_update_when_inputs_differ",
    # expects the traceback in the gRPC details (pulumi >= 3.260); test_sdk_contract.py checks both forms
    "tests/test_harness.py::test_provider_errors_carry_the_grpc_details",
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

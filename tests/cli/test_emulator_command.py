"""`sagemaker-endpoint emulator` passes its options to the emulator, which serves on the URL it prints."""
from __future__ import annotations

import subprocess
import sys

import boto3

from tests.harness import STARTUP_TIMEOUT


def test_emulator_command_serves_on_the_url_it_prints():
    process = subprocess.Popen([sys.executable, "-m", "pulumi_sagemaker_endpoint", "emulator", "--port", "0",
                                "--create-seconds", "0.2"], stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        client = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        assert client.list_endpoints()["Endpoints"] == []
    finally:
        process.terminate()
        assert process.wait(timeout=STARTUP_TIMEOUT) == 0

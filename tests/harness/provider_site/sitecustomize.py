"""Put first on PYTHONPATH of a `python -m pulumi.dynamic` server by `tests.harness.quick_polling`, for two test-only
settings of the provider process.

- SAGEMAKER_ENDPOINT_TEST_MIN_INTERVAL: the provider's status sweeper then first looks every 0.05 s rather than
  every second, as the CLI tests set in-process (`waiting.MIN_INTERVAL`), because the emulator's operations take
  tenths of seconds. Only the pace of the looks changes; what the sweeper does with them is the product's.
- SAGEMAKER_ENDPOINT_TEST_RPC_LOG: the server records each RPC it receives (rpc_log.py beside this file).
"""
import os

_INTERVAL = os.environ.get("SAGEMAKER_ENDPOINT_TEST_MIN_INTERVAL")
try:
    from pulumi_sagemaker_endpoint.aws import waiting
except ImportError:  # an earlier release of the package (tests/engine/test_upgrade.py) polls at its own pace
    waiting = None
if _INTERVAL and waiting is not None:
    waiting.MIN_INTERVAL = float(_INTERVAL)

if os.environ.get("SAGEMAKER_ENDPOINT_TEST_RPC_LOG"):
    import rpc_log  # beside this file: recording RPCs for the stand-in-against-engine comparison

    rpc_log.install()

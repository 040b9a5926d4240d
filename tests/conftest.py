pytest_plugins = ["sagemaker_emulator.pytest_plugin"]

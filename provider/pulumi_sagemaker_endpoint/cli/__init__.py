"""The command line: `sagemaker-endpoint` / `python -m pulumi_sagemaker_endpoint` (main.py), the AWS CLI-shaped
endpoint commands (commands.py, options.py, skeletons.py, exits.py), their progress display and the quickstart."""

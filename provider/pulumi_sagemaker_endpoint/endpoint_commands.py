"""The AWS CLI-shaped commands (create-endpoint, update-endpoint, delete-endpoint, describe-endpoint, validate)."""
from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Placeholder until the endpoint commands land: registers nothing."""

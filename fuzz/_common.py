"""Shared set-up for the atheris fuzz targets: run a target for a bounded number of inputs."""

from __future__ import annotations

import sys
from collections.abc import Callable


def main(test_one_input: Callable[[bytes], None]) -> None:
    """Hand ``test_one_input`` to atheris with the command-line options (``-runs=N`` bounds it)."""
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

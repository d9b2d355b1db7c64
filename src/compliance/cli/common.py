"""Shared pieces of the command line: an argument parser that raises instead of exiting, and
writing output to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class Parser(argparse.ArgumentParser):
    """Usage errors become ``UsageError`` (exit 2 with one line), never argparse's own exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from compliance.errors import UsageError

        raise UsageError(message)


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` (a file) or to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)

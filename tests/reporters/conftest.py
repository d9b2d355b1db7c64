"""Reporter tests: the seed's results, normalised so golden files do not depend on where the
checkout is, on the version or on the time of the check; ``--update-golden`` rewrites the golden files.

The option is registered here (not in the root conftest): pass it with this folder on the
command line, ``python -m pytest tests/reporters --update-golden``, or set
``COMPLIANCE_UPDATE_GOLDEN=1`` for any invocation.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from compliance.api import check, example_path, load_packs, results_for
from compliance.results import Results

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/reporters/golden/* from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether to rewrite golden files instead of comparing with them."""
    try:
        option = bool(request.config.getoption("--update-golden"))
    except ValueError:  # the option is not registered when this conftest was not loaded at startup
        option = False
    return option or os.environ.get("COMPLIANCE_UPDATE_GOLDEN") == "1"


def seed_results(lang: str = "zh") -> Results:
    """The seed checked against the default pack, with a stable source name and tool version."""
    packs = load_packs()
    result = dataclasses.replace(check(example_path(), packs, lang=lang), source="liaocheng-hrss-2023.txt")
    return dataclasses.replace(results_for([result], packs, lang=lang), tool_version="0.0.0",
                               checked_at="2026-01-01 00:00:00 UTC")


@pytest.fixture(scope="session")
def seed_zh() -> Results:
    """The seed's results in Chinese."""
    return seed_results("zh")


def compare_golden(name: str, text: str, update: bool) -> None:
    """Compare ``text`` with ``golden/name`` (bytes, so a BOM or CRLF counts), or rewrite it."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if update or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
        if not update:
            pytest.fail(f"{path} did not exist: written now, review it and run again")
        return
    expected = path.read_bytes()
    if data != expected:
        diff_at = next((i for i, (a, b) in enumerate(zip(data, expected, strict=False)) if a != b),
                       min(len(data), len(expected)))
        pytest.fail(f"{name} differs from its golden file at byte {diff_at}: "
                    f"{data[max(0, diff_at - 60):diff_at + 60]!r} vs {expected[max(0, diff_at - 60):diff_at + 60]!r}; "
                    "if the change is intended, run python -m pytest tests/reporters --update-golden")

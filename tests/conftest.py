"""Shared fixtures: the seed report, its model, and the default pack (loaded once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compliance.api import example_path
from compliance.model.report import Report
from compliance.readers import read_document
from compliance.rules import RulePack, load_default_pack

# Every model a reader builds is validated against report.schema.json during the tests (production
# runs skip it for speed: see compliance.model.report.check_reader_output).
os.environ["COMPLIANCE_VALIDATE_MODELS"] = "1"

SEED = example_path()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real published report shipped as the embedded example."""
    return SEED


@pytest.fixture(scope="session")
def seed_report() -> Report:
    """The seed read by the text reader."""
    return read_document(SEED)


@pytest.fixture(scope="session")
def default_pack() -> RulePack:
    """The default pack ogi-2021."""
    return load_default_pack()


def corrected_seed_text() -> str:
    """The seed with its four zeroed 总计 cells (table 2, lines 60, 61, 70, 71) filled in."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for number, total in ((60, "6"), (61, "2"), (70, "2"), (71, "1")):
        cells = lines[number - 1].split("\t")
        last = max(i for i, cell in enumerate(cells) if cell.strip())  # some rows end with a tab
        assert cells[last] == "0", cells  # the last value is the 总计 column, zeroed in the original
        cells[last] = total
        lines[number - 1] = "\t".join(cells)
    return "\n".join(lines)

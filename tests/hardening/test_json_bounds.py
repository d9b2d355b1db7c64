"""Issue 11 items 5 and 14: report-model JSON is parsed within bounds — huge exponents, long
digit strings and deep nesting are one-line errors in bounded time, never hangs, Infinity or
"internal error"."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from compliance.api import example_path
from compliance.cli import main
from compliance.errors import LimitExceededError
from compliance.model.report import dumps_json
from compliance.readers import read_bytes, read_document


@cache
def _model_text() -> str:
    return dumps_json(dict(read_document(example_path()).data))


@pytest.mark.parametrize("number", ["1e-999999999", "1e999999999", "1e10000000", "9" * 5000, "0." + "1" * 100,
                                    "-" + "9" * 300])
def test_absurd_numbers_are_refused_quickly(number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _model_text().replace('"natural_person": 11', f'"natural_person": {number}', 1)
    assert number in text
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    assert main(["check", "-q", str(path)]) == 2
    assert time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "m.json: a number of" in err or "m.json: the number" in err
    assert "internal error" not in err


def test_ordinary_numbers_still_read() -> None:
    text = _model_text().replace('"natural_person": 11', '"natural_person": 11.0', 1)
    assert read_bytes(text.encode(), uri="m.json").data["tables"]["applications"]["rows"]


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_a_limit(depth: int) -> None:
    text = '{"a":' * depth + "1" + "}" * depth
    with pytest.raises(LimitExceededError, match="nested more than 64 levels"):
        read_bytes(text.encode(), uri="deep.json")

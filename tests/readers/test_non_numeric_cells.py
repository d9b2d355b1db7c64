"""A non-number in a numeric cell keeps its column (issue 11, item 2).

"约3", "6人", "(6)", "N/A", "−6" (U+2212) or "⑥" in a table cell used to be taken for the row's
label: the numbers before it vanished, the ones after it moved left and the total became null. A
cell keeps its column whatever its text; a unit or bracket around a number reads the number (and
counts.blank-cells warns); anything else is a non-numeric cell reported by
counts.non-negative-integers.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.api import check, load_packs
from compliance.readers import read_bytes
from compliance.readers.labels import is_garbled_value, parse_number
from compliance.results import Status
from tests.hypothesis_budget import examples
from tests.readers.helpers import SEED, read, seed_model
from tests.rendering.render import render

SEED_TEXT = SEED.read_text(encoding="utf-8")
GRANTED = "\t(一) 予以公开\t6\t0\t0\t0\t0\t0\t0"
BASE = seed_model()
PACKS = load_packs()

# Cell text → the number read from it (None: not a number).
UNREADABLE = {"约3": None, "N/A": None, "−6": None, "⑥": None, "3-4": None, "不详": None, "〇": None, "暂无数据": None}
DRESSED = {"6人": 6, "(6)": 6, "（6）": 6, "6件": 6}
CELLS = {**UNREADABLE, **DRESSED}
COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
           "legal_service_org", "other_org", "total")


def _granted_with(text: str, column: int) -> str:
    """The seed with cell ``column`` (0-based, of the seven) of （一）予以公开 replaced by ``text``."""
    assert GRANTED in SEED_TEXT
    head, *values = GRANTED.rsplit("\t", 7)
    values[column] = text
    return SEED_TEXT.replace(GRANTED, "\t".join([head, *values]))


def _findings(text: str) -> dict[str, list[str]]:
    result = check(read_bytes(text.encode("utf-8"), uri="variant.txt"), PACKS)
    out: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.status in (Status.FAIL, Status.ERROR):
            out.setdefault(finding.rule, []).append(finding.message)
    return out


@pytest.mark.parametrize("column", [0, 1, 6])
@pytest.mark.parametrize("text", list(CELLS))
def test_the_row_keeps_its_label_and_columns(text: str, column: int) -> None:
    row = read(_granted_with(text, column).encode("utf-8"))["tables"]["applications"]["rows"]["granted"]
    expected = BASE["tables"]["applications"]["rows"]["granted"]
    assert row["label"] == expected["label"]
    name = COLUMNS[column]
    assert row["raw"][name] == text
    assert row["values"][name] == CELLS[text]
    assert {c: v for c, v in row["values"].items() if c != name} == {
        c: v for c, v in expected["values"].items() if c != name
    }


@pytest.mark.parametrize("text", list(CELLS))
def test_the_seed_granted_failure_still_appears(text: str) -> None:
    failing = _findings(_granted_with(text, 1))
    assert any(message.startswith("（一）予以公开：总计 0") for message in failing["applications.row-totals"])
    assert "applications.results-total" in failing


@pytest.mark.parametrize("text", list(UNREADABLE))
def test_text_in_a_count_cell_is_reported_as_not_a_number(text: str) -> None:
    failing = _findings(_granted_with(text, 1))
    assert failing["counts.non-negative-integers"] == [f"（一）予以公开：商业企业 “{text}” 不是非负整数"]


@pytest.mark.parametrize("text", list(DRESSED))
def test_a_unit_or_bracket_reads_the_number_with_a_warning(text: str) -> None:
    failing = _findings(_granted_with(text, 1))
    assert "counts.non-negative-integers" not in failing
    assert failing["counts.blank-cells"] == [f"（一）予以公开：商业企业（“{text}”）应只填写数字（按 6 计算）"]


@pytest.mark.parametrize("text", ["/", "—", "——", "无"])
def test_a_placeholder_is_a_blank_not_a_non_number(text: str) -> None:
    row = read(_granted_with(text, 1).encode("utf-8"))["tables"]["applications"]["rows"]["granted"]
    assert (row["values"]["commercial_enterprise"], row["raw"]["commercial_enterprise"]) == (None, text)
    assert "counts.non-negative-integers" not in _findings(_granted_with(text, 1))


def _model_with(text: str, row_id: str, column: str) -> dict[str, Any]:
    model = copy.deepcopy(BASE)
    row = model["tables"]["applications"]["rows"][row_id]
    row["raw"][column] = text
    row["values"][column] = parse_number(text)
    return model


@pytest.mark.parametrize("layout", ["html", "pipes", "cells", "markdown"])
@pytest.mark.parametrize("text", ["约3", "N/A", "6人", "⑥"])
def test_every_layout_keeps_the_column(layout: str, text: str) -> None:
    model = _model_with(text, "granted", "research_institution")
    rows = read(render(model, layout), uri=f"doc.{layout}")["tables"]["applications"]["rows"]
    assert rows["granted"]["values"] == model["tables"]["applications"]["rows"]["granted"]["values"]
    assert rows["granted"]["raw"]["research_institution"] == text
    assert "予以公开" in str(rows["granted"]["label"])


def test_an_unreadable_review_cell_keeps_its_column() -> None:
    text = SEED_TEXT.replace("1\t0\t0\t0\t1\t0\t0", "1\tN/A\t0\t0\t1\t0\t0", 1)
    rows = read(text.encode("utf-8"))["tables"]["review_litigation"]["rows"]
    assert rows["review"]["values"] == {"upheld": 1, "corrected": None, "other": 0, "pending": 0, "total": 1}
    assert rows["review"]["raw"]["corrected"] == "N/A"
    assert rows["litigation_after_review"]["values"]["total"] == 0


def test_labels_stay_labels() -> None:
    for label in ("2.重复申请", "（一）予以公开", "其他", "总计", "1. 属于国家秘密", "行政许可", "结果维持"):
        assert not is_garbled_value(label), label
    for text in ("约3", "N/A", "⑥", "−6", "不详", "暂无数据", "〇", "三", "？", "3-4", "1" * 30):
        assert is_garbled_value(text), text


def test_a_run_of_digits_too_long_for_a_count_is_no_number() -> None:
    assert parse_number("9" * 5000) is None
    failing = _findings(_granted_with("9" * 5000, 1))
    assert failing["counts.non-negative-integers"][0].startswith("（一）予以公开：商业企业 “999")


_JUNK = st.text(alphabet=st.sampled_from("约人件个()（）/N/Ax?−⑥①0123456789不详暂无-"), min_size=1, max_size=6)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_JUNK, column=st.integers(min_value=0, max_value=6))
def test_any_short_cell_text_keeps_every_other_cell(text: str, column: int) -> None:
    """Whatever a cell holds, the other six cells of the row keep their values and columns."""
    row = read(_granted_with(text, column).encode("utf-8"))["tables"]["applications"]["rows"]["granted"]
    expected = BASE["tables"]["applications"]["rows"]["granted"]["values"]
    name = COLUMNS[column]
    assert row["raw"][name] == text.strip()
    assert {c: v for c, v in row["values"].items() if c != name} == {
        c: v for c, v in expected.items() if c != name
    }

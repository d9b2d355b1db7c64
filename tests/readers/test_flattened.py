"""Flattened page text (a crawler's header block, then the whole article on one line, table cells
run together) and PDF text with run-together digits read as the same report as the portal page."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.engine.engine import check_report
from compliance.model.report import Report
from compliance.readers import read_bytes, read_document
from compliance.readers.digit_runs import split_run, sums_to_last
from compliance.results import Status
from tests.conftest import corrected_seed_text
from tests.hypothesis_budget import examples

# Copies of ../shared/corpus (the three portal pages and their flattened crawler text), byte for byte.
CORPUS = Path(__file__).resolve().parent / "corpus"
FLAT = CORPUS / "flattened"
YEARS = (2021, 2022, 2023)


def _view(model: dict[str, Any]) -> dict[str, Any]:
    """What must be the same whichever way the report arrived: tables cell for cell, sections,
    sub-item labels, and the metadata."""
    out: dict[str, Any] = {}
    for kind, table in model["tables"].items():
        if table is None:
            out[kind] = None
            continue
        out[f"{kind}.format"] = table["format"]
        out[f"{kind}.columns"] = table["column_labels"]
        for row_id, row in table["rows"].items():
            out[f"{kind}.{row_id}"] = (row["label"], row["values"])
    out["sections"] = [(s["number"], s["heading"], s["tables"], [i["label"] for i in s["items"]])
                       for s in model["sections"]]
    meta = model["metadata"]
    out["metadata"] = {key: meta.get(key) for key in ("title", "agency", "level", "year", "published")}
    return out


@pytest.mark.parametrize("year", YEARS)
def test_flattened_text_reads_as_the_html_page(year: int) -> None:
    page = read_document(CORPUS / f"pingtan-{year}.html").data
    flat = read_document(FLAT / f"pingtan-{year}.txt").data
    assert _view(flat) == _view(page)
    assert flat["metadata"]["url"].startswith("https://www.pingtan.gov.cn/")
    assert flat["metadata"]["published"] == page["metadata"]["published"]


def test_inferred_cells_say_how_they_were_read() -> None:
    model = read_document(FLAT / "pingtan-2023.txt").data
    prov = model["provenance"]
    cell = prov["/tables/applications/rows/new_received/values/total"]
    assert cell["inferred"] == {"run": "801000081", "split": "80|1|0|0|0|0|81", "readings": 1, "consistent": True}
    # "191000020" allows 19|1|0|0|0|0|20 and 1|9|10|0|0|0|20: the columns of table 2 settle it.
    partly = prov["/tables/applications/rows/partly_granted/values/natural_person"]["inferred"]
    assert partly["split"] == "19|1|0|0|0|0|20"
    assert partly["settled_by"] == "the table's identities"
    # Table 1 has no identity: "77132470" stays ambiguous, the likeliest reading first.
    (normative,) = [a for a in model["alternatives"] if a["row"].endswith("normative_documents")]
    assert normative["run"] == "77132470"
    assert normative["readings"][0] == [77, 132, 470]
    assert len(normative["readings"]) > 1


def test_run_together_rows_on_lines_of_their_own() -> None:
    """PDF text: every row on its own line, cells still run together."""
    text = (FLAT / "pingtan-2022.txt").read_text(encoding="utf-8")
    broken = re.sub(r"(?=（[一二三四五六七]）|[1-8]\.(?=[\u4e00-\u9fff])|[一二三四]、)", "\n", text)
    model = read_bytes(broken.encode("utf-8"), uri="pdf-text.txt").data
    page = read_document(CORPUS / "pingtan-2022.html").data
    assert {k: v for k, v in _view(model).items() if k.startswith(("applications", "review"))} == {
        k: v for k, v in _view(page).items() if k.startswith(("applications", "review"))}


def test_a_table_that_adds_up_under_no_reading_fails(default_pack: Any) -> None:
    """(七）总计 written as 801000082: no split makes the row add up, so row-totals fails on it."""
    text = (FLAT / "pingtan-2023.txt").read_text(encoding="utf-8").replace("（七）总计801000081", "（七）总计801000082")
    report = read_bytes(text.encode("utf-8"), uri="defect.txt")
    result = check_report(report, [default_pack])
    failed = [f for f in result.findings if f.rule == "applications.row-totals" and f.status is Status.FAIL]
    assert failed
    assert failed[0].pointer.startswith("/tables/applications/rows/results_total")
    assert failed[0].location is not None
    assert failed[0].location["inferred"]["run"] == "801000082"
    assert failed[0].location["inferred"]["consistent"] is False


def _seed_with_alternative(readings: list[list[int]]) -> Report:
    """The corrected seed (every identity holds) with row 2.重复申请 read from an ambiguous run."""
    model = copy.deepcopy(read_bytes(corrected_seed_text().encode("utf-8"), uri="seed.txt").data)
    columns = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
               "legal_service_org", "other_org", "total"]
    row = model["tables"]["applications"]["rows"]["not_processed_repeated"]
    row["values"] = dict(zip(columns, readings[0], strict=True))
    model["alternatives"] = [{"row": "/tables/applications/rows/not_processed_repeated", "run": "1000000",
                              "columns": columns, "readings": readings}]
    return Report(model)


def _findings(report: Report, pack: Any, rule: str) -> list[Any]:
    return [f for f in check_report(report, [pack]).findings if f.rule == rule]


def test_a_verdict_that_differs_between_readings_is_not_claimed(default_pack: Any) -> None:
    # One reading adds up (all zeros), the other does not (1 … 0): row-totals cannot be decided.
    report = _seed_with_alternative([[1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]])
    (skip,) = _findings(report, default_pack, "applications.row-totals")
    assert skip.status is Status.SKIP
    assert "无法明确判定" in skip.message
    assert skip.evidence["runs"][0]["readings"] == [[1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]]


def test_the_same_verdict_under_every_reading_stands(default_pack: Any) -> None:
    failing = _seed_with_alternative([[1, 0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0, 0]])
    assert {f.status for f in _findings(failing, default_pack, "applications.row-totals")} == {Status.FAIL}
    passing = _seed_with_alternative([[0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]])
    assert {f.status for f in _findings(passing, default_pack, "applications.row-totals")} == {Status.PASS}


# ---------------------------------------------------------------- digit runs

_counts = st.integers(min_value=0, max_value=150)  # real cells; longer runs are bounded (MAX_SPLITS)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(_counts, min_size=6, max_size=6))
def test_a_row_that_adds_up_is_among_the_readings(parts: list[int]) -> None:
    row = (*parts, sum(parts))
    run = "".join(str(v) for v in row)
    split = split_run(run, 7, sums_to_last)
    assert split.consistent
    assert row in split.readings
    assert all(sums_to_last(reading) for reading in split.readings)
    assert all("".join(str(v) for v in reading) == run for reading in split.readings)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=7, max_size=7))
def test_one_digit_per_cell_splits_one_way(row: list[int]) -> None:
    split = split_run("".join(map(str, row)), 7)
    assert split.readings == (tuple(row),)


def test_spaces_are_cell_boundaries_and_blanks_are_cells() -> None:
    assert split_run("0 1 1 0 2", 5).readings == ((0, 1, 1, 0, 2),)
    assert split_run("500000 5", 7).reading == (5, 0, 0, 0, 0, 0, 5)
    assert split_run("12/3", 3).readings == ((12, None, 3),)


def test_too_few_digits_or_too_many_ways_is_no_reading() -> None:
    assert split_run("12", 7).reading is None
    assert split_run("1" * 60, 7).reading is None  # beyond the bound: unreadable, never a guess


def test_a_header_label_with_a_slip_keeps_its_column() -> None:
    """A real 平潭 公安局 page wrote 本年废纸件数 for 本年废止件数: the three values stay in their columns,
    and the label is kept as written for tables.labels."""
    text = (FLAT / "pingtan-2023.txt").read_text(encoding="utf-8").replace("本年废止件数", "本年废纸件数", 1)
    table = read_bytes(text.encode("utf-8"), uri="slip.txt").data["tables"]["active_disclosure"]
    assert table["rows"]["normative_documents"]["values"] == {"issued": 77, "repealed": 132, "in_force": 470}
    assert table["column_labels"]["repealed"] == "本年废纸件数"
    page = (CORPUS / "pingtan-2023.html").read_bytes().replace("本年废止件数".encode(), "本年废纸件数".encode(), 1)
    table = read_bytes(page, uri="slip.html").data["tables"]["active_disclosure"]
    assert table["rows"]["normative_documents"]["values"] == {"issued": 77, "repealed": 132, "in_force": 470}


# ---------------------------------------------------------------- hostile run-together text

_PIECES = st.sampled_from([
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、结转下年度继续办理",
    "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
    "申请人情况", "自然人", "商业企业", "总计", "其他", "（一）予以公开", "（三）不予公开", "1.属于国家秘密",
    "2.", "3.其他", "（七）总计", "行政复议", "行政诉讼", "结果维持", "尚未审结", "六、其他需要报告的事项",
    "标题: 某县2023年度政府信息公开工作年度报告", "\n", " ", "。", "、", "/", "——", "件", "2023年",
])
_DIGITS = st.text(alphabet="0123456789 .", min_size=1, max_size=30)


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.one_of(_PIECES, _DIGITS), min_size=1, max_size=60))
def test_any_mix_of_labels_and_digits_reads_or_is_refused_cleanly(default_pack: Any, parts: list[str]) -> None:
    """Whatever labels and digit runs a crawler runs together, the reader gives a valid model or
    a DocumentError naming the input, and the default pack checks the model without an error
    finding of its own making; never another exception."""
    from compliance.errors import DocumentError
    from compliance.model.report import check_reader_output

    text = "".join(parts)
    try:
        report = read_bytes(text.encode("utf-8"), uri="mix.txt")
    except DocumentError as exc:
        refused = exc.source is not None  # the error names the input
        assert refused
        return
    check_reader_output(dict(report.data), source=report.source)
    result = check_report(report, [default_pack], lang="en")
    assert not [f for f in result.findings if f.status is Status.ERROR and "could not be evaluated" in f.message]


@pytest.mark.parametrize("year", YEARS)
def test_without_a_header_block_the_body_still_gives_title_year_and_agency(year: int) -> None:
    """A crawler that keeps no header: the title inside the page chrome (2021), else the period."""
    text = (FLAT / f"pingtan-{year}.txt").read_text(encoding="utf-8").split("=" * 20 + " 正文 " + "=" * 20 + "\n")[1]
    meta = read_bytes(text.encode("utf-8"), uri="body.txt").data["metadata"]
    assert (meta["year"], meta["agency"], meta["level"]) == (year, "平潭综合实验区", "government")

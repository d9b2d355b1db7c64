"""Tables whose text cannot be placed in rows and columns are marked unreadable, never guessed (column_dump).

Real converters' output (tests/corpus/converted): pdftotext without -layout writes the ruled tables
column by column; PyMuPDF's get_text leaves a table's blank cells out. Generated reports: a table 2
written column by column is always caught; rows with blank cells left out are caught whenever some
row is neither empty nor whole, unless the reader itself kept every such row's numbers and handed all
their placements to the engine (``alternatives``); and no table of any layout we render (tabs, bars,
Markdown, one cell per line, HTML, the converters' renderings) is ever judged unreadable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.readers.column_dump import BY_COLUMN, LEFT_OUT, judge
from compliance.rules import load_default_pack
from tests.hypothesis_budget import examples
from tests.readers.helpers import read, seed_model
from tests.rendering.conversions import TOOLS, render_converted
from tests.rendering.render import LAYOUTS, render
from tests.rendering.tables import APPLICATION_HEADERS, GROUPS, SINGLE, TOP
from tests.strategies import consistent_models

CONVERTED = Path(__file__).resolve().parents[1] / "corpus" / "converted"
KINDS = ("active_disclosure", "applications", "review_litigation")
COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
           "legal_service_org", "other_org", "total")
# Table 2's rows in order, with the group labels printed before their items.
ROWS: list[tuple[str | None, str]] = [
    *TOP, (None, "三、本年度办理结果"), *SINGLE,
    *[pair for group, items in GROUPS for pair in ((None, group), *items)],
    ("results_total", "（七）总计"), ("carried_forward", "四、结转下年度继续办理"),
]
ROW_IDS = [row for row, _ in ROWS if row is not None]


def _converted(name: str) -> dict[str, Any]:
    path = CONVERTED / name
    return read(path.read_bytes(), uri=str(path))


def _unreadable(model: dict[str, Any]) -> dict[str, str]:
    return {kind: table["unreadable"]["reason"] for kind, table in model["tables"].items()
            if table and table.get("unreadable")}


# -- real converters ---------------------------------------------------------------------------------

@pytest.mark.parametrize("report", ["liaocheng-hrss-2023", "pingtan-2021", "pingtan-2022", "pingtan-2023",
                                    "shanghai-bgt-2019"])
def test_pdftotext_default_mode_tables_are_unreadable_and_hold_no_value(report: str) -> None:
    model = _converted(f"{report}-pdftotext.txt")
    found = _unreadable(model)
    assert set(found) == set(KINDS)
    assert found["active_disclosure"] == found["applications"] == BY_COLUMN
    for kind in KINDS:
        assert model["tables"][kind]["rows"] == {}  # no guessed value left
        assert not [p for p in model["provenance"] if p.startswith(f"/tables/{kind}/rows/")]
    assert not [a for a in model.get("alternatives") or () if a["row"].startswith("/tables/")]


def test_pymupdf_text_that_leaves_blank_cells_out_is_not_read_into_made_up_values() -> None:
    model = _converted("shanghai-bgt-2019-pymupdf.txt")
    assert _unreadable(model) == {"applications": LEFT_OUT, "review_litigation": LEFT_OUT}
    # "一、本年新收… 821 35 2 1 859": five values for seven columns were split into 8, 21, … before
    assert model["tables"]["applications"]["rows"] == {}
    assert model["tables"]["review_litigation"]["rows"] == {}
    assert model["tables"]["active_disclosure"]["rows"]["administrative_fees"]  # table 1 is still read


@pytest.mark.parametrize("name", [f"{report}-{tool}" for report in ("liaocheng-hrss-2023", "pingtan-2021",
                                                                      "pingtan-2022", "pingtan-2023",
                                                                      "shanghai-bgt-2019")
                                  for tool in ("pdftotext-layout.txt", "pymupdf4llm.md")]
                         + ["pingtan-2021-pymupdf.txt", "pingtan-2022-pymupdf.txt", "pingtan-2023-pymupdf.txt",
                            "liaocheng-hrss-2023-pymupdf.txt"])
def test_layout_keeping_and_whole_row_conversions_are_read_as_before(name: str) -> None:
    assert _unreadable(_converted(name)) == {}


def test_the_pack_skips_what_needs_an_unreadable_table_and_says_why_once_in_full() -> None:
    path = CONVERTED / "pingtan-2022-pdftotext.txt"
    from compliance.readers import read_document

    result = api.check(read_document(path), [load_default_pack()])
    by_rule = {f.rule: f for f in result.findings}
    present = by_rule["tables.applications.present"]
    assert present.status.value == "skip"
    assert "无法读取" in present.message
    assert "pdftotext -layout" in present.message
    assert "缺少" not in present.message
    for rule in ("review.total", "applications.balance", "narrative.applications-received",
                 "tables.active-disclosure.present", "tables.review-litigation.present"):
        assert by_rule[rule].status.value == "skip", rule
    assert "表三无法读取（单元格逐列写出）" in by_rule["review.total"].message
    table_rules = ("tables.", "applications.", "review.", "litigation.", "counts.", "narrative.applications",
                   "narrative.review", "active-disclosure.")
    failing = [f.rule for f in result.findings if f.status.value in ("fail", "error")]
    assert not [rule for rule in failing if rule.startswith(table_rules)]


# -- generated reports ---------------------------------------------------------------------------------

def _document(table_lines: list[str]) -> str:
    return "\n".join([
        "某某局2023年政府信息公开工作年度报告",
        "一、总体情况", "2023年，我局认真贯彻落实《条例》。",
        "二、主动公开政府信息情况", "本年主动公开信息100条。",
        "三、收到和处理政府信息公开申请情况", *table_lines,
        "四、政府信息公开行政复议、行政诉讼情况", "本年无行政复议和行政诉讼。",
        "五、存在的主要问题及改进情况", "存在问题是公开不够及时。下一步将加强培训。",
        "六、其他需要报告的事项", "本年未收取信息处理费。",
    ])


def _wrap(label: str, width: int | None) -> list[str]:
    if width is None:
        return [label]
    return [label[k:k + width] for k in range(0, len(label), width)]


values_tables = st.lists(st.lists(st.integers(0, 3), min_size=7, max_size=7), min_size=len(ROW_IDS),
                         max_size=len(ROW_IDS))


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=values_tables, width=st.sampled_from([None, 8, 12]), blank_blocks=st.booleans())
def test_table_2_written_column_by_column_is_always_unreadable(cells: list[list[int]], width: int | None,
                                                               blank_blocks: bool) -> None:
    lines = ["（本列数据的勾稽关系为：第一项加第二项之", "和，等于第三项加第四项之和）"]
    for _, label in ROWS:
        lines += _wrap(label, width)
    lines += ["申请人情况", "法人或其他组织"]
    for c, header in enumerate(APPLICATION_HEADERS):
        lines += _wrap(header, 3 if width else None)
        for r in range(len(ROW_IDS)):
            lines.append(str(cells[r][c]))
            if blank_blocks and r % 5 == 4:
                lines.append("")
    model = read(_document(lines).encode("utf-8"))
    assert _unreadable(model).get("applications") == BY_COLUMN
    assert model["tables"]["applications"]["rows"] == {}


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.lists(st.sampled_from([0, 0, 1, 7, 12]), min_size=7, max_size=7), min_size=len(ROW_IDS),
                      max_size=len(ROW_IDS)),
       whole=st.sets(st.integers(0, len(ROW_IDS) - 1)))
def test_rows_with_blank_cells_left_out_are_never_read_into_guessed_places(
        cells: list[list[int]], whole: set[int]) -> None:
    for r in whole:  # some rows with every cell filled, so kept rows can be shown right
        cells[r] = [v or 5 for v in cells[r]]
    lines = ["申请人情况", "自然人", "法人或其他组织", *APPLICATION_HEADERS]
    r = 0
    for row, label in ROWS:
        lines.append(label)
        if row is not None:
            lines += [str(v) for v in cells[r] if v]  # a blank (zero) cell is left out, as PyMuPDF does
            r += 1
    model = read(_document(lines).encode("utf-8"))
    placeable = all(sum(1 for v in row if v) in (0, 7) for row in cells)
    table = model["tables"]["applications"] or {}  # every cell blank: no table is read at all
    if placeable:
        assert table.get("unreadable") is None
    elif table.get("unreadable") is not None:
        assert table["unreadable"]["reason"] == LEFT_OUT
        for row_id, row in table["rows"].items():  # only rows the text gives whole, read exactly
            expected = cells[ROW_IDS.index(row_id)]
            assert [row["values"][c] for c in COLUMNS] == expected
            assert all(expected)
    else:  # left to the reader's readings: every short row kept its numbers and handed on its placements
        readings = {a["row"] for a in model.get("alternatives") or ()}
        for r, row_id in enumerate(ROW_IDS):
            written = [v for v in cells[r] if v]
            if 0 < len(written) < 7:
                assert f"/tables/applications/rows/{row_id}" in readings
                values = table["rows"][row_id]["values"]
                assert [values[c] for c in COLUMNS if values[c] is not None] == written


BASE = seed_model()


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=consistent_models(BASE), layout=st.sampled_from(LAYOUTS))
def test_no_rendered_layout_is_judged_unreadable(model: dict[str, Any], layout: str) -> None:
    data = render(model, layout)
    assert _unreadable(read(data)) == {}
    if not layout.startswith("html"):
        text = data.decode("gb18030" if layout == "gb18030" else "utf-8-sig")
        assert judge(text.split("\n")) == {}


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=consistent_models(BASE), tool=st.sampled_from(TOOLS), page_lines=st.sampled_from([10, 30]),
       split_labels=st.booleans(), generic_headers=st.booleans())
def test_no_converter_rendering_that_keeps_rows_is_judged_unreadable(
        model: dict[str, Any], tool: str, page_lines: int, split_labels: bool, generic_headers: bool) -> None:
    text = render_converted(model, tool, page_lines=page_lines, split_labels=split_labels,
                            generic_headers=generic_headers, running_header=True)
    assert judge(text.split("\n")) == {}
    assert _unreadable(read(text.encode("utf-8"))) == {}

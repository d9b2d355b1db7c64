"""PDF conversions read as the report itself (issue 10, item 2).

Many offices and evaluators get a report's text out of its PDF with a converter. The documents
here are built the way pymupdf4llm, marker, MinerU, pdfplumber and pdftotext write a converted
PDF (``tests/rendering/conversions.py``): ``#`` headings, bold, ``<br>`` in cells, Markdown
escapes, GFM tables cut at each page with the header repeated, HTML tables (MinerU), single-space
cells (pdfplumber), padded cells and form feeds (pdftotext -layout), generic column names, a
label in one row and its values in the next, page footers, page rules and running headers. Each
must read to the same sections and tables as the HTML page of the same report, and give the same
verdicts.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.api import check, load_packs
from compliance.readers import read_bytes
from compliance.readers.conversions import clean_lines, is_furniture, strip_markup
from compliance.results import Status
from tests.hypothesis_budget import examples
from tests.readers.helpers import read, seed_model
from tests.readers.test_roundtrip import sections_of, tables_of
from tests.rendering.conversions import TOOLS, render_converted
from tests.rendering.render import render

BASE = seed_model()
HTML = read(render(BASE, "html"), uri="report.html")
PACKS = load_packs()

VARIANTS: dict[str, dict[str, Any]] = {
    "plain": {},
    "short pages": {"page_lines": 6},
    "short pages, header not repeated": {"page_lines": 6, "repeat_headers": False},
    "generic column names": {"generic_headers": True, "page_lines": 12},
    "labels above their values": {"split_labels": True, "page_lines": 12},
    "running header": {"running_header": True, "page_lines": 8},
    "everything": {"page_lines": 7, "generic_headers": True, "split_labels": True, "running_header": True},
}


def _converted(tool: str, **options: Any) -> dict[str, Any]:
    return read(render_converted(BASE, tool, **options).encode("utf-8"), uri=f"report.{tool}.md")


def _verdicts(data: bytes, uri: str) -> dict[tuple[str, str | None], Status]:
    result = check(read_bytes(data, uri=uri), PACKS)
    return {(f.rule, f.pointer): f.status for f in result.findings}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("tool", TOOLS)
def test_a_conversion_reads_as_the_html_page(tool: str, variant: str) -> None:
    model = _converted(tool, **VARIANTS[variant])
    assert tables_of(model) == tables_of(HTML)
    assert sections_of(model) == sections_of(HTML)
    assert [s["items"] for s in model["sections"]] == [s["items"] for s in HTML["sections"]]
    for key in ("title", "agency", "level", "year"):
        assert model["metadata"][key] == HTML["metadata"][key]


@pytest.mark.parametrize("tool", TOOLS)
def test_a_conversion_gives_the_verdicts_of_the_html_page(tool: str) -> None:
    html = _verdicts(render(BASE, "html"), "report.html")
    text = render_converted(BASE, tool, **VARIANTS["everything"]).encode("utf-8")
    assert _verdicts(text, f"report.{tool}.md") == html


def test_markdown_headings_are_section_headings() -> None:
    """The county report of issue 10: ``## 一、总体情况`` gave five false "section missing" errors."""
    text = render_converted(BASE, "marker")
    assert "## 一、总体情况" in text
    failing = {rule for (rule, _), status in _verdicts(text.encode("utf-8"), "county.md").items()
               if status in (Status.FAIL, Status.ERROR)}
    assert failing == {"applications.row-totals", "applications.results-total"}


@pytest.mark.parametrize(
    "heading",
    ["## 一、总体情况", "# 一、总体情况", "### 一、总体情况 ###", "**一、总体情况**", "## **一、总体情况**",
     "\f一、总体情况"],
)
def test_every_way_a_converter_marks_a_heading(heading: str) -> None:
    text = render_converted(BASE, "marker").replace("## 一、总体情况", heading)
    model = read(text.encode("utf-8"), uri="report.md")
    first = model["sections"][0]
    assert (first["number"], first["heading"]) == (1, "一、总体情况")


@pytest.mark.parametrize("footer", ["— 3 —", "**— 3 —**", "- 3 -", "－3－", "第 3 页 共 9 页", "第3页", "共9页 第3页",
                                    "3/9",
                                    "Page 3 of 9", "-----", "{2}------------------------------------------------",
                                    "<!-- page 3 -->", "![](images/p3_table.jpg)"])
def test_page_furniture_is_not_report_text(footer: str) -> None:
    text = render_converted(BASE, "marker", page_lines=8)
    paged = text.replace("{1}" + "-" * 48, footer).replace("{2}" + "-" * 48, footer)
    assert footer in paged
    model = read(paged.encode("utf-8"), uri="report.md")
    assert sections_of(model) == sections_of(HTML)
    assert tables_of(model) == tables_of(HTML)


def test_a_footer_between_the_two_parts_of_a_table_is_ignored() -> None:
    text = render_converted(BASE, "pymupdf4llm", page_lines=6)
    assert "- 3 -" in text
    assert tables_of(read(text.encode("utf-8"), uri="report.md")) == tables_of(HTML)


def test_furniture_and_markup_lines() -> None:
    for line in ("— 3 —", " - 12 - ", "第 3 页 共 9 页", "第3页/共9页", "3 / 9", "-----", "\f", "<!-- image -->"):
        assert is_furniture(line) or not line.strip("\f"), line
    for line in ("一、总体情况", "2023", "（一）予以公开", "规章 | 0 |", "|---|---|", "— 3 —件", "无", "—"):
        assert not is_furniture(line), line
    assert strip_markup("## **二、主动公开政府信息情况**") == "二、主动公开政府信息情况"
    assert strip_markup("|1\\. 属于国家秘密|0|") == "|1. 属于国家秘密|0|"
    assert strip_markup("|一、本年新收政府信息<br>公开申请数量|11|") == "|一、本年新收政府信息公开申请数量|11|"
    assert strip_markup("结果<br/>Total") == "结果 Total"
    assert clean_lines(["标题：某局2023年政府信息公开工作年度报告", "某局2023年政府信息公开工作年度报告", "x",
                        "某局2023年政府信息公开工作年度报告"])[1:] == ["某局2023年政府信息公开工作年度报告", "x", ""]


def test_a_group_label_and_its_first_item_in_one_cell() -> None:
    text = "\n".join([
        "# 某某县人民政府2023年政府信息公开工作年度报告",
        "## 三、收到和处理政府信息公开申请情况",
        "|（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|||申请人情况|||||||",
        "|---|---|---|---|---|---|---|---|---|---|",
        "||||自然人|法人或其他组织|||||总计|",
        "|||||商业企业|科研机构|社会公益组织|法律服务机构|其他||",
        "|三、本年度办理结果|（一）予以公开||6|1|0|0|0|0|7|",
        "",
        "— 3 —",
        "",
        "|（三）不予公开 1.属于国家秘密|0|0|3|0|0|0|3|",
        "|---|---|---|---|---|---|---|---|",
        "|2.其他法律行政法规禁止公开|0|0|0|0|0|0|0|",
    ])
    rows = read(text.encode("utf-8"), uri="report.md")["tables"]["applications"]["rows"]
    assert rows["granted"]["values"]["total"] == 7
    assert rows["denied_state_secret"]["label"] == "1.属于国家秘密"
    assert rows["denied_state_secret"]["values"]["research_institution"] == 3
    assert rows["denied_prohibited_by_law"]["values"]["total"] == 0
    assert "denied_subtotal" not in rows


def test_an_ocr_slip_in_the_agency_is_taken_as_written() -> None:
    model = dict(BASE, metadata=dict(BASE["metadata"], title="沐阳县人民政府2023年政府信息公开工作年度报告"))
    for tool in TOOLS:
        meta = read(render_converted(model, tool).encode("utf-8"), uri="report.md")["metadata"]
        assert (meta["agency"], meta["level"], meta["year"]) == ("沐阳县人民政府", "government", 2023)


def test_pdf_text_with_single_space_cells_reads_the_tables() -> None:
    text = render_converted(BASE, "pdfplumber")
    assert "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0" in text
    assert tables_of(read(text.encode("utf-8"), uri="report.txt")) == tables_of(HTML)


def test_prose_with_numbers_is_not_a_table_row() -> None:
    text = render_converted(BASE, "pdfplumber").replace(
        "2023年，我局在公众参与", "全年办理留言 438 条，回应关切 23 次\n2023年，我局在公众参与")
    model = read(text.encode("utf-8"), uri="report.txt")
    assert "全年办理留言 438 条，回应关切 23 次" in model["sections"][4]["text"]


def test_mineru_html_tables_keep_their_spans() -> None:
    text = render_converted(BASE, "mineru", page_lines=200)
    assert '<td rowspan="3" colspan="3">' in text
    model = read(text.encode("utf-8"), uri="report.md")
    assert tables_of(model) == tables_of(HTML)
    assert model["provenance"]["/tables/applications/rows/granted/values/total"]["row"] == 6


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tool=st.sampled_from(TOOLS),
    page_lines=st.integers(min_value=3, max_value=40),
    repeat=st.booleans(),
    generic=st.booleans(),
    split=st.booleans(),
)
def test_any_pagination_reads_the_same_tables(tool: str, page_lines: int, repeat: bool, generic: bool,
                                              split: bool) -> None:
    model = _converted(tool, page_lines=page_lines, repeat_headers=repeat, generic_headers=generic,
                       split_labels=split, running_header=True)
    assert tables_of(model) == tables_of(HTML)
    assert [(s["number"], s["heading"]) for s in model["sections"]] == [
        (s["number"], s["heading"]) for s in HTML["sections"]]


def test_a_label_wrapped_around_its_values_in_pdf_text() -> None:
    """pdfplumber prints a wrapped label cell's lines above and below the row's values."""
    text = render_converted(BASE, "pdfplumber")
    row = "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 0"
    item = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0"
    assert row in text
    assert item in text
    wrapped = text.replace(row, "（二）部分公开（区分处理的，只计这\n2 0 0 0 0 0 0\n一情形，不计其他情形）").replace(
        item, "1.申请人无正当理由逾期不补正、行政机关不\n0 0 0 0 0 0 0\n再处理其政府信息公开申请")
    model = read(wrapped.encode("utf-8"), uri="report.txt")
    assert tables_of(model) == tables_of(HTML)
    assert model["tables"]["applications"]["rows"]["partly_granted"]["label"] == "（二）部分公开（区分处理的，只计这"


_MARKUP = st.sampled_from("#*_|-—<>br/\\ \f一二、总计0123第页共!()[]")


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.text(alphabet=_MARKUP, max_size=20), max_size=12))
def test_cleaning_keeps_the_lines_and_is_stable(lines: list[str]) -> None:
    """Cleaning never fails, keeps one line per line, and cleaning its output changes no furniture."""
    cleaned = clean_lines(lines)
    assert len(cleaned) == len(lines)
    assert all("\f" not in line for line in cleaned)
    assert [is_furniture(line) for line in cleaned] == [False] * len(cleaned)


def test_a_converted_report_with_header_cells_run_together() -> None:
    """A conversion that keeps only some rows as bars and runs a header's cells together."""
    text = "\n".join([
        "某某市 2024 年政府信息公开工作年度报告",
        "一、总体情况",
        "2024 年，我市持续推进政务公开工作。",
        "二、主动公开政府信息情况",
        "## 表一：主动公开政府信息情况",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|---|---|---|---|",
        "| 规章 | 2 | 0 | 11 |",
        "三、收到和处理政府信息公开申请情况",
        "| 一、本年新收政府信息公开申请数量 | 120 | 8 | 0 | 0 | 3 | 1 | 132 |",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议行政诉讼",
        "| 4 | 1 | 0 | 0 | 5 | 2 | 0 | 1 | 0 | 3 | 1 | 0 | 0 | 0 | 1 |",
        "五、存在的主要问题及改进情况",
        "一是公开质量有待提高。",
        "六、其他需要报告的事项",
        "行政许可",
        "本年度未收取信息处理费。",
    ])
    model = read(text.encode("utf-8"), uri="report.md")
    tables = model["tables"]
    assert tables["active_disclosure"]["rows"]["regulations"]["values"] == {"issued": 2, "repealed": 0, "in_force": 11}
    assert tables["applications"]["rows"]["new_received"]["values"]["total"] == 132
    assert tables["review_litigation"]["rows"]["litigation_direct"]["values"] == {
        "upheld": 2, "corrected": 0, "other": 1, "pending": 0, "total": 3}
    assert model["sections"][3]["text"] == ""
    assert model["sections"][5]["text"] == "行政许可\n本年度未收取信息处理费。"
    assert "licensing" not in tables["active_disclosure"]["rows"]


def test_an_unclosed_table_tag_in_the_text_is_text() -> None:
    heading = "## 五、存在的主要问题及改进情况"
    text = render_converted(BASE, "marker").replace(heading, heading + "\n\n网页模板中的<table>标签未闭合。")
    model = read(text.encode("utf-8"), uri="report.md")
    assert tables_of(model) == tables_of(HTML)
    assert model["sections"][4]["text"].startswith("网页模板中的<table>标签未闭合。")

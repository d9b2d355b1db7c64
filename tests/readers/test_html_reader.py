"""The HTML reader: the three real pingtan pages against hand-written goldens, page variants, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.errors import DocumentError
from compliance.readers import read_bytes
from compliance.readers.html_reader import HtmlReader, iso_date
from tests.hypothesis_budget import examples
from tests.readers.helpers import CORPUS, GOLDEN, PAGES, number, plain, read, seed_model
from tests.rendering.render import render_html
from tests.rendering.tables import APPLICATION_COLUMNS, REVIEW_COLUMNS

READER = HtmlReader()


def page(name: str) -> dict[str, Any]:
    return read((CORPUS / f"{name}.html").read_bytes(), uri=f"{name}.html")


def golden(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


def expected_cells(expected: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    """(table, row, column) → raw text, from a golden's compact rows."""
    out: dict[tuple[str, str, str], str] = {}
    columns = {"applications": APPLICATION_COLUMNS, "review_litigation": REVIEW_COLUMNS}
    for kind, table in expected["tables"].items():
        for row_id, (_, cells) in table["rows"].items():
            if isinstance(cells, dict):
                out.update({(kind, row_id, column): raw for column, raw in cells.items()})
            else:
                out.update({(kind, row_id, c): raw for c, raw in zip(columns[kind], cells.split(), strict=True)})
    return out


# ------------------------------------------------------------------ the real pages


@pytest.mark.parametrize("name", PAGES)
def test_real_page_metadata(name: str) -> None:
    model, expected = page(name), golden(name)
    assert {k: model["metadata"][k] for k in expected["metadata"]} == expected["metadata"]
    assert model["metadata"]["source"] == f"{name}.html"


@pytest.mark.parametrize("name", PAGES)
def test_real_page_intro_states_the_period(name: str) -> None:
    model, expected = page(name), golden(name)
    assert expected["intro_contains"] in model["intro"]
    assert "一、总体情况" not in model["intro"]


@pytest.mark.parametrize("name", PAGES)
def test_real_page_sections_items_and_table_placement(name: str) -> None:
    model, expected = page(name), golden(name)
    sections = model["sections"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 5, 6]
    assert [s["heading"] for s in sections] == expected["headings"]
    assert [[i["label"] for i in s["items"]] for s in sections] == expected["items"]
    assert [s["tables"] for s in sections] == expected["section_tables"]
    assert sections[5]["text"] == expected["section_6_text"]
    # Page chrome stays out of the report: nothing from the navigation or the footer.
    everything = model["intro"] + "".join(s["text"] for s in sections)
    for chrome in ("当前位置", "长者模式", "无障碍浏览", "版权所有", "热门搜索", "来源：平潭"):
        assert chrome not in everything


@pytest.mark.parametrize("name", PAGES)
def test_real_page_every_table_cell(name: str) -> None:
    model, expected = page(name), golden(name)
    cells = expected_cells(expected)
    got = {
        (kind, row_id, column): (value, row["raw"].get(column))
        for kind, table in model["tables"].items()
        for row_id, row in table["rows"].items()
        for column, value in row["values"].items()
    }
    assert got == {key: (number(raw), raw) for key, raw in cells.items()}
    assert len(got) == 10 + 175 + 15


@pytest.mark.parametrize("name", PAGES)
def test_real_page_labels_formats_and_provenance(name: str) -> None:
    model, expected = page(name), golden(name)
    for kind, table in expected["tables"].items():
        got = model["tables"][kind]
        assert got["format"] == table["format"]
        assert {r: row["label"] for r, row in got["rows"].items()} == {r: v[0] for r, v in table["rows"].items()}
        if "column_labels" in table:
            assert got["column_labels"] == table["column_labels"]
    for pointer, location in expected["cells"].items():
        assert model["provenance"][pointer] == location
    assert model["provenance"]["/tables/applications"] == {"table": 2}
    assert all("line" in model["provenance"][f"/sections/{k}"] for k in range(6))


def test_real_page_through_read_bytes_picks_the_html_reader() -> None:
    data = (CORPUS / "pingtan-2023.html").read_bytes()
    assert read_bytes(data, uri="page.txt").data["metadata"]["reader"] == "html"  # content, not the name


# ------------------------------------------------------------------ variants

SEED = seed_model()


def test_gbk_page_declared_in_meta_reads_like_utf8() -> None:
    utf8 = read(render_html(SEED))
    gbk_bytes = render_html(SEED, charset="GBK")
    assert b"charset=GBK" in gbk_bytes
    with pytest.raises(UnicodeDecodeError):
        gbk_bytes.decode("utf-8")
    gbk = read(gbk_bytes)
    assert gbk["tables"] == utf8["tables"]
    assert gbk["sections"] == utf8["sections"]


def test_undeclared_gb18030_page_is_detected() -> None:
    page_bytes = render_html(SEED).decode("utf-8").replace("charset=utf-8", "").encode("gb18030")
    assert read(page_bytes)["tables"] == read(render_html(SEED))["tables"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="PubDate" content="2024-03-08 15:34">', "2024-03-08"),
        ('<meta name="publishdate" content="2024/3/8">', "2024-03-08"),
        ('<meta name="pubdate" content="2024年3月8日">', "2024-03-08"),
        ('<META NAME="FirstPublishedTime" CONTENT="2023-12-31 09:00:00">', "2023-12-31"),
        ('<meta name="PubDate" content="2024-02-30">', None),
        ("", None),
    ],
)
def test_publication_date_from_meta(meta: str, expected: str | None) -> None:
    page_text = render_html(SEED).decode("utf-8").replace("<title>", meta + "<title>")
    assert read(page_text.encode("utf-8"))["metadata"]["published"] == expected


def test_iso_date() -> None:
    assert iso_date("2022-02-08 16:34") == "2022-02-08"
    assert iso_date("no date") is None


def test_2019_format_page_with_rowspan_20() -> None:
    model = seed_model()
    rows = model["tables"]["applications"]["rows"]
    merged = dict(rows["other_other"])
    for key in ("other_no_correction", "other_unpaid_fee"):
        del rows[key]
    rows["other_other"] = merged
    model["tables"]["applications"]["format"] = "2019"

    def row(row_id: str, label: str, **cells: str) -> dict[str, Any]:
        return {"id": row_id, "label": label, "values": {c: number(v) for c, v in cells.items()}, "raw": cells}

    three = ("new_made", "new_published", "total_published")
    items = ("previous_items", "change", "decisions")
    model["tables"]["active_disclosure"] = {
        "format": "2019",
        "column_labels": {"decisions": "处理决定数量"},
        "rows": {
            "regulations": row("regulations", "规章", **dict(zip(three, ("0", "0", "3"), strict=True))),
            "normative_documents": row(
                "normative_documents", "规范性文件", **dict(zip(three, ("1", "1", "20"), strict=True))
            ),
            "licensing": row("licensing", "行政许可", **dict(zip(items, ("12", "-2", "340"), strict=True))),
            "other_services": row(
                "other_services", "其他对外管理服务事项", **dict(zip(items, ("4", "0", "8"), strict=True))
            ),
            "punishment": row("punishment", "行政处罚", **dict(zip(items, ("7", "1", "55"), strict=True))),
            "enforcement": row("enforcement", "行政强制", **dict(zip(items, ("2", "0", "3"), strict=True))),
            "administrative_fees": row("administrative_fees", "行政事业性收费", previous_items="5", change="0"),
            "procurement": row("procurement", "政府集中采购", procurement_items="6", procurement_amount="251000"),
        },
    }
    page_bytes = render_html(model)
    assert b'rowspan="20"' in page_bytes
    got = read(page_bytes)
    table2 = got["tables"]["applications"]
    assert table2["format"] == "2019"
    assert "other_no_correction" not in table2["rows"]
    assert table2["rows"]["other_other"]["label"] == "（六）其他处理"
    table1 = got["tables"]["active_disclosure"]
    assert table1["format"] == "2019"
    expected = model["tables"]["active_disclosure"]["rows"]
    assert {r: (v["values"], v["raw"], v["label"]) for r, v in table1["rows"].items()} == {
        r: (v["values"], v["raw"], v["label"]) for r, v in expected.items()
    }
    assert table1["column_labels"]["change"] == "本年增/减"


def test_nbsp_cells_are_blank_and_br_labels_are_joined() -> None:
    model = seed_model()
    row = model["tables"]["applications"]["rows"]["granted"]
    row["values"]["total"], row["raw"]["total"] = None, ""
    page_bytes = render_html(model)
    assert b"<p>&nbsp;</p>" in page_bytes
    assert "商业<br>企业".encode() in page_bytes
    got = read(page_bytes)
    granted = got["tables"]["applications"]["rows"]["granted"]
    assert (granted["values"]["total"], granted["raw"]["total"]) == (None, "")
    assert got["tables"]["applications"]["column_labels"]["commercial_enterprise"] == "商业企业"


def test_layout_tables_around_the_report_are_not_data_tables() -> None:
    inner = render_html(SEED).decode("utf-8").split("<body>")[1].split("</body>")[0]
    wrapped = f"<html><body><table><tr><td>导航</td></tr><tr><td>{inner}</td></tr></table></body></html>"
    got = read(wrapped.encode("utf-8"))
    assert got["tables"] == read(render_html(SEED))["tables"]
    assert got["provenance"]["/tables/active_disclosure"] == {"table": 2}  # table 1 is the layout table


def test_columns_follow_their_headers_not_their_positions() -> None:
    """A sub-header row that shifts 商业企业 one column right (as on the 2021 pingtan page)."""
    data = (CORPUS / "pingtan-2021.html").read_bytes()
    model = read(data)
    row = model["tables"]["applications"]["rows"]["new_received"]
    assert row["values"] == dict(zip(APPLICATION_COLUMNS, [64, 0, 0, 2, 0, 4, 70], strict=True))


# ------------------------------------------------------------------ honest failure


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            "<html><body><p>今天天气很好。</p></body></html>".encode(),
            "no annual-report content found on the page (no section headings or report tables)",
            id="unrelated",
        ),
        pytest.param(
            b"<html><head><title>x</title></head><body></body></html>",
            "no annual-report content found on the page (no section headings or report tables)",
            id="empty-body",
        ),
        pytest.param(b"<!DOCTYPE html>\x00\x01\x02\x03", "binary data, not a text report", id="binary"),
    ],
)
def test_pages_without_a_report_raise_document_error(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        READER.read(data, uri="page.html")
    assert caught.value.message == message


def test_truncated_page_gives_the_parts_it_has_and_nulls() -> None:
    data = (CORPUS / "pingtan-2023.html").read_bytes()
    cut = data[: data.index("（四）无法提供".encode())]
    model = read(cut)
    assert model["tables"]["review_litigation"] is None
    rows = model["tables"]["applications"]["rows"]
    assert "denied_query_matters" in rows
    assert "results_total" not in rows
    assert [s["number"] for s in model["sections"]] == [1, 2, 3]


def test_sniff() -> None:
    assert READER.sniff(b"<!DOCTYPE html><html></html>")
    assert READER.sniff("\ufeff<html><body>".encode())
    assert not READER.sniff("一、总体情况\n正文".encode())
    assert not READER.sniff(b'{"a": 1}')


def test_model_is_valid_and_round_trips() -> None:
    report = READER.read((CORPUS / "pingtan-2022.html").read_bytes(), uri="p.html")
    assert plain(report.data)["metadata"]["reader"] == "html"


_TAGS = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "<td rowspan='3'>",
        "<td colspan='x'>",
        "</td>",
        "<p>",
        "<br>",
        "&nbsp;",
        "一、总体情况",
        "二、主动公开政府信息情况",
        "（七）总计",
        "行政许可",
        "12",
        "/",
        "<script>",
        "<meta charset=gbk>",
    ]
)


@settings(max_examples=examples(150), deadline=None, database=None)
@given(st.lists(_TAGS, max_size=60))
def test_any_html_gives_a_valid_report_or_a_document_error(parts: list[str]) -> None:
    data = ("<html><body>" + "".join(parts)).encode("utf-8")
    try:
        report = READER.read(data, uri="fuzz.html")
    except DocumentError:
        return
    plain(report.data)

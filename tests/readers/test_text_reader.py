"""Tests for the text reader: the seed against its hand-written golden model, layout variants, errors."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.errors import DocumentError
from compliance.model import Report, dumps_json, loads_json, validate_model
from compliance.readers.base import Reader
from compliance.readers.text_reader import TextReader
from tests.hypothesis_budget import examples

GOLDEN = Path(__file__).parent / "golden"
SEED_NAME = "liaocheng-hrss-2023"
# The seed lives in the shared workspace; a copy next to the golden file is preferred when present.
SEED_PATHS = (
    Path(__file__).resolve().parents[2] / "src" / "compliance" / "examples" / f"{SEED_NAME}.txt",
    GOLDEN / f"{SEED_NAME}.txt",
    Path(__file__).resolve().parents[3] / "shared" / "seed" / f"{SEED_NAME}.txt",
)
READER = TextReader()
APPLICATION_COLUMNS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
    "total",
]


def seed_text() -> str:
    for path in SEED_PATHS:
        if path.exists():
            return path.read_text(encoding="utf-8")
    pytest.skip("the seed report is not available")


def edited(edit: Callable[[list[str]], None]) -> str:
    """The seed text after ``edit`` changed its lines (``lines[n - 1]`` is line n)."""
    lines = seed_text().split("\n")
    edit(lines)
    return "\n".join(lines)


def read(text: str | bytes, uri: str = f"{SEED_NAME}.txt") -> dict[str, Any]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    report = READER.read(data, uri=uri)
    validate_model(report.data)
    # A JSON round trip gives plain data with exact numbers, as a consumer would see it.
    return dict(loads_json(dumps_json(report.data)))


def values(model: dict[str, Any], table: str, row: str) -> list[Any]:
    return list(model["tables"][table]["rows"][row]["values"].values())


# ------------------------------------------------------------------ the seed


def test_seed_reads_to_the_golden_model() -> None:
    expected = loads_json((GOLDEN / f"{SEED_NAME}.report.json").read_text(encoding="utf-8"))
    assert read(seed_text()) == expected


def test_seed_report_is_a_report_named_by_its_uri() -> None:
    report = READER.read(seed_text().encode("utf-8"), uri="some/where.txt")
    assert isinstance(report, Report)
    assert str(report.source) == "some/where.txt"
    assert report.data["metadata"]["source"] == "some/where.txt"


def test_seed_metadata_and_intro() -> None:
    model = read(seed_text())
    meta = model["metadata"]
    assert (meta["agency"], meta["year"], meta["level"], meta["reader"]) == (
        "聊城市人力资源和社会保障局",
        2023,
        "department",
        "text",
    )
    assert meta["published"] is None
    assert "统计期限从2023年1月1日到2023年12月31日" in model["intro"]


def test_seed_has_six_sections_in_order() -> None:
    sections = read(seed_text())["sections"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 5, 6]
    assert [s["heading"] for s in sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [s["tables"] for s in sections] == [
        [],
        ["active_disclosure"],
        ["applications"],
        ["review_litigation"],
        [],
        [],
    ]
    assert [len(s["items"]) for s in sections] == [5, 0, 0, 0, 0, 4]
    assert "结转下年度" not in sections[2]["text"]


def test_seed_table_1_values_are_exact() -> None:
    model = read(seed_text())
    table = model["tables"]["active_disclosure"]
    assert table["format"] == "2021"
    assert values(model, "active_disclosure", "regulations") == [0, 0, 0]
    assert values(model, "active_disclosure", "normative_documents") == [0, 0, 0]
    assert [values(model, "active_disclosure", r) for r in ("licensing", "punishment", "enforcement")] == [
        [0],
        [2],
        [0],
    ]
    amount = table["rows"]["administrative_fees"]["values"]["amount"]
    assert isinstance(amount, Decimal)
    assert amount == Decimal("595.353309")
    assert table["column_labels"]["amount"] == "本年收费金额（单位：万元）"


def test_seed_table_2_keeps_the_zeroed_totals() -> None:
    model = read(seed_text())
    rows = model["tables"]["applications"]["rows"]
    assert len(rows) == 25
    assert values(model, "applications", "granted") == [6, 0, 0, 0, 0, 0, 0]
    assert values(model, "applications", "partly_granted") == [2, 0, 0, 0, 0, 0, 0]
    assert values(model, "applications", "unable_not_held") == [2, 0, 0, 0, 0, 0, 0]
    assert values(model, "applications", "unable_needs_creation") == [1, 0, 0, 0, 0, 0, 0]
    assert values(model, "applications", "results_total") == [11, 0, 0, 0, 0, 0, 11]
    assert values(model, "applications", "new_received") == [11, 0, 0, 0, 0, 0, 11]
    assert model["tables"]["applications"]["format"] == "2021"


def test_seed_table_3() -> None:
    model = read(seed_text())
    assert values(model, "review_litigation", "review") == [1, 0, 0, 0, 1]
    assert values(model, "review_litigation", "litigation_direct") == [0] * 5
    assert values(model, "review_litigation", "litigation_after_review") == [0] * 5


def test_seed_provenance_points_at_lines_and_cells() -> None:
    prov = read(seed_text())["provenance"]
    assert prov["/sections/0"] == {"line": 7}
    assert prov["/sections/0/items/0"] == {"line": 12}
    assert prov["/tables/applications"] == {"line": 55}
    assert prov["/tables/applications/rows/granted/values/total"] == {"line": 60, "column": 9}
    assert prov["/tables/applications/rows/carried_forward"] == {"line": 82}
    assert prov["/tables/applications/rows/results_total/values/natural_person"] == {"line": 81, "column": 2}
    assert prov["/tables/review_litigation/rows/litigation_after_review/values/total"] == {
        "line": 89,
        "column": 15,
    }


# ------------------------------------------------------------------ layout variants


def test_full_width_digits_brackets_and_traditional_labels() -> None:
    def edit(lines: list[str]) -> None:
        lines[59] = lines[59].replace("(一) 予以公开\t6", "（一）予以公开\t６")
        lines[61] = lines[61].replace("1. 属于国家秘密", "１．属于國家秘密")
        lines[77] = lines[77].replace("(六) 其他处理", "（六）其他處理")
        lines[80] = lines[80].replace("(七) 总计", "（七）總 計")

    model = read(edited(edit))
    rows = model["tables"]["applications"]["rows"]
    assert rows["granted"]["values"]["natural_person"] == 6
    assert rows["granted"]["raw"]["natural_person"] == "６"
    assert rows["granted"]["label"] == "（一）予以公开"
    assert rows["denied_state_secret"]["label"] == "１．属于國家秘密"
    assert rows["results_total"]["values"]["total"] == 11
    assert len(rows) == 25


def test_split_header_words_are_recorded_as_written() -> None:
    def edit(lines: list[str]) -> None:
        lines[54] = lines[54].replace("总计", "总 计")
        lines[56] = lines[56].replace("商业企业", "商业 企业")

    table = read(edited(edit))["tables"]["applications"]
    assert table["column_labels"]["total"] == "总 计"
    assert table["column_labels"]["commercial_enterprise"] == "商业 企业"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="cr"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf8-bom"),
    ],
)
def test_encodings_and_line_ends_read_the_same(encode: Callable[[str], bytes]) -> None:
    assert read(encode(seed_text())) == read(seed_text())


def test_pipe_separated_tables_read_the_same_values() -> None:
    text = seed_text().replace("\t", " | ")
    assert read(text)["tables"] == read(seed_text())["tables"]


def test_blank_and_slash_cells_are_null_with_raw_kept() -> None:
    def edit(lines: list[str]) -> None:
        assert lines[64].startswith("\t\t4. 保护第三方合法权益")
        lines[64] = "\t\t4. 保护第三方合法权益\t0\t\t0\t0\t0\t0\t/"

    model = read(edited(edit))
    row = model["tables"]["applications"]["rows"]["denied_third_party"]
    assert row["values"]["commercial_enterprise"] is None
    assert row["raw"]["commercial_enterprise"] == ""
    assert row["values"]["total"] is None
    assert row["raw"]["total"] == "/"
    assert row["values"]["natural_person"] == 0
    assert model["provenance"]["/tables/applications/rows/denied_third_party/values/total"] == {
        "line": 65,
        "column": 10,
    }


def test_table_row_that_looks_like_a_heading_is_not_a_section() -> None:
    def edit(lines: list[str]) -> None:
        lines[81] = "四、结转下年度继续办理" + "\t" * 9  # the row with its values blanked out

    model = read(edited(edit))
    assert [s["number"] for s in model["sections"]] == [1, 2, 3, 4, 5, 6]
    assert model["sections"][3]["heading"] == "四、政府信息公开行政复议、行政诉讼情况"
    assert model["provenance"]["/sections/3"] == {"line": 84}


def test_missing_section_is_skipped_and_the_rest_are_kept() -> None:
    def edit(lines: list[str]) -> None:
        assert lines[90] == "五、存在的主要问题及改进情况"
        lines[90] = ""

    sections = read(edited(edit))["sections"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 6]
    assert "改进措施" in sections[3]["text"]


def test_stray_lower_numbered_heading_does_not_restart_sections() -> None:
    def edit(lines: list[str]) -> None:
        lines[94] = "二、加强政策解读"

    sections = read(edited(edit))["sections"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 5, 6]
    assert "二、加强政策解读" in sections[4]["text"]


def test_document_without_tables_still_has_sections() -> None:
    def edit(lines: list[str]) -> None:
        for number in [*range(38, 52), *range(55, 83), *range(86, 90)]:
            lines[number - 1] = ""

    model = read(edited(edit))
    assert model["tables"] == {"active_disclosure": None, "applications": None, "review_litigation": None}
    assert len(model["sections"]) == 6
    assert all(s["tables"] == [] for s in model["sections"])


def test_tables_without_sections_are_read() -> None:
    lines = seed_text().split("\n")
    model = read("\n".join(lines[54:82]))
    assert model["sections"] == []
    assert values(model, "applications", "carried_forward") == [0] * 7


def test_2019_trial_format_is_recognised() -> None:
    text = "\n".join(
        [
            "某某县人民政府2019年政府信息公开工作年度报告",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "第二十条第（一）项\t\t\t",
            "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
            "规章\t0\t0\t3",
            "规范性文件\t1\t1\t20",
            "第二十条第（五）项\t\t\t",
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            "行政许可\t12\t-2\t340",
            "其他对外管理服务事项\t4\t0\t8",
            "第二十条第（九）项\t\t\t",
            "信息内容\t采购项目数量\t采购总金额\t",
            "政府集中采购\t6\t251000\t",
            "三、收到和处理政府信息公开申请情况",
            "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0",
            "（六）其他处理\t1\t0\t0\t0\t0\t0\t1",
            "（七）总计\t1\t0\t0\t0\t0\t0\t1",
        ]
    )
    model = read(text)
    assert model["metadata"]["level"] == "government"
    table1 = model["tables"]["active_disclosure"]
    assert table1["format"] == "2019"
    assert table1["rows"]["normative_documents"]["values"] == {
        "new_made": 1,
        "new_published": 1,
        "total_published": 20,
    }
    assert table1["rows"]["licensing"]["values"] == {"previous_items": 12, "change": -2, "decisions": 340}
    assert table1["rows"]["procurement"]["values"] == {"procurement_items": 6, "procurement_amount": 251000}
    assert "other_services" in table1["rows"]
    table2 = model["tables"]["applications"]
    assert table2["format"] == "2019"
    assert table2["rows"]["other_other"]["values"]["total"] == 1


@pytest.mark.parametrize(
    ("title", "agency", "level"),
    [
        ("某某市人民政府2023年政府信息公开工作年度报告", "某某市人民政府", "government"),
        ("某某市人民政府办公室2023年政府信息公开工作年度报告", "某某市人民政府办公室", "department"),
        ("某某区2023年政府信息公开工作年度报告", "某某区", "government"),
        ("某某街道办事处2023年政府信息公开工作年度报告", "某某街道办事处", "department"),
        ("２０２３年政府信息公开工作年度报告", None, None),
    ],
)
def test_agency_and_level_come_from_the_title(title: str, agency: str | None, level: str | None) -> None:
    meta = read(f"{title}\n一、总体情况\n正文。")["metadata"]
    assert (meta["agency"], meta["level"], meta["year"]) == (agency, level, 2023)


# ------------------------------------------------------------------ errors and sniffing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty document", id="empty"),
        pytest.param(b" \n\t\r\n", "empty document", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not a text report", id="binary"),
        pytest.param(
            "今天天气很好。\n我们去公园散步。\n".encode(),
            "no annual-report content found (no section headings or tables)",
            id="unrelated",
        ),
    ],
)
def test_unreadable_documents_raise_document_error(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        READER.read(data, uri="input.txt")
    assert caught.value.message == message
    assert str(caught.value) == f"input.txt: {message}"


def test_a_report_whose_headings_are_not_found_is_read_not_refused() -> None:
    # A crawled beginning that goes from the introduction straight to "（一）…": the title says
    # what it is, so it is read (its six parts are then reported missing), not refused as no report.
    text = ("东乡县发改局2022年政府信息公开工作年度报告\n"
            "根据《中华人民共和国政府信息公开条例》第五十条的规定，特向社会公布本报告。"
            "报告中的数据统计时限为2022年1月1日至12月31日。\n"
            "（一）主动公开情况。我局在县政府网站主动公开信息13条。\n")
    model = read(text)
    assert model["sections"] == []
    assert "主动公开信息13条" in model["intro"]
    assert (model["metadata"]["year"], model["metadata"]["agency"]) == (2022, "东乡县发改局")


def test_a_blank_first_value_of_a_bar_separated_row_is_a_blank_cell() -> None:
    # " | 1 | 2 |…": the text before the first bar is an empty cell (a Markdown row opens with its
    # bar), so table 3's first value is blank (reported by counts.blank-cells), not missing.
    text = ("一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
            " | " + " | ".join(str(n) for n in range(1, 15)) + " |\n")
    rows = read(text)["tables"]["review_litigation"]["rows"]
    assert rows["review"]["raw"] == {"upheld": "", "corrected": "1", "other": "2", "pending": "3", "total": "4"}
    assert rows["litigation_after_review"]["values"]["total"] == 14


@pytest.mark.parametrize("text", [
    "某某局2022年政府信息公开工作年度报告\n",  # a title alone
    # a note
    "# 说明\n\n" + "这些文件是网页的文本。\n" * 6 + "来源：某某局2022年政府信息公开工作年度报告\n其余说明。\n",
])
def test_a_title_alone_or_further_down_is_no_report(text: str) -> None:
    with pytest.raises(DocumentError) as caught:
        READER.read(text.encode(), uri="input.txt")
    assert caught.value.message == "no annual-report content found (no section headings or tables)"


def test_sniff_accepts_text_and_rejects_other_content() -> None:
    assert READER.sniff(seed_text().encode("gb18030"))
    assert not READER.sniff(b"\x00\x01\x02")
    assert not READER.sniff(b"<!DOCTYPE html><html><body>x</body></html>")
    assert not READER.sniff(b'{"schema_version": "1"}')
    assert not READER.sniff(b"")


def test_text_reader_satisfies_the_reader_protocol() -> None:
    reader: Reader = TextReader()
    assert reader.name == "text"
    assert ".txt" in reader.suffixes


@settings(max_examples=examples(200), deadline=None, database=None)
@given(st.one_of(st.binary(), st.text().map(lambda text: text.encode("utf-8"))))
def test_any_input_gives_a_valid_report_or_a_document_error(data: bytes) -> None:
    try:
        report = READER.read(data, uri="fuzz.txt")
    except DocumentError:
        return
    validate_model(report.data)


_SEED_LINES = (
    [line for line in seed_text().split("\n") if line] if any(p.exists() for p in SEED_PATHS) else ["一、总体情况"]
)


_NOISE = st.text(alphabet="\t0１/ 一、（）(三)总计", max_size=12)


@settings(max_examples=examples(200), deadline=None, database=None)
@given(st.lists(st.one_of(st.sampled_from(_SEED_LINES), _NOISE), max_size=40))
def test_shuffled_seed_lines_give_a_valid_report_or_a_document_error(lines: list[str]) -> None:
    try:
        report = READER.read("\n".join(lines).encode("utf-8"), uri="fuzz.txt")
    except DocumentError:
        return
    validate_model(report.data)

"""Text layouts that must read to the same model as the tab-separated seed."""

from __future__ import annotations

import pytest

from compliance.readers import read_bytes
from tests.readers.helpers import SEED, read, seed_model
from tests.readers.test_roundtrip import tables_of
from tests.rendering.render import render_text

BASE = seed_model()
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("layout", ["tabs", "pipes", "cells", "markdown"])
def test_each_text_layout_reads_the_seed_tables(layout: str) -> None:
    assert tables_of(read(render_text(BASE, layout).encode("utf-8"))) == tables_of(BASE)


def test_pipes_with_trailing_bar_from_the_seed_itself() -> None:
    lines = [line.replace("\t", " | ") + (" |" if "\t" in line else "") for line in SEED_TEXT.split("\n")]
    assert tables_of(read("\n".join(lines).encode("utf-8"))) == tables_of(BASE)


def test_one_cell_per_line_rows_are_cut_at_blank_lines_and_labels() -> None:
    text = "\n".join(
        [
            "某某局2023年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量 |",
            *[f"{n} |" for n in (3, 0, 0, 0, 0, 0, 3)],
            "",
            "（三）不予公开 |",
            "1.属于国家秘密 |",
            *["0 |"] * 7,
            "2.其他法律行政法规禁止公开 |",
            *["/ |"] * 6,
            " |",
        ]
    )
    rows = read(text.encode("utf-8"))["tables"]["applications"]["rows"]
    assert rows["new_received"]["values"]["total"] == 3
    assert rows["denied_state_secret"]["values"]["natural_person"] == 0
    assert rows["denied_prohibited_by_law"]["raw"] == dict.fromkeys(rows["denied_prohibited_by_law"]["raw"], "/") | {
        "total": ""
    }
    assert all(v is None for v in rows["denied_prohibited_by_law"]["values"].values())


def test_markdown_with_blank_merged_cells_and_blank_values() -> None:
    text = "\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
            "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 "
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "| 1 | | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |",
        ]
    )
    rows = read(text.encode("utf-8"))["tables"]["review_litigation"]["rows"]
    assert rows["review"]["values"] == {"upheld": 1, "corrected": None, "other": 0, "pending": 0, "total": 1}
    assert rows["litigation_after_review"]["raw"]["total"] == ""


def test_full_width_digits_spaced_labels_and_spaces_inside_numbers() -> None:
    text = SEED_TEXT.replace("595.353309", "５９５.３５３ ３０９").replace("行政处罚\t2", "行 政 处 罚\t２")
    table = read(text.encode("utf-8"))["tables"]["active_disclosure"]["rows"]
    assert str(table["administrative_fees"]["values"]["amount"]) == "595.353309"
    assert table["administrative_fees"]["raw"]["amount"] == "５９５.３５３ ３０９"
    assert table["punishment"]["values"]["decisions"] == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_are_detected_without_being_told(encoding: str) -> None:
    text = render_text(BASE, "pipes")
    assert tables_of(read(text.encode(encoding))) == tables_of(BASE)


def test_lone_block_label_lines_belong_to_table_1() -> None:
    text = SEED_TEXT.replace("第二十条第（一）项\t\t\t", "第二十条第（一）项")
    model = read(text.encode("utf-8"))
    assert "第二十条" not in model["sections"][1]["text"]
    assert read_bytes(text.encode("utf-8"), uri="x").data["tables"]["active_disclosure"]["rows"]["regulations"]

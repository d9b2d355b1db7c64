"""PDF-to-Markdown conversions of real reports (沭阳县 2025, 上海市人民政府办公厅 2025, 上海市科委 2024).

Three things such converters do that a person reads through: a table row padded with an empty last
cell after its seven values (the converted table has more columns than the row), table 3's header
printed apart from its values (header fragments, a note, a six-cell header over a row of 15), and
table 3 as three small tables, each under its group's own label line, the first group's label taken
for a heading.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.readers.helpers import read

ROWS_2 = (
    ("一、本年新收政府信息公开申请数量", "new_received", (10, 1, 0, 0, 0, 0, 11)),
    ("二、上年结转政府信息公开申请数量", "carried_over", (1, 0, 0, 0, 0, 0, 1)),
    ("（一）予以公开", "granted", (6, 1, 0, 0, 0, 0, 7)),
    ("（二）部分公开", "partly_granted", (1, 0, 0, 0, 0, 0, 1)),
    ("1.属于国家秘密", "denied_state_secret", (1, 0, 0, 0, 0, 0, 1)),
    ("（七）总计", "results_total", (10, 1, 0, 0, 0, 0, 11)),
    ("四、结转下年度继续办理", "carried_forward", (1, 0, 0, 0, 0, 0, 1)),
)


def _row(label: str, values: tuple[int, ...], pad: bool) -> str:
    cells = " | ".join(map(str, values))
    return f"| {label} | {cells} |{'  |' if pad else ''}"


def _doc(table2: str, table3: str) -> bytes:
    text = (
        "# 某某县人民政府 2025 年 政府信息公开工作年度报告\n\n"
        "本报告所列数据统计期限从2025年1月1日至2025年12月31日止。\n\n"
        "## 一、总体情况\n\n2025年，我县做好政务公开工作。\n\n"
        "## 二、主动公开政府信息情况\n\n无。\n\n"
        "## 三、收到和处理政府信息公开申请情况\n\n"
        f"{table2}\n\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n\n"
        f"{table3}\n\n"
        "## 五、政府信息公开工作存在的主要问题及改进情况\n\n问题与改进。\n\n"
        "六、其他需要报告的事项\n\n本年度未收取信息处理费。\n"
    )
    return text.encode()


TABLE2 = "\n".join(
    ["| 类别 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
     "|---|---|---|---|---|---|---|---|"]
    + [_row(label, values, pad=False) for label, _, values in ROWS_2]
)
TABLE3_ONE_ROW = (
    "| 行政复议 | 未经复议直接起诉 | 复议后起诉 |\n|---|---|---|\n"
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 "
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
    "| 4 | 0 | 1 | 2 | 7 | 2 | 0 | 4 | 6 | 12 | 6 | 0 | 9 | 7 | 22 |"
)
EXPECTED_3 = {"review": [4, 0, 1, 2, 7], "litigation_direct": [2, 0, 4, 6, 12],
              "litigation_after_review": [6, 0, 9, 7, 22]}


def _table3(model: dict[str, Any]) -> dict[str, list[Any]]:
    table = model["tables"]["review_litigation"]
    assert table is not None
    return {row_id: list(row["values"].values()) for row_id, row in table["rows"].items()}


def test_a_padded_last_cell_after_seven_values_is_not_a_blank() -> None:
    # the header a converter made of the torn column labels (上海市科委 2024), one column too many
    padded = "\n".join(
        ["| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |",
         "|---|---|---|---|---|---|---|---|---|"]
        + [_row(label, values, pad=True) for label, _, values in ROWS_2]
    )
    rows = read(_doc(padded, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]
    for label, row_id, values in ROWS_2:
        assert list(rows[row_id]["values"].values()) == list(values), label


def test_a_row_short_of_values_keeps_its_trailing_blank() -> None:
    short = TABLE2.replace("| （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |",
                           "| （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 |  |")
    granted = read(_doc(short, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]["granted"]
    assert list(granted["values"].values()) == [6, 1, 0, 0, 0, 0, None]


@pytest.mark.parametrize(
    "header",
    [
        "行政复议行政诉讼\n未经复议直接起诉复议后起诉\n结果结果其他尚未\n注：行政复议、行政诉讼数量含上年度结转数量。\n"
        "| 维持 | 纠正 | 结果 | 审结 | 总计 | 总计 |\n|---|---|---|---|---|---|",
        "行政复议行政诉讼\n总计结果结果其他尚未结果结果其他尚未",
    ],
)
def test_table_3_header_apart_from_its_row_of_15(header: str) -> None:
    values = "| 4 | 0 | 1 | 2 | 7 | 2 | 0 | 4 | 6 | 12 | 6 | 0 | 9 | 7 | 22 |"
    assert _table3(read(_doc(TABLE2, f"{header}\n{values}"))) == EXPECTED_3


def test_values_without_a_table_header_before_them_are_no_table_3() -> None:
    model = read(_doc(TABLE2, "本年度无行政复议。\n\n| 4 | 0 | 1 | 2 | 7 | 2 | 0 | 4 | 6 | 12 | 6 | 0 | 9 | 7 | 22 |"))
    assert model["tables"]["review_litigation"] is None


def test_table_3_as_three_small_tables_under_their_labels() -> None:
    header = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|"
    table3 = (
        "### 行政复议\n" + header + "\n| 4 | 0 | 1 | 2 | 7 |\n\n"
        f"### 行政诉讼（未经复议直接起诉）\n{header}\n| 2 | 0 | 4 | 6 | 12 |\n\n"
        f"### 行政诉讼（复议后起诉）\n{header}\n| 6 | 0 | 9 | 7 | 22 |"
    )
    assert _table3(read(_doc(TABLE2, table3))) == EXPECTED_3

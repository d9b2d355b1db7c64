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
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.readers.table_rows import trailing as _trailing
from tests.hypothesis_budget import examples
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


TORN = "\n".join([
    "| 一、本年新收政府信息公开申请数量 | 30 | 2 | 0 | 0 | 0 | 0 | 32 |",
    "| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    "| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |",
    "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",  # （二）部分公开, its label printed elsewhere
    "（二）部分公开（区分处理的，只",
    "| 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "",
    "（五）不",
    "予处理4.无正当理由大量反复",
    "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",  # 4.无正当理由大量反复申请
    "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",  # 5.要求行政机关确认或重新出具已获取信息
    "| 行政机关不再处理其政府信息公 | 20 | 2 | 0 | 0 | 0 | 0 | 22 |",  # （六）1, its label cut
    "| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （七）总计 | 30 | 2 | 0 | 0 | 0 | 0 | 32 |",
    "| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
])


def test_rows_whose_labels_a_converter_tore_off_follow_the_row_before() -> None:
    rows = read(_doc(TORN, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]
    assert list(rows["partly_granted"]["values"].values()) == [0] * 7
    assert list(rows["not_processed_excessive"]["values"].values()) == [1, 0, 0, 0, 0, 0, 1]
    assert list(rows["not_processed_confirmation"]["values"].values()) == [0] * 7
    assert list(rows["other_no_correction"]["values"].values()) == [20, 2, 0, 0, 0, 0, 22]
    assert "other_unpaid_fee" not in rows  # a torn row is only ever the one right after the last read


def test_a_value_row_without_a_row_before_it_is_not_placed() -> None:
    first = TORN.replace("| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n", "")
    rows = read(_doc(first, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]
    assert "granted" not in rows
    assert "partly_granted" not in rows


def test_a_sentence_line_ending_in_a_number_is_no_table_row() -> None:
    sentence = "所有办结的申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，无法提供的 10 件。\n\n"
    rows = read(_doc(sentence + TORN, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]
    assert list(rows["partly_granted"]["values"].values()) == [0] * 7


def test_rows_of_values_alone_after_label_fragments_continue_the_table() -> None:
    # 上海市科委 2024: three rows of values alone between label fragments, none naming a table
    torn = "\n".join([
        *TORN.split("\n")[:6],
        "",
        "（五）不", "予处理4.无正当理由大量反复", "申请", "5.要求行政机关确认或", "重新出具已获取信息",
        "1.申请人无正当理由逾", "期不补正、行政机关不", "再处理其政府信息公开", "申请",
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "|---|---|---|---|---|---|---|",
        "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "|---|---|---|---|---|---|---|",
        "| 20 | 2 | 0 | 0 | 0 | 0 | 22 |", "|---|---|---|---|---|---|---|",
        "",
        "（六）其", "他处理", "2.申请人逾期未按收费", "通知要求缴纳费用、行", "政机关不再处理其政府",
        "信息公开申请", "1",
        "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        *TORN.split("\n")[-3:],
    ])
    rows = read(_doc(torn, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]
    assert list(rows["not_processed_excessive"]["values"].values()) == [1, 0, 0, 0, 0, 0, 1]
    assert list(rows["other_no_correction"]["values"].values()) == [20, 2, 0, 0, 0, 0, 22]
    assert list(rows["other_unpaid_fee"]["values"].values()) == [0] * 7


@settings(max_examples=examples(100), deadline=None)
@given(
    values=st.lists(st.integers(0, 9999).map(str), min_size=1, max_size=9),
    pads=st.integers(0, 3),
    label=st.sampled_from(["（一）予以公开", "3.其他", ""]),
)
def test_trailing_padding_only_after_a_full_row(values: list[str], pads: int, label: str) -> None:
    """Property: empty cells after at least seven filled values are dropped (the last seven values are the
    row's); a row with fewer filled values keeps its trailing empty cells as its last columns."""
    texts = tuple(([label] if label else []) + values + [""] * pads)
    _, _, indexes = _trailing(texts, 7, exact=True)
    taken = [None if i is None else texts[i] for i in indexes]
    if len(values) >= 7:
        assert taken == values[-7:]
    else:
        kept = (values + [""] * pads)[-7:]
        assert taken[-len(kept):] == kept

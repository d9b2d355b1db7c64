"""Table 2 rows labelled only by a group (（三）不予公开, （六）其他处理) whose cells are all blank.

Real pages leave zeros blank (上海市人民政府办公厅 2019: ``&nbsp;`` in every empty cell). The 2019
trial format's single （六）其他处理 row is then a group label with seven blank cells: it is a row
(the table is complete, in the 2019 format), not a header. A group label on a row of its own with
blank cells above its items is a layout, not a figure: it leaves no subtotal row behind.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.readers.helpers import read

ITEMS_2021_OTHER = ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")
DENIED = ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
          "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")
UNABLE = ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")
NOT_PROCESSED = ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                 "5.要求行政机关确认或重新出具已获取信息")


def _group(label: str, span: int, first: bool) -> str:
    return f'<td rowspan="{span}">{label}</td>' if first else ""


def _cells(values: tuple[str, ...]) -> str:
    return "".join(f"<td>{v or '&nbsp;'}</td>" for v in values)


def _page(other_rows: str, denied_group_row: bool = False) -> bytes:
    blank = ("",) * 7
    rows = [
        '<tr><td colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
        '<td colspan="7">申请人情况</td></tr>',
        "<tr><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>"
        "<td>其他</td><td>总计</td></tr>",
        f"<tr><td>一、本年新收政府信息公开申请数量</td>{_cells(('5', '', '', '', '', '', '5'))}</tr>",
        f"<tr><td>二、上年结转政府信息公开申请数量</td>{_cells(blank)}</tr>",
        f"<tr><td>（一）予以公开</td>{_cells(('4', '', '', '', '', '', '4'))}</tr>",
        f"<tr><td>（二）部分公开</td>{_cells(blank)}</tr>",
    ]
    if denied_group_row:
        rows.append(f"<tr><td>（三）不予公开</td>{_cells(blank)}</tr>")
        rows += [f"<tr><td>{label}</td>{_cells(blank)}</tr>" for label in DENIED]
    else:
        rows += [f"<tr>{_group('（三）不予公开', 8, i == 0)}<td>{label}</td>{_cells(blank)}</tr>"
                 for i, label in enumerate(DENIED)]
    rows += [f"<tr>{_group('（四）无法提供', 3, i == 0)}<td>{label}</td>"
             f"{_cells(('1', '', '', '', '', '', '1') if i == 0 else blank)}</tr>" for i, label in enumerate(UNABLE)]
    rows += [f"<tr>{_group('（五）不予处理', 5, i == 0)}<td>{label}</td>{_cells(blank)}</tr>"
             for i, label in enumerate(NOT_PROCESSED)]
    rows.append(other_rows)
    rows.append(f"<tr><td>（七）总计</td>{_cells(('5', '', '', '', '', '', '5'))}</tr>")
    rows.append(f"<tr><td>四、结转下年度继续办理</td>{_cells(blank)}</tr>")
    body = (
        "<p>2019年某某市某某局政府信息公开工作年度报告</p>"
        "<p>本报告所列数据统计期限为2019年1月1日至2019年12月31日。</p>"
        "<p>一、总体情况</p><p>2019年，我局做好政务公开工作。</p>"
        "<p>二、主动公开政府信息情况</p><p>无。</p>"
        "<p>三、收到和处理政府信息公开申请情况</p>"
        f"<table><tbody>{''.join(rows)}</tbody></table>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p>"
        "<p>五、存在的主要问题及改进情况</p><p>问题与改进。</p>"
        "<p>六、其他需要报告的事项</p><p>无。</p>"
    )
    return f"<html><body>{body}</body></html>".encode()


def _table2(page: bytes) -> dict[str, Any]:
    table: dict[str, Any] = read(page, uri="blank.html")["tables"]["applications"]
    return table


def test_a_blank_single_other_row_is_the_2019_format() -> None:
    table = _table2(_page(f"<tr><td>（六）其他处理</td>{_cells(('',) * 7)}</tr>"))
    assert table["format"] == "2019"
    assert set(table["rows"]["other_other"]["values"].values()) == {None}
    assert "other_subtotal" not in table["rows"]


def test_a_single_other_row_with_figures_is_still_read() -> None:
    table = _table2(_page(f"<tr><td>（六）其他处理</td>{_cells(('2', '', '', '', '', '', '2'))}</tr>"))
    assert table["format"] == "2019"
    assert table["rows"]["other_other"]["values"]["total"] == 2


@pytest.mark.parametrize("denied_group_row", [False, True])
def test_a_blank_group_row_above_its_items_leaves_no_subtotal(denied_group_row: bool) -> None:
    other = (f"<tr><td>（六）其他处理</td>{_cells(('',) * 7)}</tr>"
             + "".join(f"<tr><td>{label}</td>{_cells(('',) * 7)}</tr>" for label in ITEMS_2021_OTHER))
    table = _table2(_page(other, denied_group_row=denied_group_row))
    assert table["format"] == "2021"
    assert not [row for row in table["rows"] if row.endswith("_subtotal")]
    assert {"other_no_correction", "other_unpaid_fee", "other_other", "denied_state_secret"} <= table["rows"].keys()
    assert table["rows"]["unable_not_held"]["values"]["total"] == 1

"""A report model's three tables as published grids: rows of (text, rowspan, colspan) cells.

The grids follow the official forms and the way portals print them (the pingtan pages): table 1 in
blocks per article with a header row each and single values spanning the block's width; table 2
with the 3×3 top-left note, 三、本年度办理结果 spanning its rows and group labels spanning theirs;
table 3 with its three header rows over 15 values. Labels come from the model when it has them,
else from the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

APPLICATION_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
    "total",
)
APPLICATION_HEADERS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
ACTIVE_COLUMN_LABELS = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount": "本年收费金额（单位：万元）",
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "previous_items": "上一年项目数量",
    "change": "本年增/减",
    "procurement_items": "采购项目数量",
    "procurement_amount": "采购总金额",
}
ACTIVE_BLOCKS = (
    ("第二十条第（一）项", (("regulations", "规章"), ("normative_documents", "行政规范性文件"))),
    ("第二十条第（五）项", (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
    ("第二十条第（六）项", (("punishment", "行政处罚"), ("enforcement", "行政强制"))),
    ("第二十条第（八）项", (("administrative_fees", "行政事业性收费"),)),
    ("第二十条第（九）项", (("procurement", "政府集中采购"),)),
)
TOP = (("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"))
SINGLE = (("granted", "（一）予以公开"), ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))
GROUPS = (
    (
        "（三）不予公开",
        (
            ("denied_state_secret", "1.属于国家秘密"),
            ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("denied_three_securities", "3.危及“三安全一稳定”"),
            ("denied_third_party", "4.保护第三方合法权益"),
            ("denied_internal_affairs", "5.属于三类内部事务信息"),
            ("denied_process_info", "6.属于四类过程性信息"),
            ("denied_enforcement_files", "7.属于行政执法案卷"),
            ("denied_query_matters", "8.属于行政查询事项"),
        ),
    ),
    (
        "（四）无法提供",
        (
            ("unable_not_held", "1.本机关不掌握相关政府信息"),
            ("unable_needs_creation", "2.没有现成信息需要另行制作"),
            ("unable_unclear", "3.补正后申请内容仍不明确"),
        ),
    ),
    (
        "（五）不予处理",
        (
            ("not_processed_petition", "1.信访举报投诉类申请"),
            ("not_processed_repeated", "2.重复申请"),
            ("not_processed_publications", "3.要求提供公开出版物"),
            ("not_processed_excessive", "4.无正当理由大量反复申请"),
            ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    (
        "（六）其他处理",
        (
            ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other_other", "3.其他"),
        ),
    ),
)
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
REVIEW_HEADERS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")


@dataclass(frozen=True, slots=True)
class GridCell:
    """One published cell: its text and spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1


Grid = list[list[GridCell]]


def raw_of(row: dict[str, Any] | None, column: str) -> str:
    """The cell text a model row holds for ``column`` ("" when absent)."""
    if row is None:
        return ""
    return str(row.get("raw", {}).get(column, ""))


def active_grid(table: dict[str, Any]) -> Grid:
    """Table 1: one block per article, each with a header row; values fill the block's width."""
    rows = table["rows"]
    grid: Grid = []
    width = 4
    for article, members in ACTIVE_BLOCKS:
        present = [(row_id, label) for row_id, label in members if row_id in rows]
        if not present:
            continue
        columns = list(dict.fromkeys(c for row_id, _ in present for c in rows[row_id]["values"]))
        grid.append([GridCell(article, 1, width)])
        labels = table.get("column_labels", {})
        grid.append(
            [GridCell("信息内容"), *_spread([labels.get(c, ACTIVE_COLUMN_LABELS[c]) for c in columns], width - 1)]
        )
        for row_id, label in present:
            row = rows[row_id]
            grid.append([GridCell(row.get("label") or label), *_spread([raw_of(row, c) for c in columns], width - 1)])
    return grid


def _spread(texts: list[str], width: int) -> list[GridCell]:
    """Cells filling ``width`` columns; the last one spans what is left (a single value spans all)."""
    cells = [GridCell(text) for text in texts[:width]]
    if cells and len(cells) < width:
        cells[-1] = GridCell(cells[-1].text, 1, width - len(cells) + 1)
    return cells


def _values(row: dict[str, Any] | None) -> list[GridCell]:
    return [GridCell(raw_of(row, column)) for column in APPLICATION_COLUMNS]


def applications_grid(table: dict[str, Any]) -> Grid:
    """Table 2 as printed: note 3×3, 三、本年度办理结果 spanning its rows, groups spanning theirs."""
    rows = table["rows"]
    single_other = table.get("format") == "2019"
    grid: Grid = [
        [
            GridCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            GridCell("申请人情况", 1, 7),
        ],
        [GridCell("自然人", 2), GridCell("法人或其他组织", 1, 5), GridCell("总计", 2)],
        [GridCell(text) for text in APPLICATION_HEADERS[1:6]],
    ]
    for row_id, label in TOP:
        grid.append([GridCell(label, 1, 3), *_values(rows.get(row_id))])
    body: Grid = []
    for row_id, label in SINGLE:
        body.append([GridCell(label, 1, 2), *_values(rows.get(row_id))])
    for group, items in GROUPS:
        if group == "（六）其他处理" and single_other:
            body.append([GridCell(group, 1, 2), *_values(rows.get("other_other"))])
            continue
        for k, (row_id, label) in enumerate(items):
            lead = [GridCell(group, len(items))] if k == 0 else []
            body.append([*lead, GridCell(label), *_values(rows.get(row_id))])
    body.append([GridCell("（七）总计", 1, 2), *_values(rows.get("results_total"))])
    body[0].insert(0, GridCell("三、本年度办理结果", len(body)))
    grid += body
    grid.append([GridCell("四、结转下年度继续办理", 1, 3), *_values(rows.get("carried_forward"))])
    return grid


def review_grid(table: dict[str, Any]) -> Grid:
    """Table 3: 行政复议 | 行政诉讼 over 未经复议直接起诉 | 复议后起诉 over the outcomes; one row of 15."""
    rows = table["rows"]
    grid: Grid = [
        [GridCell("行政复议", 1, 5), GridCell("行政诉讼", 1, 10)],
        [
            *(GridCell(text, 2) for text in REVIEW_HEADERS),
            GridCell("未经复议直接起诉", 1, 5),
            GridCell("复议后起诉", 1, 5),
        ],
        [GridCell(text) for text in REVIEW_HEADERS * 2],
        [GridCell(raw_of(rows.get(group), column)) for group in REVIEW_ROWS for column in REVIEW_COLUMNS],
    ]
    return grid


GRIDS = {"active_disclosure": active_grid, "applications": applications_grid, "review_litigation": review_grid}


def expanded(grid: Grid) -> list[list[str | None]]:
    """The grid with every span expanded: the origin cell's text at its top-left, None where covered."""
    taken: dict[tuple[int, int], str | None] = {}
    for r, row in enumerate(grid):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, col + dc)] = cell.text if (dr, dc) == (0, 0) else None
            col += cell.colspan
    height = 1 + max(r for r, _ in taken) if taken else 0
    width = 1 + max(c for _, c in taken) if taken else 0
    return [[taken.get((r, c)) for c in range(width)] for r in range(height)]

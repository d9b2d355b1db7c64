"""Two reports side by side: every table cell with both values and the change, the sections whose
text changed (with a diff by sentence), and the cross-year findings.

This is what reviewers do by hand each year (and what the one public checker of these reports is
built around). The two reports may be of any kind (any readable input, or models); when one is
the same agency's report for the year before the other, the later one is checked with it as
``previous`` and its ``years.*`` findings are the comparison's cross-year findings; otherwise
``years.consecutive`` says why they do not pair. Rendering is ``compare_render``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from compliance.api import check, load_packs
from compliance.model.report import Report, report_from_data
from compliance.readers import read_document
from compliance.results import Finding, ReportResult, Status, TableView
from compliance.rules import RulePack

Source = str | Path | Report | Mapping[str, Any]

# The rules whose findings the comparison shows as its cross-year findings.
CROSS_YEAR_PREFIX = "years."


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two reports: where it came from and who and when it is about."""

    source: str
    title: str | None
    agency: str | None
    year: int | None

    def name(self) -> str:
        """A short name: 平潭综合实验区 2023, else the file."""
        if self.agency or self.year:
            return " ".join(str(x) for x in (self.agency, self.year) if x)
        return self.source


@dataclass(frozen=True, slots=True)
class CellChange:
    """One table cell in both reports: text as written, numeric change, whether it differs."""

    table: str
    row: str
    row_label: str
    column: str
    column_label: str
    a: str
    b: str
    delta: int | Decimal | None

    @property
    def changed(self) -> bool:
        return self.a != self.b if self.delta is None else self.delta != 0

    @property
    def pointer(self) -> str:
        return f"/tables/{self.table}/rows/{self.row}/values/{self.column}"


@dataclass(frozen=True, slots=True)
class TableComparison:
    """One of the three tables in both reports (rows and columns: the union, in reading order)."""

    id: str
    name: str
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str], ...]
    cells: tuple[CellChange, ...]

    def cell(self, row: str, column: str) -> CellChange | None:
        return next((c for c in self.cells if c.row == row and c.column == column), None)

    @property
    def changed(self) -> tuple[CellChange, ...]:
        return tuple(c for c in self.cells if c.changed)


@dataclass(frozen=True, slots=True)
class SectionChange:
    """A section (matched by its number, else its heading) and how its text changed.

    ``diff`` holds sentences: ("-", s) only in A, ("+", s) only in B. Unchanged sentences are left
    out, so a long section with one new sentence shows one line."""

    key: str
    heading_a: str | None
    heading_b: str | None
    diff: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.diff) or self.heading_a is None or self.heading_b is None

    @property
    def heading(self) -> str:
        return self.heading_b or self.heading_a or self.key


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``compliance compare A B`` shows."""

    a: Side
    b: Side
    tables: tuple[TableComparison, ...]
    sections: tuple[SectionChange, ...]
    cross_year: tuple[Finding, ...] = ()
    checked: str | None = None  # the source of the report checked with the other as its previous one
    lang: str = "zh"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed_cells(self) -> int:
        return sum(len(t.changed) for t in self.tables)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON data (numbers exact: Decimals as strings of their digits)."""
        def num(x: int | Decimal | None) -> Any:
            return format(x, "f") if isinstance(x, Decimal) else x

        def side(s: Side) -> dict[str, Any]:
            return {"source": s.source, "title": s.title, "agency": s.agency, "year": s.year}

        return {
            "a": side(self.a), "b": side(self.b),
            "summary": {"cells": sum(len(t.cells) for t in self.tables), "changed_cells": self.changed_cells,
                        "sections_changed": sum(s.changed for s in self.sections)},
            "tables": [{"id": t.id, "name": t.name, "title": t.title, "cells": [
                {"row": c.row, "row_label": c.row_label, "column": c.column, "column_label": c.column_label,
                 "a": c.a, "b": c.b, "change": num(c.delta), "changed": c.changed, "pointer": c.pointer}
                for c in t.cells]} for t in self.tables],
            "sections": [{"key": s.key, "heading_a": s.heading_a, "heading_b": s.heading_b, "changed": s.changed,
                          "diff": [{"op": op, "text": text} for op, text in s.diff]} for s in self.sections],
            "cross_year": {"checked": self.checked, "findings": [f.to_dict() for f in self.cross_year]},
            "notes": list(self.notes),
        }


def _report(source: Source) -> Report:
    if isinstance(source, Report):
        return source
    if isinstance(source, Mapping):
        return report_from_data(source)
    return read_document(source)


def _side(report: Report) -> Side:
    meta = report.data.get("metadata") or {}
    year = meta.get("year")
    return Side(report.source.uri, meta.get("title"), meta.get("agency"), year if isinstance(year, int) else None)


def _value(report: Report, table: str, row: str, column: str) -> Any:
    rows = ((report.data.get("tables") or {}).get(table) or {}).get("rows") or {}
    return ((rows.get(row) or {}).get("values") or {}).get(column)


def _number(x: Any) -> int | Decimal | None:
    return x if isinstance(x, int | Decimal) and not isinstance(x, bool) else None


def _tables(ra: Report, rb: Report, va: Sequence[TableView], vb: Sequence[TableView]) -> tuple[TableComparison, ...]:
    by_a = {t.id: t for t in va}
    by_b = {t.id: t for t in vb}
    out = []
    for table_id in dict.fromkeys([*by_a, *by_b]):
        ta, tb = by_a.get(table_id), by_b.get(table_id)
        views = [t for t in (ta, tb) if t is not None]
        columns = dict(c for t in views for c in t.columns)
        rows: dict[str, str] = {}
        for t in views:
            for r in t.rows:
                rows.setdefault(r.id, r.label)
        text_a = {(r.id, c): v for r in (ta.rows if ta else ()) for c, v in r.cells.items()}
        text_b = {(r.id, c): v for r in (tb.rows if tb else ()) for c, v in r.cells.items()}
        cells = []
        for row, label in rows.items():
            for column, column_label in columns.items():
                if (row, column) not in text_a and (row, column) not in text_b:
                    continue  # a cell neither report has (e.g. table 1's rows have different columns)
                a, b = _number(_value(ra, table_id, row, column)), _number(_value(rb, table_id, row, column))
                delta = b - a if a is not None and b is not None else None
                cells.append(CellChange(table_id, row, label, column, column_label, text_a.get((row, column), ""),
                                        text_b.get((row, column), ""), delta))
        first = views[0]
        out.append(TableComparison(table_id, first.name, first.title, tuple(columns.items()), tuple(rows.items()),
                                   tuple(cells)))
    return tuple(out)


_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (at 。！？； and line ends), each stripped; empty ones dropped."""
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def _section_key(section: Mapping[str, Any], index: int) -> str:
    number = section.get("number")
    return f"#{number}" if isinstance(number, int) else (section.get("heading") or f"@{index}")


def _sections(ra: Report, rb: Report) -> tuple[SectionChange, ...]:
    def keyed(report: Report) -> dict[str, Mapping[str, Any]]:
        out: dict[str, Mapping[str, Any]] = {}
        for i, s in enumerate(report.data.get("sections") or []):
            out.setdefault(_section_key(s, i), s)
        return out

    sa, sb = keyed(ra), keyed(rb)
    changes = []
    for key in dict.fromkeys([*sa, *sb]):
        a, b = sa.get(key), sb.get(key)
        lines_a = sentences((a or {}).get("text") or "")
        lines_b = sentences((b or {}).get("text") or "")
        diff = tuple((line[0], line[2:]) for line in difflib.ndiff(lines_a, lines_b) if line[:1] in "+-")
        changes.append(SectionChange(key, (a or {}).get("heading"), (b or {}).get("heading"), diff))
    return tuple(changes)


def _order(ra: Report, rb: Report) -> tuple[Report, Report] | None:
    """(earlier, later) when the two reports' years differ; None when they cannot be ordered."""
    ya, yb = _side(ra).year, _side(rb).year
    if ya is None or yb is None or ya == yb:
        return None
    return (ra, rb) if ya < yb else (rb, ra)


def compare(a: Source, b: Source, packs: Sequence[RulePack] | None = None, *, lang: str = "zh") -> Comparison:
    """Compare report ``a`` with report ``b`` (any readable inputs or models).

    Raises:
        DocumentError, ReportModelError: either input cannot be read.
    """
    ra, rb = _report(a), _report(b)
    packs = list(packs) if packs is not None else load_packs()
    notes: list[str] = []
    order = _order(ra, rb)
    if order is None:
        earlier, later = ra, rb
        notes.append("the two reports are not of different years: B is checked with A as its previous report"
                     if lang == "en" else "两份报告年度相同或不明：以 A 作为 B 的上一年度报告核对")
    else:
        earlier, later = order
    checked_later = check(later, packs, lang=lang, previous=earlier)
    checked_earlier = check(earlier, packs, lang=lang)
    results: dict[int, ReportResult] = {id(later): checked_later, id(earlier): checked_earlier}
    cross = tuple(f for f in checked_later.findings if f.rule.startswith(CROSS_YEAR_PREFIX))
    tables = _tables(ra, rb, results[id(ra)].tables, results[id(rb)].tables)
    return Comparison(_side(ra), _side(rb), tables, _sections(ra, rb), cross, later.source.uri, lang, tuple(notes))


def failing(findings: Sequence[Finding]) -> list[Finding]:
    """The cross-year findings that did not pass (fail or error)."""
    return [f for f in findings if f.status in (Status.FAIL, Status.ERROR)]

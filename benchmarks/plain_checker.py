"""A plain hand-written checker of the benchmark's documents: the floor ``bench_batch`` compares
``compliance check`` with, end to end, in the same run.

What a careful programmer writes for these two layouts in an afternoon, and no more: read and
decode the file; find the six section headings; the statistics-period and fee sentences; the
table rows as cells (tab-separated lines of the seed; ``<tr>`` rows of the portal pages); and
check each row of table 2 (总计 = the six applicant columns) and each group of table 3 (总计 =
维持 + 纠正 + 其他 + 尚未审结). One JSON line per document. No provenance, no findings with
locations, no other layouts, no configuration: it knows these documents, nothing else, so its
time is a floor, not a competitor.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HEADINGS = [re.compile(p) for p in ("一、\\s*总体情况", "二、\\s*主动公开", "三、\\s*收到和处理",
                                    "四、\\s*政府信息公开行政复议", "五、\\s*存在的主要问题", "六、\\s*其他需要报告")]
PERIOD = re.compile("\\d{4}年1月1日[^。]{0,8}12月31日")
FEE = re.compile("信息处理费|处理费")
NUMBER = re.compile("^-?\\d+(?:\\.\\d+)?$")


class _Rows(HTMLParser):
    """The text of the page and the cells of every ``<tr>``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("p", "br", "div"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _numbers(cells: list[str]) -> list[int]:
    values = [c.strip() for c in cells]
    while values and not values[-1]:
        values.pop()
    tail: list[int] = []
    for value in reversed(values):
        if not NUMBER.match(value):
            break
        tail.append(int(float(value)))
    return tail[::-1]


def check(path: Path) -> dict[str, Any]:
    """The plain checks of one document (see the module docstring)."""
    raw = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm"):
        parser = _Rows()
        parser.feed(raw.decode("utf-8", "replace"))
        text, rows = "".join(parser.text), parser.rows
    else:
        text = raw.decode("utf-8-sig", "replace")
        rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    failures = [f"section {i + 1}" for i, h in enumerate(HEADINGS) if not h.search(text)]
    if not PERIOD.search(re.sub("\\s+", "", text)):
        failures.append("period")
    if not FEE.search(text):
        failures.append("fee")
    for cells in rows:
        values = _numbers(cells)
        if len(values) == 7 and values[6] != sum(values[:6]):  # a row of table 2
            failures.append(f"row total {' '.join(c for c in cells[:3] if c and not NUMBER.match(c))}")
        elif len(values) == 15:  # table 3: three groups of five
            for g in range(3):
                group = values[g * 5:(g + 1) * 5]
                if group[4] != sum(group[:4]):
                    failures.append(f"table 3 group {g + 1}")
    return {"source": str(path), "failures": failures}


def main(argv: list[str]) -> int:
    """``python plain_checker.py FOLDER OUT.jsonl``: every document of FOLDER, one JSON line each."""
    folder, out = Path(argv[0]), Path(argv[1])
    with out.open("w", encoding="utf-8") as stream:
        for path in sorted(folder.iterdir()):
            stream.write(json.dumps(check(path), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

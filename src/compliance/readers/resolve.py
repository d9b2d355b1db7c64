"""Choosing among the readings of run-together rows by what the whole table must satisfy.

A row of table 2 read from "270020130" may be 27 0 0 2 0 1 30 or 2 7 0 0 20 1 30: both satisfy the
row's own identity (总计 = the sum of the applicants). The columns decide: every column's results
add up to （七）总计, and 新收 + 上年结转 = 总计 + 结转下年度. ``resolve`` tries the combinations of
the ambiguous rows' readings (bounded) against those identities of the format (domain.md §3):

- exactly one combination satisfies them all: it is used, and the rows are no longer ambiguous
  (their cells' provenance says the split was settled by the table);
- several do: the most plausible is used and ``alternatives`` keeps only the readings that occur
  in a satisfying combination, so rules that depend on the choice can say they cannot tell;
- none does: the table has a real defect whichever way it is read; the combination with the
  fewest broken identities is used and every reading is kept, so the rules that fail under every
  reading fail, with the digit run in their evidence.

The pack checks the same identities independently; this only decides how digits are read.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from compliance.readers.labels import APPLICATION_COLUMNS, GROUP_ITEMS

MAX_COMBINATIONS = 4096
_RESULT_ROWS = ("granted", "partly_granted",
                *(row_id for items in GROUP_ITEMS.values() for _, row_id in items))
_APPLICATIONS = "/tables/applications/rows/"


def _broken(rows: dict[str, Any]) -> int:
    """How many identities of table 2 do not hold (rows or columns that are absent are skipped)."""
    def value(row: str, column: str) -> int | None:
        found = rows.get(row, {}).get("values", {}).get(column)
        return found if isinstance(found, int) else None

    broken = 0
    for column in APPLICATION_COLUMNS:
        total = value("results_total", column)
        parts = [value(row, column) for row in _RESULT_ROWS if row in rows]
        if total is not None and parts and None not in parts and sum(p or 0 for p in parts) != total:
            broken += 1
        flow = [value(row, column) for row in ("new_received", "carried_over", "results_total", "carried_forward")]
        if None not in flow and (flow[0] or 0) + (flow[1] or 0) != (flow[2] or 0) + (flow[3] or 0):
            broken += 1
    return broken


def _apply(model: dict[str, Any], alternative: dict[str, Any], reading: Sequence[Any]) -> None:
    row = _row(model, alternative["row"])
    for column, value in zip(alternative["columns"], reading, strict=False):
        row["values"][column] = value
        row.setdefault("raw", {})[column] = "" if value is None else str(value)


def _row(model: dict[str, Any], pointer: str) -> dict[str, Any]:
    _, _, kind, _, row_id = pointer.split("/", 4)
    table: dict[str, Any] = model["tables"][kind]
    rows: dict[str, Any] = table["rows"]
    return rows[row_id]  # type: ignore[no-any-return]


def resolve(model: dict[str, Any]) -> None:
    """Settle the ambiguous rows of table 2 by the table's identities (see the module's docstring)."""
    alternatives: list[dict[str, Any]] = model.get("alternatives") or []
    mine = [a for a in alternatives if a["row"].startswith(_APPLICATIONS)]
    if not mine or model["tables"].get("applications") is None:
        return
    sizes = [len(a["readings"]) for a in mine]
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_COMBINATIONS:
        return
    rows = model["tables"]["applications"]["rows"]
    scored: list[tuple[int, tuple[int, ...]]] = []
    for combo in itertools.product(*(range(size) for size in sizes)):
        for alternative, k in zip(mine, combo, strict=True):
            _apply(model, alternative, alternative["readings"][k])
        scored.append((_broken(rows), combo))
    best = min(score for score, _ in scored)
    winners = [combo for score, combo in scored if score == best]
    chosen = winners[0]  # readings are in plausibility order, so the first winner is the likeliest
    for alternative, k in zip(mine, chosen, strict=True):
        _apply(model, alternative, alternative["readings"][k])
    settled: list[dict[str, Any]] = []
    for index, alternative in enumerate(mine):
        used = sorted({combo[index] for combo in winners}) if best == 0 else list(range(sizes[index]))
        first = chosen[index]
        readings = [alternative["readings"][first]] + [alternative["readings"][k] for k in used if k != first]
        note = "the table's identities" if best == 0 and len(used) == 1 else None
        _mark(model, alternative, readings[0], note)
        if len(readings) > 1:
            settled.append({**alternative, "readings": readings})
    others = [a for a in alternatives if not a["row"].startswith(_APPLICATIONS)]
    if others or settled:
        model["alternatives"] = others + settled
    else:
        model.pop("alternatives", None)


def _mark(model: dict[str, Any], alternative: dict[str, Any], reading: Sequence[Any], settled_by: str | None) -> None:
    split = "|".join("" if v is None else str(v) for v in reading)
    for column in alternative["columns"]:
        loc = model["provenance"].get(f"{alternative['row']}/values/{column}")
        if loc is not None and "inferred" in loc:
            loc["inferred"]["split"] = split
            if settled_by:
                loc["inferred"]["settled_by"] = settled_by

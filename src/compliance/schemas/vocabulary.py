"""The vocabulary of the report tables, from the one file that holds it (``vocabulary.json``).

Table, row and column ids, the official labels (2021 format, and the 2019 trial format's where
they differ), the names messages and summaries give rows and columns (zh/en), and the keywords and
run-together patterns the readers accept were written in four places that drifted apart (the
readers' keyword lists, the default pack's constants, the summaries' column names, the report
schema's descriptions). Now they are written once, in ``vocabulary.json``; this module loads it
(once, cached) and derives what each user needs:

- ``compliance.readers.labels`` and ``compliance.readers.run_together`` build their lookup tables
  and patterns from ``tables()``;
- ``compliance.api`` takes table titles and column names from ``table_titles`` / ``column_names``;
- a pack whose pack.yaml says ``table_vocabulary: true`` (the default pack) gets
  ``pack_constants()`` as constants under the names rules use (``row_labels``, ``row_names``,
  ``column_names``, …); a constant the pack writes itself wins, and ``compliance.toml`` overrides
  them like any constant;
- ``report.schema.json`` keeps its own descriptions; a test checks them against this file.

It lives beside the schemas so that the pack cache key, which covers every file of
``compliance.schemas``, changes when it changes. Only the standard library is used (no YAML), and
nothing is read until a function is called, so ``compliance --version`` never loads it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from compliance.errors import ComplianceError
from compliance.source import SourceRef

TABLE_IDS = ("active_disclosure", "applications", "review_litigation")
LANGS = ("zh", "en")

# The names the default pack's rules read, in the order pack.yaml used to write them.
CONSTANT_NAMES = (
    "applicant_columns", "application_columns", "column_names", "result_rows", "application_rows", "row_labels",
    "row_names", "column_labels", "result_groups", "active_disclosure_rows", "document_rows", "review_groups",
    "review_columns", "review_outcomes", "disclosure_column_names",
)


FILE = "vocabulary.json"


@functools.cache
def vocabulary() -> dict[str, Any]:
    """The parsed ``vocabulary.json`` (cached: read once per process). Treat it as read-only.

    Raises:
        ComplianceError: the file is missing, not JSON, or inconsistent (one line naming the file
            and the first problem; an edited installation must not end in a traceback).
    """
    where = Path(__file__).with_name(FILE)  # a file beside this module (importlib.resources: 3 ms of start-up)
    try:
        text = where.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ComplianceError(f"cannot read the table vocabulary: {exc}", source=SourceRef(str(where))) from None
    return parse(text, str(where))


def parse(text: str, where: str = FILE) -> dict[str, Any]:
    """``text`` as a vocabulary, checked (``problems``); ``where`` names it in the error."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ComplianceError(f"the table vocabulary is not valid JSON: {exc}", source=SourceRef(where)) from None
    found = problems(data)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ComplianceError(f"the table vocabulary is inconsistent: {found[0]}{more}", source=SourceRef(where))
    checked: dict[str, Any] = data
    return checked


def _strings(value: Any, size: int | None = None) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value) and (
        size is None or len(value) == size)


def _entry_problems(at: str, entry: Any) -> list[str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return [f"{at}: an entry needs an id"]
    out = []
    for key in ("label", "label_2019", "run_together"):
        if key in entry and not (isinstance(entry[key], str) and entry[key]):
            out.append(f"{at}/{key}: not a non-empty string")
    for key in ("names", "phrase"):
        names = entry.get(key, dict.fromkeys(LANGS, "-"))
        if not (isinstance(names, dict) and all(isinstance(names.get(lang), str) and names[lang] for lang in LANGS)):
            out.append(f"{at}/{key}: needs zh and en")
    return out


def _pairs_problems(at: str, pairs: Any, ids: set[str]) -> list[str]:
    if not isinstance(pairs, list) or not all(_strings(p, 2) for p in pairs):
        return [f"{at}: not a list of [keyword, id]"]
    return [f"{at}/{i}: no entry '{p[1]}'" for i, p in enumerate(pairs) if p[1] not in ids]


def problems(data: Any) -> list[str]:
    """What is wrong with a parsed vocabulary, each as "/json/pointer: problem" (empty: nothing):
    the tables and their fields, entries with an id and labels, names in zh and en, and every
    keyword, group item, result part and default column naming an entry of its table."""
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        return ["/tables: missing"]
    out: list[str] = []
    if list(data["tables"]) != list(TABLE_IDS):
        return [f"/tables: must hold {', '.join(TABLE_IDS)}, in that order"]
    if not _strings(data.get("other_words")):
        out.append("/other_words: not a list of words")
    for table_id, table in data["tables"].items():
        at = f"/tables/{table_id}"
        if not isinstance(table, dict):
            out.append(f"{at}: not an object")
            continue
        title = table.get("title")
        if not (isinstance(title, dict) and all(_strings(title.get(lang), 2) for lang in LANGS)):
            out.append(f"{at}/title: needs zh and en, each [number, title]")
        if not _strings(table.get("markers")):
            out.append(f"{at}/markers: not a list of words")
        for key in ("rows", "columns", "groups"):
            if not isinstance(table.get(key, []), list) or (key != "groups" and not table.get(key)):
                out.append(f"{at}/{key}: not a list of entries")
                table = {**table, key: []}
            for i, entry in enumerate(table.get(key, [])):
                out += _entry_problems(f"{at}/{key}/{i}", entry)
        ids = {key: [str(e["id"]) for e in table.get(key, []) if isinstance(e, dict) and "id" in e]
               for key in ("rows", "columns", "groups")}
        rows, columns, groups = (set(ids[key]) for key in ("rows", "columns", "groups"))
        subtotals = [str(g["subtotal"].get("id")) for g in table.get("groups", [])
                     if isinstance(g, dict) and isinstance(g.get("subtotal"), dict)]
        for key, found in (("rows", ids["rows"] + ids["groups"] + subtotals), ("columns", ids["columns"])):
            if len(found) != len(set(found)):
                out.append(f"{at}/{key}: an id is used twice")
        out += _pairs_problems(f"{at}/row_keywords", table.get("row_keywords", []), rows)
        out += _pairs_problems(f"{at}/column_keywords", table.get("column_keywords", []), columns)
        for i, group in enumerate(table.get("groups", [])):
            if isinstance(group, dict):
                out += _pairs_problems(f"{at}/groups/{i}/items", group.get("items"), rows)
                subtotal = group.get("subtotal")
                out += _entry_problems(f"{at}/groups/{i}/subtotal", subtotal) if subtotal is not None else []
        for i, part in enumerate(table.get("results", [])):
            if part not in rows | groups:
                out.append(f"{at}/results/{i}: no row or group '{part}'")
        for i, row in enumerate(table["rows"]):
            if isinstance(row, dict) and not set(row.get("columns", [])) <= columns:
                out.append(f"{at}/rows/{i}/columns: a column that the table does not have")
    return out


def tables() -> Mapping[str, Any]:
    """The tables by id (``active_disclosure``, ``applications``, ``review_litigation``)."""
    found: Mapping[str, Any] = vocabulary()["tables"]
    return found


def table_titles() -> dict[str, dict[str, tuple[str, str]]]:
    """Per table id and language: (number, title), e.g. ("表二", "收到和处理政府信息公开申请情况")."""
    return {tid: {lang: (t["title"][lang][0], t["title"][lang][1]) for lang in LANGS} for tid, t in tables().items()}


def column_names(table_ids: tuple[str, ...] = TABLE_IDS) -> dict[str, dict[str, str]]:
    """Per language, the name of each column of ``table_ids`` that has one (column ids of tables 1
    and 3 do not collide; ``total`` is named 总计 in both tables 2 and 3)."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for tid in table_ids:
        for column in tables()[tid]["columns"]:
            for lang in LANGS:
                if "names" in column:
                    out[lang].setdefault(column["id"], column["names"][lang])
    return out


def result_rows() -> list[str]:
    """The rows of 三、本年度办理结果 before its total, in form order (groups expanded to their items)."""
    table = tables()["applications"]
    groups = {g["id"]: [row_id for _, row_id in g["items"]] for g in table["groups"]}
    return [row_id for part in table["results"] for row_id in groups.get(part, [part])]


def _names(rows: list[Mapping[str, Any]], lang: str) -> dict[str, str]:
    return {r["id"]: r["names"][lang] for r in rows if "names" in r}


def pack_constants() -> dict[str, Any]:
    """The table constants of the default pack, derived from the vocabulary (a fresh copy each call)."""
    t1, t2, t3 = (tables()[tid] for tid in TABLE_IDS)
    labelled_t1 = [r for r in t1["rows"] if "label" in r]
    subtotals = [g["subtotal"] for g in t2["groups"]]
    return {
        "applicant_columns": [c["id"] for c in t2["columns"] if not c.get("total")],
        "application_columns": [c["id"] for c in t2["columns"]],
        "column_names": {lang: {c["id"]: c["names"][lang] for c in t2["columns"]} for lang in LANGS},
        "result_rows": result_rows(),
        "application_rows": [r["id"] for r in t2["rows"]],
        # The official 2021 labels of tables 1 and 2 (table 3's are headers, read by keyword only).
        "row_labels": {r["id"]: r["label"] for r in [*t2["rows"], *labelled_t1]},
        "row_names": {lang: {**_names(t2["rows"], lang), **_names(labelled_t1, lang), **_names(t3["rows"], lang),
                             **_names(subtotals, lang)} for lang in LANGS},
        "column_labels": {tid: {c["id"]: c["label"] for c in tables()[tid]["columns"] if "label" in c}
                          for tid in ("active_disclosure", "applications")},
        "result_groups": [{"id": g["subtotal"]["id"], "zh": g["names"]["zh"], "en": g["names"]["en"],
                           "items": [row_id for _, row_id in g["items"]]} for g in t2["groups"]],
        "active_disclosure_rows": [r["id"] for r in labelled_t1],
        "document_rows": [r["id"] for r in labelled_t1 if "in_force" in r.get("columns", ())],
        "review_groups": [r["id"] for r in t3["rows"]],
        "review_columns": [c["id"] for c in t3["columns"]],
        "review_outcomes": [c["id"] for c in t3["columns"] if not c.get("total")],
        "disclosure_column_names": {lang: {c["id"]: c["phrase"][lang] for c in t1["columns"] if "phrase" in c}
                                    for lang in LANGS},
    }


# ------------------------------------------------------------------------------ run-together text
# Leading numbering of an official label: "一、", "（一）", "1." (domain.md §2.5). A string: compiled
# (by ``re``'s cache) only when run-together text is read, not on every import.
_NUMBERING = r"^(?:[一二三四五六七八九十]{1,2}、|（[一二三四五六七八九十]{1,2}）|[0-9]{1,2}\.)"
# An item number as run-together text writes it: "1." / "1、" / "1，" / "1" / none.
ITEM_NUMBER = r"[0-9][.、，,]?"


def run_together_pattern(entry: Mapping[str, Any]) -> str:
    """The pattern of a row, group or column label in run-together text (normalised: no spaces,
    full-width brackets, “ for every quote). Its ``run_together`` when given (the label without
    numbering, loosened by hand), else its labels (2021, then 2019) escaped, quotes optional. A
    numbering the label starts with is optional, unless the entry is ``numbered`` (3.其他 and
    （七）总计: bare 其他 and 总计 are column headers)."""
    labels = [entry[key] for key in ("label", "label_2019") if key in entry]
    numbering = re.match(_NUMBERING, labels[0]) if labels else None
    if "run_together" in entry:
        bodies = [str(entry["run_together"])]
    else:
        bodies = list(dict.fromkeys(re.escape(re.sub(_NUMBERING, "", label)).replace("“", ".?").replace("”", ".?")
                                    for label in labels))
    body = bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")"
    if numbering is None:
        return body
    number = numbering.group(0)
    prefix = f"(?:{ITEM_NUMBER})" if number[0].isdigit() else f"(?:{re.escape(number)})"
    return prefix + body if entry.get("numbered") else prefix + "?" + body


def run_together_labels() -> list[tuple[str, str]]:
    """(pattern, kind) of every known label for run-together text, kinds "row" (values follow it),
    "group" (a heading over rows) and "head" (a column header or block label), table by table:
    the table's own heads, its columns, its rows and groups. Labels of two characters or fewer
    (其他, 总计, 规章) come last, so that a longer label starting with them (其他结果, 其他处理) wins."""
    out: list[tuple[str, str]] = []
    for table in tables().values():
        spec = table.get("run_together") or {}
        row_kind = "head" if spec.get("rows_are_heads") else "row"
        out += [(pattern, "head") for pattern in spec.get("heads", ())]
        out += [(run_together_pattern(c), "head") for c in table["columns"]]
        for row in table["rows"]:
            out.append((run_together_pattern(row), row_kind))
        out += [(run_together_pattern(g), "group") for g in table.get("groups", ())]
    short = [item for item in out if len(item[0]) <= 2]
    ordered = [item for item in out if len(item[0]) > 2] + short
    return list(dict.fromkeys(ordered))

"""The default pack ogi-2021, written by hand in plain Python: the baseline of ``run.py``.

Same rules, same logic, same decision per rule (pass / fail / error / skip, see ``collapse``);
constants (patterns, row lists, labels) are read from the pack's own ``pack.yaml`` data so the
two cannot drift. Written the way a careful programmer would: each value computed once per
report, no language machinery. ``check(data, constants)`` returns ``{rule id: status}``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_rx: dict[str, re.Pattern[str]] = {}


def rx(pattern: str) -> re.Pattern[str]:
    found = _rx.get(pattern)
    if found is None:
        found = _rx[pattern] = re.compile(pattern)
    return found


def norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def number(text: str | None) -> Any:
    if text is None:
        return None
    s = norm(text).replace(",", "")
    if not _NUMBER.fullmatch(s):
        return None
    if "." in s:
        d = Decimal(s)
        return int(d) if d == d.to_integral_value() else d
    return int(s)


def is_int(x: Any) -> bool:
    return (type(x) is int) or (isinstance(x, Decimal) and x.is_finite() and x == x.to_integral_value())


def collapse(statuses: list[str]) -> str:
    """One status per rule from its findings: skip, else error, else fail, else pass."""
    for s in ("skip", "error", "fail"):
        if s in statuses:
            return s
    return "pass"


def check(data: dict[str, Any], k: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    meta = data.get("metadata") or {}
    sections = data.get("sections") or []
    tables = data.get("tables") or {}
    intro = data.get("intro")
    narrative = data.get("narrative") or {}
    period = data.get("period") or {}

    # definitions
    kinds = k["section_kinds"]
    heading_kind: list[Any] = []
    for s in sections:
        h = norm(s["heading"])
        heading_kind.append(next((kd for kd in kinds if rx(kd["pattern"]).search(h)), None))
    recognized = [(s, kd) for s, kd in zip(sections, heading_kind, strict=True) if kd is not None]
    found_kinds = [kd["number"] for _, kd in recognized]

    def section(n: int) -> Any:
        return next((s for s, kd in recognized if kd["number"] == n), None)

    overview, problems, other = section(1), section(5), section(6)
    document_text = "\n".join([intro or "", *(s["heading"] + "\n" + s["text"] for s in sections)])
    text = norm(document_text)
    t1 = tables.get("active_disclosure")
    t2 = (tables.get("applications") or {}).get("rows")
    t3 = (tables.get("review_litigation") or {}).get("rows")

    def cell(row: str, column: str) -> Any:
        r = (t2 or {}).get(row)
        v = r["values"].get(column) if r else None
        return 0 if v is None else v

    # structure
    out["sections.present"] = "pass" if all(kd["number"] in found_kinds for kd in kinds) else "fail"
    out["sections.order"] = "pass" if found_kinds == sorted(dict.fromkeys(found_kinds)) else "fail"
    statuses = []
    for s, _ in recognized:
        body = norm(s["text"])
        ok = len(s.get("tables") or []) > 0 or (len(body) > 0 and not rx("^(?:暂)?无[。.]?$").search(body))
        statuses.append("pass" if ok else "fail")
    out["sections.non-empty"] = collapse(statuses)
    intro_n = norm(intro or "")
    if not rx("[一二三四五六七八九十\\d]+个?部分").search(intro_n):
        out["sections.declared-parts"] = "skip"
    else:
        m = rx("([一二三四五六七八九十])个?部分").search(intro_n)
        declared = k["chinese_numbers"].get(m.group(1)) if m else None
        if declared is None:
            m = rx("(\\d+)个?部分").search(intro_n)
            declared = number(m.group(1)) if m else None
        out["sections.declared-parts"] = "pass" if declared == len(found_kinds) else "fail"
    if overview is None:
        out["overview.aspects"] = "error"
    else:
        items = overview.get("items") or []
        body = norm("\n".join(i["label"] for i in items) if len(items) >= 2 else overview["text"])
        out["overview.aspects"] = collapse(["pass" if rx(a["pattern"]).search(body) else "fail"
                                            for a in k["overview_aspects"]])
    if meta.get("level") != "government":
        out["government.assessment"] = "skip"
    else:
        out["government.assessment"] = collapse(["pass" if rx(i["pattern"]).search(text) else "fail"
                                                 for i in k["assessment_items"]])
    problems_text = norm(problems["text"]) if problems else None
    out["problems.stated"] = "error" if problems is None else (
        "pass" if rx(k["problem_pattern"]).search(problems_text or "") else "fail")
    out["improvements.stated"] = "error" if problems is None else (
        "pass" if rx(k["improvement_pattern"]).search(problems_text or "") else "fail")

    # period
    pm = rx(k["period_pattern"]).search(text)
    g = [x or "" for x in pm.groups()] if pm else None
    start = period.get("start") or (date(int(g[0]), int(g[1]), int(g[2])).isoformat() if g else None)
    end = period.get("end") or (date(int(g[3] or g[0]), int(g[4]), int(g[5])).isoformat() if g else None)
    out["period.stated"] = "pass" if start is not None and end is not None else "fail"
    year = meta.get("year")
    if start is None or year is None:
        out["period.calendar-year"] = "error"
    else:
        out["period.calendar-year"] = "pass" if start == f"{year:04d}-01-01" and end == f"{year:04d}-12-31" \
            else "fail"
    ny = None
    if overview is not None:
        m = rx(k["narrative_year_pattern"]).search(norm(overview["text"] or ""))
        ny = number(m.group(1)) if m else None
    out["period.narrative-year"] = "skip" if ny is None or year is None else ("pass" if ny == year else "fail")

    # fees
    other_text = norm(other["text"]) if other else None
    out["fees.processing-fee-disclosed"] = "error" if other is None else (
        "pass" if rx(k["fee_statement_pattern"]).search(other_text or "") else "fail")
    if t2 is None:
        out["fees.unpaid-link"] = "error"
    else:
        ok = cell("other_unpaid_fee", "total") == 0 or rx("信息处理费|收费").search(other_text or "") is not None
        out["fees.unpaid-link"] = "pass" if ok else "fail"
    fee_row = ((t1 or {}).get("rows") or {}).get("administrative_fees")
    if fee_row is None:
        out["active-disclosure.fee-amount"] = "error"
    elif t1.get("format") == "2019":
        out["active-disclosure.fee-amount"] = "skip"
    else:
        amount = fee_row["values"].get("amount")
        ok = amount is not None and amount >= 0 \
            and "万元" in norm((t1.get("column_labels") or {}).get("amount") or "万元") \
            and not rx("元").search(norm((fee_row.get("raw") or {}).get("amount") or ""))
        out["active-disclosure.fee-amount"] = "pass" if ok else "fail"

    # tables present
    t1_rows = (t1 or {}).get("rows") or {}
    out["tables.active-disclosure.present"] = "pass" if all(
        t1_rows.get(r) is not None for r in k["active_disclosure_rows"]) else "fail"
    t2d = t2 or {}
    out["tables.applications.present"] = "pass" if all(
        t2d.get(r) is not None and all(c in t2d[r]["values"] for c in k["application_columns"])
        for r in k["application_rows"]) else "fail"
    t3d = t3 or {}
    out["tables.review-litigation.present"] = "pass" if all(
        t3d.get(g) is not None and all(c in t3d[g]["values"] for c in k["review_columns"])
        for g in k["review_groups"]) else "fail"
    if (year if year is not None else 2021) < 2021:
        out["tables.format-2021"] = "skip"
    else:
        apps = tables.get("applications") or {}
        labels = [*((t1 or {}).get("labels") or []), *(apps.get("labels") or []),
                  *((tables.get("review_litigation") or {}).get("labels") or [])]
        old = rx(k["old_format_pattern"])
        ok = not any(old.search(norm(label)) for label in labels) and (t1 or {}).get("format") != "2019" \
            and apps.get("format") != "2019"
        out["tables.format-2021"] = "pass" if ok else "fail"
    all_rows = [*t1_rows.values(), *t2d.values(), *t3d.values()]
    numbering = rx("^(?:[(]?[一二三四五六七八九十]+[)、.]|\\d+[.、])")
    labels_k = k["row_labels"]
    statuses = []
    for row in all_rows:
        want = labels_k.get(row["id"])
        ok = row.get("label") is None or want is None or \
            numbering.sub("", norm(row["label"])) == numbering.sub("", norm(want))
        statuses.append("pass" if ok else "fail")
    out["tables.labels"] = collapse(statuses)

    # identities
    statuses = []
    for row in all_rows:
        vals = row["values"]
        ok = all(c == "amount" or v is None or (is_int(v) and v >= 0) for c, v in vals.items())
        statuses.append("pass" if ok else "fail")
    out["counts.non-negative-integers"] = collapse(statuses)
    blank = rx(k["blank_pattern"])
    statuses = []
    for row in all_rows:
        raw = row.get("raw")
        cells = (raw or row["values"]).keys()
        bad = any(blank.search(norm((raw or {}).get(c) or "0")) for c in cells)
        statuses.append("fail" if bad else "pass")
    out["counts.blank-cells"] = collapse(statuses)
    applicants = k["applicant_columns"]
    if t2 is None:
        for rid in ("applications.row-totals", "applications.results-total", "applications.group-subtotals",
                    "applications.balance"):
            out[rid] = "error"
    else:
        out["applications.row-totals"] = collapse([
            "pass" if (row["values"].get("total") or 0) == sum(
                row["values"][c] for c in applicants if row["values"].get(c) is not None) else "fail"
            for row in t2.values()])
        columns = k["application_columns"]
        out["applications.results-total"] = collapse([
            "pass" if cell("results_total", c) == sum(cell(r, c) for r in k["result_rows"]) else "fail"
            for c in columns])
        out["applications.group-subtotals"] = collapse([
            "pass" if g["id"] not in t2 or all(cell(g["id"], c) == sum(cell(r, c) for r in g["items"]) for c in columns)
            else "fail" for g in k["result_groups"]])
        out["applications.balance"] = collapse([
            "pass" if cell("new_received", c) + cell("carried_over", c)
            == cell("results_total", c) + cell("carried_forward", c) else "fail" for c in columns])
    outcomes = k["review_outcomes"]
    for rid, group in (("review.total", "review"), ("litigation.direct.total", "litigation_direct"),
                       ("litigation.after-review.total", "litigation_after_review")):
        row = t3d.get(group)
        if row is None:
            out[rid] = "error"
        else:
            parts = [row["values"].get(o) for o in outcomes]
            total = sum(p for p in parts if p is not None)
            out[rid] = "pass" if (row["values"].get("total") or 0) == total else "fail"
    if t2 is None or t3 is None:
        out["review-litigation.plausibility"] = "error"
    else:
        totals = [(t3d.get(g) or {}).get("values", {}).get("total") for g in k["review_groups"]]
        ok = sum(t for t in totals if t is not None) == 0 \
            or cell("new_received", "total") + cell("carried_over", "total") > 0
        out["review-litigation.plausibility"] = "pass" if ok else "fail"
    if t1 is None:
        out["active-disclosure.stock-flow"] = "error"
    else:
        statuses = []
        for r in k["document_rows"]:
            row = t1_rows.get(r)
            if row is None:
                statuses.append("pass")
                continue
            v = row["values"]
            ok = (v.get("in_force") or 0) >= (v.get("issued") or 0) - (v.get("repealed") or 0)
            statuses.append("pass" if ok else "fail")
        out["active-disclosure.stock-flow"] = collapse(statuses)

    # narrative
    received = narrative.get("applications_received")
    if received is None:
        if rx(k["none_received_pattern"]).search(text):
            received = 0
        else:
            m = rx(k["received_pattern"]).search(text)
            received = number(m.group(1)) if m else None

    def stated(key: str, pattern: str) -> Any:
        if narrative.get(key) is not None:
            return narrative[key]
        m = rx(pattern).search(text)
        return number(m.group(1)) if m else None

    review = stated("review_cases", "行政复议(?:案件|申请)?(?:共计|共)?(\\d+)(?:件|起|宗)")
    upheld = stated("review_upheld", "行政复议[^。；;]{0,20}?维持(\\d+)(?:件|起|宗)")
    litigation = stated("litigation_cases", "行政诉讼(?:案件)?(?:共计|共)?(\\d+)(?:件|起|宗)")
    if t2 is None:
        out["narrative.applications-received"] = "error"
    elif received is None:
        out["narrative.applications-received"] = "skip"
    else:
        new = cell("new_received", "total")
        ok = received == new or received == new + cell("carried_over", "total")
        out["narrative.applications-received"] = "pass" if ok else "fail"
    if t3 is None:
        out["narrative.review-litigation"] = "error"
    elif review is None and upheld is None and litigation is None:
        out["narrative.review-litigation"] = "skip"
    else:
        def total(g: str, c: str) -> Any:
            v = (t3d.get(g) or {}).get("values", {}).get(c)
            return 0 if v is None else v
        ok = (review is None or review == total("review", "total")) \
            and (upheld is None or upheld == total("review", "upheld")) \
            and (litigation is None or litigation == total("litigation_direct", "total")
                 + total("litigation_after_review", "total"))
        out["narrative.review-litigation"] = "pass" if ok else "fail"
    statuses = []
    claims = rx("(?<!\\d)(?=(\\d+)(条|件|篇|次|个)[。,;；:：]?其中[,:：]?(.*?)(?:其中|。|$))")
    for m in claims.finditer(text):
        whole, unit, rest = (x or "" for x in m.groups())
        parts = sum((number(p.group(1)) or 0) for p in rx("(?<!\\d)(\\d+)" + unit).finditer(rest))
        statuses.append("pass" if parts <= (number(whole) or 0) else "fail")
    out["narrative.internal-sums"] = collapse(statuses)

    # other
    npc = rx("人大代表建议|政协委员提案|建议提案|建议和提案|人大建议|政协提案|代表建议")
    out["other.npc-cppcc"] = "error" if other is None else (
        "pass" if npc.search(other_text or "") else "fail")
    out["other.work-points"] = "error" if other is None else (
        "pass" if rx("工作要点|公开要点").search(other_text or "") else "fail")
    published, level = meta.get("published"), meta.get("level")
    if published is None or year is None or level is None:
        out["timeliness.deadline"] = "skip"
    else:
        deadline = date(year + 1, 3, 31) if level == "government" else date(year + 1, 1, 31)
        out["timeliness.deadline"] = "pass" if published <= deadline.isoformat() else "fail"
    _wording_and_claims(out, k, recognized, tables, t1, text)
    for rule in ("years.consecutive", "years.carry-over", "years.stock-flow"):
        out[rule] = "skip"  # the cross-year rules need a previous report; none is given here
    return out


_HEADING_NUMBER = re.compile("^(?:[一二三四五六七八九十]+[、.,]|第[一二三四五六七八九十]+部分:?)")
_HEADING_PUNCT = re.compile("[、,;:.。\"'“”‘’()《》]")
_LABEL_ITEM = re.compile("^\\(?[一二三四五六七八九十]+[)、.,][^\\d]*?\\d+[.、,]")
_LABEL_NUMBER = re.compile("^(?:[(]?[一二三四五六七八九十]+[)、.,]|\\d+[.、,])")
_LABEL_PUNCT = re.compile("[、,;:\"'“”‘’「」()]")


def heading_key(heading: str) -> str:
    return _HEADING_PUNCT.sub("", _HEADING_NUMBER.sub("", norm(heading)))


def label_key(label: str) -> str:
    return _LABEL_PUNCT.sub("", _LABEL_NUMBER.sub("", _LABEL_ITEM.sub("", norm(label))))


def _wording_and_claims(out: dict[str, str], k: dict[str, Any], recognized: list[Any], tables: dict[str, Any],
                        t1: Any, text: str) -> None:
    """sections.heading-wording, tables.column-labels and narrative.active-disclosure."""
    out["sections.heading-wording"] = collapse(["pass" if heading_key(s["heading"]) == heading_key(kd["zh"])
                                                else "fail" for s, kd in recognized])
    wanted = k["column_labels"]
    columns = []
    for table_id in ("active_disclosure", "applications"):
        table = tables.get(table_id)
        if table is not None and table.get("format") != "2019":
            columns += [(table_id, c) for c in (table.get("column_labels") or {})]
    out["tables.column-labels"] = collapse([
        "pass" if wanted.get(t, {}).get(c) is None
        or label_key(tables[t]["column_labels"][c]) == label_key(wanted[t][c]) else "fail" for t, c in columns])
    caveat, cumulative = rx(k["disclosure_caveat_pattern"]), rx(k["disclosure_cumulative_pattern"])
    statements = [(st["row"], st["column"], rx(st["pattern"])) for st in k["disclosure_statements"]]
    claims = []
    for sentence in re.sub("[;；]", "。", text).split("。"):
        if caveat.search(sentence):
            continue
        for clause in sentence.split(","):
            if cumulative.search(clause):
                continue
            for row, column, pattern in statements:
                claims += [(row, column, number(m.group(1))) for m in pattern.finditer(clause)]
    if t1 is None:
        out["narrative.active-disclosure"] = "error"
    elif t1.get("format") == "2019" or not claims:
        out["narrative.active-disclosure"] = "skip"
    else:
        rows = t1.get("rows") or {}
        out["narrative.active-disclosure"] = collapse([
            "pass" if value == ((rows.get(row) or {}).get("values") or {}).get(column) else "fail"
            for row, column, value in claims])

"""Hypothesis strategies: report models whose table identities all hold, of random sizes."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org"]
COLUMNS = [*APPLICANTS, "total"]
RESULT_ROWS = ["granted", "partly_granted", "denied_state_secret", "denied_prohibited_by_law",
               "denied_three_securities", "denied_third_party", "denied_internal_affairs", "denied_process_info",
               "denied_enforcement_files", "denied_query_matters", "unable_not_held", "unable_needs_creation",
               "unable_unclear", "not_processed_petition", "not_processed_repeated", "not_processed_publications",
               "not_processed_excessive", "not_processed_confirmation", "other_no_correction", "other_unpaid_fee",
               "other_other"]
BALANCE_ROWS = ["new_received", "carried_over", "results_total", "carried_forward"]
APPLICATION_ROWS = ["new_received", "carried_over", *RESULT_ROWS, "results_total", "carried_forward"]
GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]

counts = st.integers(min_value=0, max_value=60)


def _row(row_id: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": row_id, "label": None, "values": values, "raw": {k: str(v) for k, v in values.items()}}


@st.composite
def applications(draw: st.DrawFn) -> dict[str, Any]:
    """Table 2 with every identity holding: row totals, (七) totals and 一+二 = 三(七)+四, per column."""
    cells: dict[str, dict[str, int]] = {r: {} for r in APPLICATION_ROWS}
    for column in APPLICANTS:
        results = {r: draw(counts) for r in RESULT_ROWS}
        forward = draw(counts)
        handled = sum(results.values())
        carried_over = draw(st.integers(0, handled + forward))
        for r, v in results.items():
            cells[r][column] = v
        cells["results_total"][column] = handled
        cells["carried_forward"][column] = forward
        cells["carried_over"][column] = carried_over
        cells["new_received"][column] = handled + forward - carried_over
    for r in APPLICATION_ROWS:
        cells[r]["total"] = sum(cells[r][c] for c in APPLICANTS)
    return {"format": "2021", "rows": {r: _row(r, cells[r]) for r in APPLICATION_ROWS}}


@st.composite
def review_litigation(draw: st.DrawFn) -> dict[str, Any]:
    """Table 3 with each group's total equal to its four outcomes."""
    rows = {}
    for group in GROUPS:
        values = {o: draw(counts) for o in OUTCOMES}
        values["total"] = sum(values.values())
        rows[group] = _row(group, values)
    return {"format": "2021", "rows": rows}


@st.composite
def active_disclosure(draw: st.DrawFn) -> dict[str, Any]:
    """Table 1 with in_force ≥ issued − repealed and a fee amount in 万元 with up to six decimals."""
    rows: dict[str, Any] = {}
    for r in ("regulations", "normative_documents"):
        issued, repealed = draw(counts), draw(counts)
        rows[r] = _row(r, {"issued": issued, "repealed": repealed,
                           "in_force": max(0, issued - repealed) + draw(counts)})
    for r in ("licensing", "punishment", "enforcement"):
        rows[r] = _row(r, {"decisions": draw(counts)})
    amount = Decimal(draw(st.integers(0, 10**9))).scaleb(-6)
    rows["administrative_fees"] = _row("administrative_fees", {"amount": amount})
    return {"format": "2021", "rows": rows, "column_labels": {"amount": "本年收费金额（单位：万元）"}}


@st.composite
def consistent_models(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` (a real model, for its text) with generated tables whose identities all hold."""
    model = copy.deepcopy(base)
    model["provenance"] = {}
    model["tables"] = {"active_disclosure": draw(active_disclosure()), "applications": draw(applications()),
                       "review_litigation": draw(review_litigation())}
    return model

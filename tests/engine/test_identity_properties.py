"""Property tests: consistent generated reports raise no identity failure; one changed cell is
caught by exactly the rule(s) owning that identity, at that row or column."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.engine import check_report
from compliance.model.report import Report, validate_model
from compliance.results import Status
from compliance.rules import RulePack
from tests import strategies as gen
from tests.hypothesis_budget import examples

IDENTITY_RULES = {"applications.row-totals", "applications.results-total", "applications.balance",
                  "review.total", "litigation.direct.total", "litigation.after-review.total",
                  "counts.non-negative-integers", "counts.blank-cells", "active-disclosure.stock-flow"}
GROUP_RULE = {"review": "review.total", "litigation_direct": "litigation.direct.total",
              "litigation_after_review": "litigation.after-review.total"}
T2 = "/tables/applications/rows/"
T3 = "/tables/review_litigation/rows/"
PROFILE = settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _failures(model: dict[str, Any], pack: RulePack) -> set[tuple[str, str | None]]:
    validate_model(model)
    result = check_report(Report(model), [pack])
    return {(f.rule, f.pointer) for f in result.findings
            if f.rule in IDENTITY_RULES and f.status in (Status.FAIL, Status.ERROR)}


def _expected_t2(row: str, column: str) -> set[tuple[str, str | None]]:
    expected: set[tuple[str, str | None]] = {("applications.row-totals", f"{T2}{row}/values/total")}
    if row in gen.RESULT_ROWS or row == "results_total":
        expected.add(("applications.results-total", f"{T2}results_total/values/{column}"))
    if row in gen.BALANCE_ROWS:
        expected.add(("applications.balance", f"{T2}results_total/values/{column}"))
    return expected


@PROFILE
@given(data=st.data())
def test_consistent_reports_raise_no_identity_failure(data: st.DataObject, seed_report: Report,
                                                      default_pack: RulePack) -> None:
    model = data.draw(gen.consistent_models(dict(seed_report.data)))
    assert _failures(model, default_pack) == set()


@PROFILE
@given(data=st.data(), row=st.sampled_from(gen.APPLICATION_ROWS), column=st.sampled_from(gen.COLUMNS),
       delta=st.integers(1, 9))
def test_one_changed_cell_of_table_2_is_caught_by_its_owning_rules(
        data: st.DataObject, row: str, column: str, delta: int, seed_report: Report,
        default_pack: RulePack) -> None:
    model = data.draw(gen.consistent_models(dict(seed_report.data)))
    model["tables"]["applications"]["rows"][row]["values"][column] += delta
    assert _failures(model, default_pack) == _expected_t2(row, column)


@PROFILE
@given(data=st.data(), group=st.sampled_from(gen.GROUPS), column=st.sampled_from([*gen.OUTCOMES, "total"]),
       delta=st.integers(1, 9))
def test_one_changed_cell_of_table_3_is_caught_by_its_group_rule(
        data: st.DataObject, group: str, column: str, delta: int, seed_report: Report,
        default_pack: RulePack) -> None:
    model = data.draw(gen.consistent_models(dict(seed_report.data)))
    model["tables"]["review_litigation"]["rows"][group]["values"][column] += delta
    assert _failures(model, default_pack) == {(GROUP_RULE[group], f"{T3}{group}/values/total")}


@PROFILE
@given(data=st.data(), row=st.sampled_from(gen.APPLICATION_ROWS), column=st.sampled_from(gen.COLUMNS))
def test_a_blank_cell_is_reported_and_read_as_zero(data: st.DataObject, row: str, column: str,
                                                   seed_report: Report, default_pack: RulePack) -> None:
    model = data.draw(gen.consistent_models(dict(seed_report.data)))
    cell = model["tables"]["applications"]["rows"][row]
    was = cell["values"][column]
    cell["values"][column] = None
    cell["raw"][column] = "/"
    failures = _failures(model, default_pack)
    assert ("counts.blank-cells", f"{T2}{row}") in failures
    if was == 0:  # a blank where 0 was meant breaks no identity
        assert failures == {("counts.blank-cells", f"{T2}{row}")}

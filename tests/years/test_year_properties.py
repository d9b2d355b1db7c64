"""Property tests across years: a generated pair of reports whose figures reconcile passes every
years.* rule; changing any one carried-over or stock cell fails exactly the rule that owns it, at
that cell."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.engine import check_report
from compliance.model.report import Report, validate_model
from compliance.results import Status
from compliance.rules import RulePack
from compliance.source import SourceRef
from tests import strategies as gen
from tests.hypothesis_budget import examples

PROFILE = settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
STOCK_ROWS = ("regulations", "normative_documents")
T1 = "/tables/active_disclosure/rows/"
T2 = "/tables/applications/rows/"


@st.composite
def reconciled_pairs(draw: st.DrawFn, base: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(this year, last year): each consistent in itself (every identity holds), and this year's
    二、上年结转 is last year's 四、结转下年度继续办理 and its 现行有效件数 last year's + 制发 − 废止."""
    last = draw(gen.consistent_models(base))
    this = draw(gen.consistent_models(base))
    year = draw(st.integers(2021, 2030))
    this["metadata"] = {**this["metadata"], "year": year}
    last["metadata"] = {**last["metadata"], "year": year - 1}
    rows = this["tables"]["applications"]["rows"]
    forward_last = last["tables"]["applications"]["rows"]["carried_forward"]["values"]
    for column in gen.APPLICANTS:
        carried = forward_last[column]
        handled = rows["results_total"]["values"][column]
        forward = max(rows["carried_forward"]["values"][column], carried - handled)  # new_received ≥ 0
        rows["carried_over"]["values"][column] = carried
        rows["carried_forward"]["values"][column] = forward
        rows["new_received"]["values"][column] = handled + forward - carried
    for row in gen.APPLICATION_ROWS:  # totals, and raw text, again
        values = rows[row]["values"]
        values["total"] = sum(values[c] for c in gen.APPLICANTS)
        rows[row]["raw"] = {k: str(v) for k, v in values.items()}
    for row in STOCK_ROWS:
        values = this["tables"]["active_disclosure"]["rows"][row]["values"]
        before = last["tables"]["active_disclosure"]["rows"][row]["values"]["in_force"]
        values["in_force"] = before + values["issued"] - values["repealed"]
        if values["in_force"] < 0:
            values["issued"] -= values["in_force"]
            values["in_force"] = 0
        this["tables"]["active_disclosure"]["rows"][row]["raw"] = {k: str(v) for k, v in values.items()}
    return this, last


def _year_failures(this: dict[str, Any], last: dict[str, Any], pack: RulePack) -> set[tuple[str, str | None]]:
    validate_model(this)
    validate_model(last)
    result = check_report(Report(this, SourceRef("this")), [pack], previous=Report(last, SourceRef("last")))
    statuses = {f.status for f in result.findings if f.rule.startswith("years.")}
    assert Status.SKIP not in statuses
    assert Status.ERROR not in statuses
    return {(f.rule, f.pointer) for f in result.findings if f.rule.startswith("years.") and f.status is Status.FAIL}


@PROFILE
@given(data=st.data())
def test_a_reconciled_pair_passes_every_year_rule(data: st.DataObject, seed_report: Report,
                                                  default_pack: RulePack) -> None:
    this, last = data.draw(reconciled_pairs(dict(seed_report.data)))
    assert _year_failures(this, last, default_pack) == set()
    result = check_report(Report(this, SourceRef("this")), [default_pack], previous=Report(last, SourceRef("last")))
    identities = {"applications.row-totals", "applications.results-total", "applications.balance"}
    assert not [f for f in result.findings if f.rule in identities and f.status is Status.FAIL]  # each year holds


@PROFILE
@given(data=st.data(), side=st.sampled_from(["this", "last"]), column=st.sampled_from(gen.COLUMNS),
       delta=st.integers(1, 9))
def test_one_changed_carried_cell_fails_the_carry_over_only(data: st.DataObject, side: str, column: str, delta: int,
                                                            seed_report: Report, default_pack: RulePack) -> None:
    this, last = data.draw(reconciled_pairs(dict(seed_report.data)))
    model, row = (this, "carried_over") if side == "this" else (last, "carried_forward")
    model["tables"]["applications"]["rows"][row]["values"][column] += delta
    assert _year_failures(this, last, default_pack) == {("years.carry-over", f"{T2}carried_over/values/{column}")}


@PROFILE
@given(data=st.data(), cell=st.sampled_from([("this", "in_force"), ("this", "issued"), ("this", "repealed"),
                                             ("last", "in_force")]),
       row=st.sampled_from(STOCK_ROWS), delta=st.integers(1, 9))
def test_one_changed_stock_cell_fails_the_stock_flow_only(data: st.DataObject, cell: tuple[str, str], row: str,
                                                          delta: int, seed_report: Report,
                                                          default_pack: RulePack) -> None:
    this, last = data.draw(reconciled_pairs(dict(seed_report.data)))
    side, column = cell
    model = copy.deepcopy(this) if side == "this" else copy.deepcopy(last)
    model["tables"]["active_disclosure"]["rows"][row]["values"][column] += delta
    pair = (model, last) if side == "this" else (this, model)
    assert _year_failures(*pair, default_pack) == {("years.stock-flow", f"{T1}{row}/values/in_force")}


@PROFILE
@given(data=st.data(), side=st.sampled_from(["this", "last"]), row=st.sampled_from(STOCK_ROWS),
       how=st.sampled_from(["row left out", "marked /"]), delta=st.integers(1, 9), other_off=st.booleans())
def test_a_row_one_year_does_not_state_is_not_compared(data: st.DataObject, side: str, row: str, how: str,
                                                       delta: int, other_off: bool, seed_report: Report,
                                                       default_pack: RulePack) -> None:
    """A table-1 row one year's table leaves out (a format change) or marks not applicable has no
    stock to carry: whatever its figures, years.stock-flow does not fail it (reading it as 0 in force
    made false alarms); the other row is still compared, and fails when its own figures do not follow."""
    this, last = data.draw(reconciled_pairs(dict(seed_report.data)))
    this_rows = this["tables"]["active_disclosure"]["rows"]
    this_rows[row]["values"]["in_force"] += delta  # would fail, were the row compared
    model = this if side == "this" else last
    if how == "row left out":
        del model["tables"]["active_disclosure"]["rows"][row]
    else:
        model["tables"]["active_disclosure"]["rows"][row]["values"]["in_force"] = None
        model["tables"]["active_disclosure"]["rows"][row]["raw"]["in_force"] = "/"
    other = next(r for r in STOCK_ROWS if r != row)
    expected: set[tuple[str, str | None]] = set()
    if other_off:
        this_rows[other]["values"]["in_force"] += delta
        this_rows[other]["raw"]["in_force"] = str(this_rows[other]["values"]["in_force"])
        expected = {("years.stock-flow", f"{T1}{other}/values/in_force")}
    assert _year_failures(this, last, default_pack) == expected


SHORT_FORMS = [("人民政府办公室", "政府办"), ("人民政府办公室", "人民政府办"), ("人民政府", "政府"),
               ("人力资源和社会保障局", "人社局"), ("市场监督管理局", "市场监管局"), ("住房和城乡建设局", "住建局"),
               ("发展和改革委员会", "发改委"), ("卫生健康委员会", "卫健委"), ("管理委员会", "管委会"),
               ("东风路街道办事处", "东风路街道"), ("东风路街道", "东风路街办")]


def _consecutive(this_agency: str, last_agency: str, seed: dict[str, Any], pack: RulePack) -> Status:
    this, last = copy.deepcopy(seed), copy.deepcopy(seed)
    this["metadata"] = {**this["metadata"], "year": 2023, "agency": this_agency}
    last["metadata"] = {**last["metadata"], "year": 2022, "agency": last_agency}
    result = check_report(Report(this, SourceRef("this")), [pack], previous=Report(last, SourceRef("last")))
    return next(f.status for f in result.findings if f.rule == "years.consecutive")


@PROFILE
@given(region=st.text(alphabet=st.sampled_from("东西南北中平潭聊城大冶临安海坛金井昌府"), min_size=2, max_size=5),
       level=st.sampled_from(["市", "县", "区"]), forms=st.sampled_from(SHORT_FORMS), swap=st.booleans())
def test_an_agency_written_in_its_short_form_is_the_same_agency(region: str, level: str, forms: tuple[str, str],
                                                                 swap: bool, seed_report: Report,
                                                                 default_pack: RulePack) -> None:
    """区政府办 one year and 区人民政府办公室 the next (人社局 / 人力资源和社会保障局, 街办 / 街道办事处 …) are
    one agency's reports; a government's office and the government are not."""
    long, short = (region + level + f for f in forms)
    this, last = (short, long) if swap else (long, short)
    assert _consecutive(this, last, dict(seed_report.data), default_pack) is Status.PASS
    office, government = region + level + "人民政府办公室", region + level + "政府"
    assert _consecutive(office, government, dict(seed_report.data), default_pack) is Status.FAIL

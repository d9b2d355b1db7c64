"""The pack compiled to one function (``rules.decisions``, ``lang.program``) gives every report the
same findings as rule-by-rule evaluation (the reference): on the seed, on generated reports whose
identities hold, and on reports broken in random ways (cells changed, blanked or of the wrong type,
sections dropped or emptied, tables removed, metadata lost), with and without a previous report."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.engine import check_report
from compliance.engine import engine as engine_module
from compliance.lang import Environment
from compliance.lang.program import HOLDS, SKIPPED, Check
from compliance.lang.runtime import STATS
from compliance.lang.static_types import ANY
from compliance.model.report import Report
from compliance.results import ReportResult, Status
from compliance.rules import RulePack, load_pack
from compliance.rules.decisions import program
from tests import strategies as gen
from tests.hypothesis_budget import examples

PROFILE = settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _both(report: Report, pack: RulePack, previous: Report | None = None) -> tuple[ReportResult, ReportResult]:
    fast = check_report(report, [pack], previous=previous)
    engine_module.USE_PROGRAM = False
    try:
        reference = check_report(report, [pack], previous=previous)
    finally:
        engine_module.USE_PROGRAM = True
    return fast, reference


def _mutations(model: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """(what, path) of every place a mutation may hit."""
    for kind, table in (model.get("tables") or {}).items():
        for row_id, row in (table.get("rows") or {}).items():
            for column in row.get("values") or {}:
                yield "cell", ["tables", kind, "rows", row_id, "values", column]
        yield "table", ["tables", kind]
    for i, _ in enumerate(model.get("sections") or ()):
        yield "section", ["sections", i]
    for key in ("year", "agency", "level", "title"):
        yield "meta", ["metadata", key]


CELL_VALUES = st.one_of(st.none(), st.integers(-5, 500), st.just("无"), st.just(""), st.just(Decimal("1.5")),
                        st.just([1]))


@st.composite
def broken_models(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with one to four random changes of the kinds above."""
    model = copy.deepcopy(base)
    places = list(_mutations(model))
    for what, path in draw(st.lists(st.sampled_from(places), min_size=1, max_size=4)):
        parent: Any = model
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            if what == "cell":
                parent[last] = draw(CELL_VALUES)
            elif what == "table":
                parent[last] = draw(st.sampled_from([None, {"rows": {}}]))
            elif what == "section":
                section = parent[last]
                choice = draw(st.sampled_from(["drop", "empty", "none", "heading"]))
                if choice == "drop":
                    parent[last] = {**section, "heading": "", "text": "", "tables": []}
                elif choice == "empty":
                    section["text"] = ""
                elif choice == "none":
                    section["text"] = "无。"
                else:
                    headings = ["其他", "一、总体情况", "六、", "七、其他需要报告的事项"]
                    section["heading"] = draw(st.sampled_from(headings))
            else:
                parent[last] = draw(st.sampled_from([None, 2019, 2020, "某某局", "乡镇"]))
        except (KeyError, IndexError, TypeError):
            continue
    return model


def test_the_seed_gets_the_same_findings(seed_report: Report, default_pack: RulePack) -> None:
    fast, reference = _both(seed_report, default_pack)
    assert fast.findings == reference.findings
    assert {f.status for f in fast.findings} >= {Status.PASS, Status.FAIL}


@PROFILE
@given(data=st.data())
def test_consistent_reports_get_the_same_findings(data: st.DataObject, seed_report: Report,
                                                  default_pack: RulePack) -> None:
    model = data.draw(gen.consistent_models(dict(seed_report.data)))
    fast, reference = _both(Report(model), default_pack)
    assert fast.findings == reference.findings


@PROFILE
@given(data=st.data())
def test_broken_reports_get_the_same_findings(data: st.DataObject, seed_report: Report,
                                              default_pack: RulePack) -> None:
    model = data.draw(broken_models(dict(seed_report.data)))
    fast, reference = _both(Report(model), default_pack)
    assert fast.findings == reference.findings


@PROFILE
@given(data=st.data())
def test_pairs_get_the_same_findings(data: st.DataObject, seed_report: Report, default_pack: RulePack) -> None:
    previous = data.draw(broken_models(dict(seed_report.data)))
    previous["metadata"] = {**(previous.get("metadata") or {}), "year": 2022}
    current = data.draw(broken_models(dict(seed_report.data)))
    fast, reference = _both(Report(current), default_pack, previous=Report(previous))
    assert fast.findings == reference.findings


# -- the program itself, in the language's terms ---------------------------------------------------

ENV = Environment({"xs": ANY, "flag": ANY, "n": ANY})


def _node(text: str, locals_: tuple[str, ...] = ()) -> Any:
    return ENV.compile(text, dict.fromkeys(locals_, ANY)).node


def _program(*checks: Check | None) -> Any:
    return ENV.program(list(checks))


def test_outcomes_holds_skipped_and_undecided() -> None:
    prog = _program(
        Check(_node("x > 0", ("x",)), items=_node("xs"), var="x"),  # every item holds
        Check(_node("x > 1", ("x",)), items=_node("xs"), var="x"),  # the first item is not true: its position
        Check(_node("true"), when=_node("flag")),  # when false: skipped
        Check(_node("true"), guards=(_node("n"),)),  # a null guard: undecided
        Check(_node("x + 1 > 0", ("x",)), items=_node("xs"), var="x"),  # "a" + 1: an error, undecided
        None,  # left to the caller
        Check(_node("y > 1", ("x", "y")), items=_node("xs"), var="x", bindings=(("y", _node("x * 2", ("x",))),)),
    )
    assert prog.run({"xs": [1, 2], "flag": False, "n": None}, {}) == [HOLDS, (0,), SKIPPED, None, HOLDS, None,
                                                                      HOLDS]
    assert prog.run({"xs": [1, "a"], "flag": True, "n": 3}, {}) == [None, None, HOLDS, HOLDS, None, None, None]


def test_the_items_not_true_are_named_by_position() -> None:
    prog = _program(Check(_node("x != 2 and x != 4", ("x",)), items=_node("xs"), var="x"),
                    Check(_node("n > 1")))
    assert prog.run({"xs": [1, 2, 3, 4], "n": 0}, {}) == [(1, 3), (0,)]
    assert prog.run({"xs": {"a": 2, "b": 5}, "n": 2}, {}) == [(0,), HOLDS]


def test_one_function_for_all_checks() -> None:
    prog = _program(Check(_node("len(xs) > 0")), Check(_node("x > 0", ("x",)), items=_node("xs"), var="x"))
    source = prog.source()
    assert source.count("def _generated(g, c):") == 1
    assert source.count("g.get('xs')") == 1  # a global read once for every check


def test_a_cached_pack_carries_its_program_as_code(default_pack: RulePack, seed_report: Report) -> None:
    from compliance.rules import cache

    cache.prebuild([default_pack])
    copy_ = cache.loads(cache.dumps(default_pack))
    generated, thawed = STATS["generated"], STATS["thawed"]
    prog = program(copy_)
    assert prog.build() is not None
    assert prog.problem is None
    assert STATS["generated"] == generated  # thawed, not generated again
    assert STATS["thawed"] > thawed
    assert check_report(seed_report, [copy_]).findings == check_report(seed_report, [default_pack]).findings


def test_an_item_variable_shadows_a_path_computed_before_the_loop() -> None:
    env = Environment({"x": ANY, "xs": ANY})
    prog = env.program([Check(env.compile("x.a == 1", {"x": ANY}).node, guards=(env.compile("x.a").node,),
                              items=env.compile("xs").node, var="x")])
    assert prog.run({"x": {"a": 5}, "xs": [{"a": 1}, {"a": 1}]}, {}) == [HOLDS]
    assert prog.run({"x": {"a": 1}, "xs": [{"a": 2}]}, {}) == [(0,)]


def test_a_pack_keeps_its_program_and_a_derived_pack_gets_its_own(default_pack: RulePack) -> None:
    import dataclasses

    first = program(default_pack)
    assert program(default_pack) is first
    one = dataclasses.replace(default_pack, rules=default_pack.rules[:1])
    assert len(program(one).checks) == 1
    assert program(default_pack) is first


def test_a_static_pass_is_one_finding_for_every_report_and_a_pass_message_is_each_reports(
        seed_report: Report, default_pack: RulePack, tmp_path: Path) -> None:
    # Findings are frozen: a pass whose message reads nothing of the report is made once and shared;
    # a pass message that reads the report is each report's own.
    other = Report(copy.deepcopy(dict(seed_report.data)), seed_report.source)
    other.data["metadata"]["year"] = 2022
    first, second = check_report(seed_report, [default_pack]), check_report(other, [default_pack])
    shared = [a for a, b in zip(first.findings, second.findings, strict=True) if a is b]
    assert {f.status for f in shared} <= {Status.PASS, Status.SKIP}
    assert len([f for f in shared if f.status is Status.PASS]) >= 30
    path = tmp_path / "rules.yaml"
    path.write_text("""\
rules:
  - id: local.year
    title: {zh: 年度, en: year}
    basis: {zh: 格式, en: format}
    fix: {zh: 写明, en: say it}
    severity: info
    require: exists(metadata.year)
    message: {zh: 未写年度, en: no year}
    pass_message: {zh: "{metadata.year}年度", en: "{metadata.year}"}
""", encoding="utf-8")
    pack = load_pack(path, base=default_pack)
    said = [check_report(r, [pack]).findings[0].message for r in (seed_report, other)]
    assert said == ["2023年度", "2022年度"]

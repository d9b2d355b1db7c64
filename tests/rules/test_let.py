"""``let:`` bindings of a rule: computed once per checked item, visible where the item is known.

Loading: a name that hides a constant, definition, model root or the ``for_each`` variable is a
one-line CR024 naming the file and the rule; a binding used in ``when`` is an unknown name that
says why; types flow from each binding to its uses. Lint: an unused binding is a CR019 warning,
and a ``require`` that reads the report only through bindings is not CR010. Engine: a binding
that cannot be evaluated gives that item an ``error`` finding naming it. And a rule written with
``let`` gives the same findings as the same rule with every binding written out in place.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.cli import main
from compliance.engine import check_report
from compliance.errors import RulePackError
from compliance.lang import Expression, unparse
from compliance.lang import nodes as n
from compliance.lang.static_types import element_type
from compliance.model.report import Report
from compliance.results import Finding, Status
from compliance.rules import RulePack, load_pack
from compliance.rules.lint import lint
from compliance.rules.rule import ForEach, Rule, Template
from tests import strategies as gen
from tests.hypothesis_budget import examples

HEAD = """\
rules:
  - id: local.lets
    title: {zh: 表一完整, en: table 1 complete}
    basis: {zh: 格式, en: format}
    fix: {zh: 补齐, en: add them}
    severity: error
"""

MISSING_ROWS = HEAD + """\
    let:
      missing: filter(r in active_disclosure_rows, not exists(t1.rows[r]))
      names: map(r in missing, row_names.en[r])
    require: len(missing) == 0
    message: {zh: "缺少 {join(names, '、')}", en: "lacks {join(names, ', ')}"}
    pass_message: {zh: "缺 {len(missing)} 行", en: "{len(missing)} missing"}
    evidence:
      missing: {value: missing, label: {zh: 缺少的行, en: missing rows}}
"""

PER_ROW = HEAD + """\
    for_each: {var: row, in: t2, label: name}
    let:
      name: "'row ' + row.id"
      total: row.values.total ?? 0
      ratio: 100 / total
    require: ratio > 0
    message: {zh: "{name}: {total}", en: "{name}: {total}"}
    locate: row.values.total
"""


def _write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _load(tmp_path: Path, text: str, base: RulePack) -> RulePack:
    return load_pack(_write(tmp_path, text), base=base)


def _findings(pack: RulePack, model: Mapping[str, Any], lang: str = "en") -> list[Finding]:
    return list(check_report(Report(copy.deepcopy(dict(model))), [pack], lang=lang).findings)


# --- loading ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("let", "hidden"), [
    ("applicant_columns: '1'", "the constant 'applicant_columns'"),
    ("t2: '1'", "the definition 't2'"),
    ("tables: '1'", "the report model's 'tables'"),
    ("previous: '1'", "the report model's 'previous'"),
    ("row: '1'", "the `for_each` variable"),
])
def test_a_name_that_hides_another_is_a_one_line_error_naming_file_and_rule(
        tmp_path: Path, default_pack: RulePack, let: str, hidden: str) -> None:
    text = HEAD + f"    for_each: {{var: row, in: t2}}\n    let:\n      {let}\n    require: \"true\"\n" \
                  "    message: {zh: x, en: x}\n"
    with pytest.raises(RulePackError) as caught:
        _load(tmp_path, text, default_pack)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'rules.yaml'}:9:7: CR024 ")
    assert f"rule 'local.lets' hides {hidden}" in message


def test_when_cannot_see_a_binding_and_says_why(tmp_path: Path, default_pack: RulePack) -> None:
    text = HEAD + "    let: {n: len(sections)}\n    when: n > 0\n    require: n > 1\n    message: {zh: x, en: x}\n"
    with pytest.raises(RulePackError) as caught:
        _load(tmp_path, text, default_pack)
    assert "CR005 unknown name 'n'" in str(caught.value)
    assert "`when` is decided before any item" in str(caught.value)


def test_a_binding_sees_only_those_above_it(tmp_path: Path, default_pack: RulePack) -> None:
    text = HEAD + "    let: {a: b + 1, b: '1'}\n    require: a > 0\n    message: {zh: x, en: x}\n"
    with pytest.raises(RulePackError, match=r"rules\.yaml:7:\d+: CR005 unknown name 'b'"):
        _load(tmp_path, text, default_pack)


def test_bindings_are_typed(tmp_path: Path, default_pack: RulePack) -> None:
    text = HEAD + "    let: {heading: metadata.title}\n    require: heading > 1\n    message: {zh: x, en: x}\n"
    with pytest.raises(RulePackError, match=r"CR007 .*order") as caught:
        _load(tmp_path, text, default_pack)
    assert ":8:14: " in str(caught.value)  # at the use, in `require`
    pack = _load(tmp_path, MISSING_ROWS, default_pack)
    lets = dict(pack.rules[-1].lets)
    assert [name for name, _ in pack.rules[-1].lets] == ["missing", "names"]
    assert lets["missing"].type == lets["names"].type  # both lists of strings


@pytest.mark.parametrize("let", ['"1st": 1', "x: [1, 2]"])
def test_a_malformed_let_is_a_schema_error(tmp_path: Path, default_pack: RulePack, let: str) -> None:
    text = HEAD + f"    let: {{{let}}}\n    require: true\n    message: {{zh: x, en: x}}\n"
    with pytest.raises(RulePackError, match="CR002"):
        _load(tmp_path, text, default_pack)


def test_the_cli_names_file_and_rule_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, HEAD + "    let: {t1: '1'}\n    require: t1 > 0\n    message: {zh: x, en: x}\n")
    assert main(["check", "--example", "--rules", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "Traceback" not in err
    assert f"{path}:7:11: CR024" in err
    assert "local.lets" in err


def test_a_for_each_rules_pass_message_cannot_show_an_items_binding(tmp_path: Path, default_pack: RulePack) -> None:
    text = PER_ROW + '    pass_message: {zh: "{total}", en: "{total}"}\n'
    with pytest.raises(RulePackError, match=re.escape("CR008 in message placeholder {total}: unknown name 'total'")):
        _load(tmp_path, text, default_pack)


def test_a_rule_of_the_wrong_shape_still_has_its_bindings_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD.replace("    severity: error\n", "") + "    let: {n: len(1)}\n"
                  "    require: n > 0\n    message: {zh: x, en: x}\n")
    assert {d.code for d in lint([path]).problems} >= {"CR002", "CR007"}  # no severity; len(1)


# --- lint -----------------------------------------------------------------------------------------

def test_an_unused_binding_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, MISSING_ROWS.replace("      names:", "      spare: 1 + 1\n      names:"))
    found = lint([path])
    assert [(d.code, d.source.span.line if d.source.span else 0) for d in found.warnings] == [("CR019", 9)]
    assert "`let: spare` of rule 'local.lets' is never used" in found.warnings[0].message
    assert not [d for d in found.problems if d.code in ("CR010", "CR019")]  # require reads through `missing`


def test_bindings_used_only_by_later_bindings_are_used(tmp_path: Path) -> None:
    found = lint([_write(tmp_path, PER_ROW)])
    assert not [d for d in found.diagnostics if d.code in ("CR019", "CR010")]


# --- the engine -----------------------------------------------------------------------------------

def test_messages_evidence_and_pass_message_format_the_bindings(tmp_path: Path, default_pack: RulePack,
                                                                seed_report: Report) -> None:
    pack = _load(tmp_path, MISSING_ROWS, default_pack)
    local = dataclasses.replace(pack, rules=pack.rules[-1:])
    model = copy.deepcopy(dict(seed_report.data))
    [passed] = _findings(local, model)
    assert (passed.status, passed.message) == (Status.PASS, "0 missing")
    del model["tables"]["active_disclosure"]["rows"]["licensing"]
    [failed] = _findings(local, model)
    assert (failed.status, failed.message) == (Status.FAIL, "lacks licensing")
    assert failed.evidence == {"missing": ["licensing"]}
    assert _findings(local, model, "zh")[0].message.startswith("缺少 ")


def test_a_binding_that_cannot_be_evaluated_is_an_error_of_that_item(tmp_path: Path, default_pack: RulePack,
                                                                     seed_report: Report) -> None:
    pack = _load(tmp_path, PER_ROW, default_pack)
    local = dataclasses.replace(pack, rules=pack.rules[-1:])
    model = copy.deepcopy(dict(seed_report.data))
    rows = model["tables"]["applications"]["rows"]
    zero = [r for r, row in rows.items() if (row["values"].get("total") or 0) == 0]
    assert zero
    assert len(zero) < len(rows)
    found = _findings(local, model)
    errors = [f for f in found if f.status is Status.ERROR]
    assert {f.item for f in errors} == {f"row {r}" for r in zero}  # the label is a binding too
    assert all(f.message.startswith("the rule could not be evaluated: let ratio: ") for f in errors)
    assert all("division by zero" in f.message for f in errors)
    assert {f.pointer for f in errors} == {f"/tables/applications/rows/{r}/values/total" for r in zero}
    assert not [f for f in found if f.status is not Status.ERROR]  # the others pass, silently


def test_bindings_are_evaluated_once_per_item(tmp_path: Path, default_pack: RulePack,
                                             seed_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = _load(tmp_path, PER_ROW.replace("require: ratio > 0", "require: ratio < 0"), default_pack)
    local = dataclasses.replace(pack, rules=pack.rules[-1:])
    calls: dict[str, int] = {}
    original = Expression.evaluate

    def counting(self: Expression, *args: Any, **kwargs: Any) -> Any:
        calls[self.text] = calls.get(self.text, 0) + 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Expression, "evaluate", counting)
    items = len(seed_report.data["tables"]["applications"]["rows"])
    _findings(local, seed_report.data)
    assert calls["row.values.total ?? 0"] == items  # not again for the message, label or evidence
    assert calls["'row ' + row.id"] == items


# --- with and without `let`: the same findings -----------------------------------------------------

def _substitute(node: n.Node, values: Mapping[str, n.Node]) -> n.Node:
    """``node`` with every free use of a binding replaced by the binding's own tree."""
    if isinstance(node, n.Name):
        return values.get(node.name, node)
    if isinstance(node, n.Quantifier):
        inner = {k: v for k, v in values.items() if k != node.var}
        return dataclasses.replace(node, collection=_substitute(node.collection, values),
                                   body=_substitute(node.body, inner))
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple) and value and all(hasattr(v, "span") for v in value):
            changes[f.name] = tuple(_substitute(v, values) for v in value)
        elif hasattr(value, "span") and f.name != "span":
            changes[f.name] = _substitute(value, values)
    return dataclasses.replace(node, **changes) if changes else node


def written_out(rule: Rule) -> Rule:
    """``rule`` without ``let``: each binding written in place where it is used, compiled again."""
    env = rule.require.environment
    trees: dict[str, n.Node] = {}
    for name, expr in rule.lets:
        trees[name] = _substitute(expr.node, trees)
    scope = {}
    if rule.for_each is not None:
        scope = {rule.for_each.var: element_type(rule.for_each.collection.type)}

    def compiled(expr: Expression) -> Expression:
        return env.compile(unparse(_substitute(expr.node, trees)), scope)

    def again(expr: Expression | None) -> Expression | None:
        return None if expr is None else compiled(expr)

    def template(t: Template) -> Template:
        return Template(tuple(p if isinstance(p, str) else compiled(p) for p in t.parts))

    for_each = None if rule.for_each is None else ForEach(rule.for_each.var, rule.for_each.collection,
                                                         again(rule.for_each.label))
    return dataclasses.replace(
        rule, lets=(), require=compiled(rule.require), for_each=for_each, locate=again(rule.locate),
        messages={k: template(t) for k, t in rule.messages.items()},
        pass_messages={k: template(t) for k, t in rule.pass_messages.items()},
        evidence={k: compiled(e) for k, e in rule.evidence.items()})


EVALUATION_ERROR = re.compile("规则求值出错|the rule could not be evaluated")


def _comparable(findings: list[Finding], rules: Mapping[str, Rule]) -> list[tuple[Any, ...]]:
    # Evidence a rule does not declare is explained from the shape of its `require`, which `let`
    # changes on purpose; declared evidence must be the same. An evaluation error names the binding
    # (and its position in it) only with `let`.
    return [(f.rule, f.status, "evaluation error" if EVALUATION_ERROR.match(f.message) else f.message,
             f.pointer, f.item, f.evidence if rules[f.rule].evidence else None) for f in findings]


@st.composite
def damaged_models(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """A consistent model with a few cells, rows or tables damaged the ways real reports are."""
    model = draw(gen.consistent_models(base))
    tables = model["tables"]
    for _ in range(draw(st.integers(0, 4))):
        table = draw(st.sampled_from(sorted(tables)))
        if tables[table] is None:
            continue
        rows = tables[table]["rows"]
        kind = draw(st.sampled_from(["drop-row", "blank", "null", "odd", "negative", "drop-table"]))
        if kind == "drop-table":
            tables[table] = None
            continue
        if not rows:
            continue
        row = rows[draw(st.sampled_from(sorted(rows)))]
        if kind == "drop-row":
            del rows[row["id"]]
            continue
        column = draw(st.sampled_from(sorted(row["values"])))
        if kind == "blank":
            row["values"][column], row["raw"][column] = None, draw(st.sampled_from(["", "-", "无", "/"]))
        elif kind == "null":
            row["values"][column] = None
            row["raw"].pop(column, None)
        elif kind == "odd":
            row["values"][column], row["raw"][column] = None, "约3件"
        else:
            row["values"][column] = -draw(st.integers(1, 9))
            row["raw"][column] = str(row["values"][column])
    return model


def let_rules(pack: RulePack) -> list[Rule]:
    """The rules of ``pack`` that use ``let``."""
    return [r for r in pack.rules if r.lets]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, default_pack: RulePack) -> tuple[RulePack, RulePack]:
    """The default pack's and this file's rules with ``let``, and the same rules written out."""
    own = _load(tmp_path_factory.mktemp("let"), MISSING_ROWS, default_pack)
    per_row = _load(tmp_path_factory.mktemp("let"), PER_ROW.replace("local.lets", "local.per-row"), default_pack)
    rules = tuple(let_rules(default_pack) + let_rules(own) + let_rules(per_row))
    return (dataclasses.replace(default_pack, rules=rules),
            dataclasses.replace(default_pack, rules=tuple(written_out(r) for r in rules)))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lang=st.sampled_from(["zh", "en"]))
def test_a_rule_with_let_gives_the_findings_of_the_rule_written_out(
        data: st.DataObject, lang: str, pair: tuple[RulePack, RulePack], seed_report: Report) -> None:
    with_let, without = pair
    model = data.draw(damaged_models(dict(seed_report.data)))
    rules = {r.id: r for r in with_let.rules}
    assert _comparable(_findings(with_let, model, lang), rules) == _comparable(_findings(without, model, lang),
                                                                                rules)


def test_written_out_rules_really_differ(pair: tuple[RulePack, RulePack]) -> None:
    with_let, without = pair
    assert {"tables.active-disclosure.present", "tables.applications.present", "tables.review-litigation.present",
            "counts.blank-cells", "counts.non-negative-integers", "applications.group-subtotals",
            "years.stock-flow"} <= {r.id for r in with_let.rules}
    assert all(r.lets for r in with_let.rules)
    assert not any(r.lets for r in without.rules)

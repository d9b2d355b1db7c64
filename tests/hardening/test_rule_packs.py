"""Hostile rule packs: alias bombs, deep nesting, huge expressions, backtracking regexes.
Each gives a clear error or a bounded run — never a hang, a crash or executed code."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.cli import main
from compliance.errors import ExpressionCheckError, ExpressionSyntaxError, RulePackError
from compliance.lang import Environment
from compliance.lang.parser import MAX_EXPRESSION_LENGTH
from compliance.lang.static_types import ANY
from compliance.rules import load_pack

RULE = """rules:
  - id: local.x
    title: {{zh: x, en: x}}
    severity: error
    require: {require}
    message: {{zh: x, en: x}}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    lines.append("rules: []")
    with pytest.raises(RulePackError, match="alias"):
        load_pack(write(tmp_path, "\n".join(lines)))


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(RulePackError):
        load_pack(write(tmp_path, "rules: " + "[" * 5000 + "]" * 5000))


def test_a_megabyte_expression_is_refused_with_its_size(tmp_path: Path) -> None:
    huge = " + ".join(["1"] * 300_000)
    assert len(huge) > MAX_EXPRESSION_LENGTH
    with pytest.raises(RulePackError, match="limit"):
        load_pack(write(tmp_path, RULE.format(require=huge + " == 0")))


@pytest.mark.parametrize("text", ["(" * 20_000 + "1" + ")" * 20_000, "-(" * 20_000 + "1" + ")" * 20_000,
                                  "not " * 20_000 + "true", "[" * 20_000 + "]" * 20_000])
def test_deep_nesting_compiles_or_is_refused_cleanly(text: str) -> None:
    try:
        expr = Environment().compile(text)
    except (ExpressionSyntaxError, ExpressionCheckError) as exc:
        message = exc.message
    else:
        expr.evaluate({})  # parentheses alone add no depth: "((1))" is just 1
        message = "nested too deeply"
    assert "nested too deeply" in message


def test_a_backtracking_regex_runs_in_linear_time() -> None:
    # (a+)+$ takes exponential time on a backtracking engine; on RE2 it returns at once.
    expr = Environment({"text": ANY}).compile('matches(text, "(a+)+$")')
    assert expr.evaluate({"text": "a" * 100_000}) is True
    assert expr.evaluate({"text": "a" * 100_000 + "!"}) is False


def test_look_around_is_rejected_at_load_time_with_a_position() -> None:
    with pytest.raises(ExpressionCheckError, match="look-around") as info:
        Environment().compile('matches("x", "(?<!a)b")')
    assert info.value.span is not None
    assert info.value.span.column == 14


def test_rules_from_a_folder_never_execute_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n", encoding="utf-8")
    (tmp_path / "pack.yaml").write_text("name: evil\nversion: '1.0'\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(
        RULE.format(require='__import__("os") == 0'), encoding="utf-8")
    assert main(["check", "--example", "--rules", str(tmp_path)]) == 2
    assert "unknown function '__import__'" in capsys.readouterr().err
    assert not marker.exists()  # evil.py beside the rules was never imported


def test_a_runaway_rule_hits_the_budget_and_only_that_rule_errors(tmp_path: Path) -> None:
    from compliance.api import check, load_packs

    path = tmp_path / "slow.yaml"
    path.write_text(RULE.format(
        require="count_if(a in range(0, 10000), any(b in range(0, 10000), a == b + 20000)) == 0"),
        encoding="utf-8")
    result = check(Path(__file__).resolve().parents[2] / "src/compliance/examples/liaocheng-hrss-2023.txt",
                   load_packs([path]))
    slow = [f for f in result.findings if f.rule == "local.x"]
    assert [f.status.value for f in slow] == ["error"]
    assert "budget" in slow[0].message
    failing = {f.rule for f in result.findings if f.status.value == "fail"}
    assert failing == {"applications.row-totals", "applications.results-total"}  # the others still ran

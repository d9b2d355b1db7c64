"""``compliance rules lint``: every problem in one pass, each with a stable code, its place and a caret."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.cli import main
from compliance.errors import RulePackError
from compliance.rules import load_default_pack, load_pack
from compliance.rules.diagnostics import CODES
from compliance.rules.lint import lint

RULES_IN_DEFAULT_PACK = len(load_default_pack().rules)

BAD = """\
rules:
  - id: local.one
    title: {zh: 一, en: one}
    severty: warning
    severity: warning
    require: contains(normalize(overview.txt), "政务新媒体")
    message: {zh: "缺 {overview.headng}", en: "x"}
  - id: local.two
    title: {zh: 二, en: two}
    severity: info
    when: 1 + 1 == 2
    require: nomalize(overview.text) == ""
    message: {zh: "x", en: "x"}
    examples:
      - {name: a, expect: pass}
  - id: local.one
    title: {zh: 一, en: one}
    severity: error
    require: "true"
    message: {zh: x, en: x}
  - id: applications.balance
    title: {zh: 三, en: three}
    severity: error
    require: t2.granted.values.total >= 0
    message: {zh: x, en: x}
"""


def codes_at(path: Path) -> list[tuple[int, str]]:
    """The problems (not the warnings) lint finds in ``path``, by line."""
    return [(d.source.span.line if d.source.span else 0, d.code) for d in lint([path]).problems]


def test_every_problem_of_a_file_in_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    found = codes_at(path)
    assert found == [
        (2, "CR011"), (4, "CR003"), (6, "CR005"), (7, "CR008"), (11, "CR010"), (12, "CR006"), (15, "CR011"),
        (16, "CR009"), (16, "CR011"), (19, "CR010"), (21, "CR009"), (21, "CR011"),
    ]


def test_messages_carry_did_you_mean_and_a_caret(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    rendered = {d.code + str(d.source.span.line if d.source.span else 0): d.render() for d in lint([path]).diagnostics}
    assert rendered["CR0034"] == (f"{path}:4:5: CR003 unknown key 'severty'; did you mean 'severity'?\n"
                                  "        severty: warning\n"
                                  "        ^^^^^^^")
    assert "unknown field 'txt'; did you mean 'text'?" in rendered["CR0056"]
    assert rendered["CR0056"].endswith("^^^")
    assert "unknown function 'nomalize'; did you mean 'normalize'?" in rendered["CR00612"]
    assert "in message placeholder {overview.headng}" in rendered["CR0087"]
    assert "did you mean 'heading'?" in rendered["CR0087"]
    assert "also a rule of pack ogi-2021" in rendered["CR00921"]


def test_the_default_pack_is_lint_clean() -> None:
    result = lint()
    assert result.diagnostics == []  # no warning either: every rule has basis, fix and labelled evidence
    assert len(result.packs[0].rules) == RULES_IN_DEFAULT_PACK


def test_loading_still_stops_at_the_first_fatal_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(path, base=load_default_pack())
    assert str(info.value).startswith(f"{path}:4:5: CR003 unknown key 'severty'")


def test_a_rule_without_examples_still_loads_for_check(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(BAD.split("  - id: local.two")[0].replace("    severty: warning\n", "")
                    .replace("overview.txt", "overview.text").replace("headng", "heading"), encoding="utf-8")
    assert [r.id for r in load_pack(path, base=load_default_pack()).rules] == ["local.one"]
    assert codes_at(path) == [(2, "CR011")]


def test_cli_exit_codes_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "lint"]) == 0
    out, err = capsys.readouterr()
    assert out == f"ok: {RULES_IN_DEFAULT_PACK} rule(s), no problems\n"
    assert err == ""
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    assert main(["rules", "lint", str(path)]) == 1
    out, err = capsys.readouterr()
    assert f"{path}:4:5: CR003 unknown key 'severty'; did you mean 'severity'?" in out
    assert "12 problem(s) (" in out  # problems, warnings and the summary on one stream
    assert "; 8 warning(s) (CR017 ×8); see docs/errors.md" in out
    assert err == ""
    assert main(["rules", "lint", str(tmp_path / "missing.yaml")]) == 1
    assert "no such rule file or folder" in capsys.readouterr().out


def test_invalid_yaml_and_schema_problems_are_reported_per_file(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("name: local\nversion: '1.0'\nextends: [ogi-2021]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("rules:\n  - id: x.y\n    title: [oops\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("rules:\n  - id: x.z\n    title: {zh: a, en: b}\n    severity: fatal\n"
                                     "    require: metadata.year > 2000\n    message: {zh: a, en: b}\n",
                                     encoding="utf-8")
    found = [(Path(d.source.uri).name, d.code) for d in lint([tmp_path]).diagnostics]
    assert found == [("a.yaml", "CR001"), ("b.yaml", "CR002")]


def test_every_code_is_explained_in_docs_errors_md() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"## {code}" in text, code


GUIDED = """\
rules:
  - id: local.guided
    title: {zh: 一, en: one}
    basis: 条例第五十条
    fix: {zh: 写明。, en: State it.}
    severity: warning
    require: overview.text != ""
    message: {zh: "x", en: "x"}
    evidence:
      text: overview.text
      heading: {value: overview.heading, label: {zh: 标题, en: heading}}
    examples:
      - {name: a, expect: pass}
      - {name: b, expect: fail, set: {/sections/0/text: ""}}
"""


def test_a_rule_without_basis_fix_or_labels_gets_warnings_not_problems(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "guided.yaml"
    path.write_text(GUIDED, encoding="utf-8")
    result = lint([path])
    assert result.ok
    assert result.problems == []
    assert [(d.source.span.line if d.source.span else 0, d.code) for d in result.warnings] == [(4, "CR017"),
                                                                                                (10, "CR018")]
    assert "CR017 warning: `basis:` of rule 'local.guided' is one string" in str(result.warnings[0])
    assert "evidence 'text' has no readable label" in str(result.warnings[1])
    assert main(["rules", "lint", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("ok: 1 rule(s), no problems; 2 warning(s) (CR017 ×1, CR018 ×1), see docs/errors.md\n")
    assert err == ""
    rule = load_pack(path, base=load_default_pack()).rule("local.guided")
    assert rule is not None
    assert (rule.basis.zh, rule.basis.en, rule.fix.en) == ("条例第五十条", "条例第五十条", "State it.")
    assert {k: v.zh for k, v in rule.evidence_labels.items()} == {"heading": "标题"}

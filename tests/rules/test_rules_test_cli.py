"""``compliance rules test``: failures isolated per rule with their place, coverage, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.cli import main
from compliance.rules import load_default_pack

LOCAL = """\
rules:
  - id: local.many-applications
    title: {zh: 申请不少于 10 件, en: At least 10 applications}
    severity: info
    require: t2.new_received.values.total >= 10
    message: {zh: "只收到 {t2.new_received.values.total} 件申请", en: "only {t2.new_received.values.total}"}
    examples:
      - {name: eleven, expect: pass}
      - name: five
        expect: fail
        set: {/tables/applications/rows/new_received/values/total: 5}
        message: 只收到 5 件申请
      - name: wrongly expected
        expect: pass
        set: {/tables/applications/rows/new_received/values/total: 5}
  - id: local.crash
    title: {zh: x, en: x}
    severity: info
    require: 10 / (t2.new_received.values.total - 11) > 0
    message: {zh: x, en: x}
    examples:
      - {name: division by zero, expect: error}
      - {name: bad pointer, expect: fail, remove: [/tables/nothing]}
"""


def test_the_default_pack_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test"]) == 0
    out = capsys.readouterr().out
    assert "failed 0" in out
    n = len(load_default_pack().rules)
    assert f"rules: {n}, with a passing and a failing example: {n}" in out
    assert "model paths read (rule × path)" in out


def test_failures_are_isolated_and_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    assert main(["rules", "test", str(path), "-v"]) == 1
    out = capsys.readouterr().out
    assert (f"{path}:13:9: CR030 local.many-applications › wrongly expected: expected pass, got fail: "
            "只收到 5 件申请") in out
    assert f"{path}:23:9: CR030 local.crash › bad pointer: /tables/nothing: nothing to remove" in out
    assert "ok   local.many-applications › five (fail)" in out
    assert "ok   local.crash › division by zero (error)" in out
    assert "examples: 5, passed 3, failed 2" in out
    assert "without both kinds: local.crash" in out


def test_one_rule_only_and_an_unknown_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", "--rule", "review.total"]) == 0
    assert "examples: 4," in capsys.readouterr().out  # pass, fail, error (no table 3), skip (unreadable)
    assert main(["rules", "test", "--rule", "review.totl"]) == 2
    assert "did you mean 'review.total'?" in capsys.readouterr().err

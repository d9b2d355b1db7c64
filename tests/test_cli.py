"""The command line as users run it: exit codes, stdout vs stderr, JSON contract, --rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.rules import load_default_pack
from compliance.schemas import issues
from tests.conftest import corrected_seed_text


def run(*args: str) -> tuple[int, str, str]:
    """Run the real console entry point in a subprocess (as a user would)."""
    proc = subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    return proc.returncode, proc.stdout, proc.stderr


def test_example_prints_the_two_failing_rules_and_exits_1() -> None:
    code, out, err = run("check", "--example")
    assert code == 1
    assert err == ""
    assert "2 条规则未通过" in out.splitlines()[0]
    assert "applications.row-totals" in out
    assert "applications.results-total" in out
    assert "（一）予以公开：总计 0 ≠ 自然人 6" in out
    assert "表二 （一）予以公开 / 总计" in out  # the cell by its labels (the source line is in JSON)


def test_english_output() -> None:
    code, out, _ = run("check", "--example", "--lang", "en")
    assert code == 1
    assert "2 rule(s) not satisfied" in out
    assert "(1) granted: total 0 ≠ natural persons 6" in out


def test_json_output_follows_the_contract_and_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--example", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert issues("results", document) == ()
    report = document["reports"][0]
    assert report["error"] is None
    assert report["report"] == {"agency": "聊城市人力资源和社会保障局", "year": 2023, "level": "department",
                                "title": "聊城市人力资源和社会保障局 2023年政府信息公开工作年度报告"}
    fails = [f for f in report["findings"] if f["status"] == "fail"]
    assert sorted({f["rule"] for f in fails}) == ["applications.results-total", "applications.row-totals"]
    assert len(fails) == 5
    assert document["summary"]["by_rule"]["applications.row-totals"] == {"fail": 4}
    count = len(load_default_pack().rules)  # counted from the pack: other issues add rules
    assert document["rulepacks"] == [{"name": "ogi-2021", "version": "1.1.0", "rules": count}]
    rules = {f["rule"] for f in report["findings"]}
    assert len(rules) == count  # every rule of the pack appears


def test_corrected_report_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fixed.txt"
    path.write_text(corrected_seed_text(), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "全部适用规则通过" in capsys.readouterr().out


def test_fail_on_never_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--example", "--fail-on", "never"]) == 0


def test_extract_then_check_the_model_gives_the_same_findings(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "model.json"
    assert main(["extract", "--output", str(model), str(Path(__file__).parent / "../src/compliance/examples"
                                                          / "liaocheng-hrss-2023.txt")]) == 0
    assert main(["check", "--format", "json", str(model)]) == 1
    from_model = json.loads(capsys.readouterr().out)["reports"][0]["findings"]
    assert main(["check", "--example", "--format", "json"]) == 1
    from_text = json.loads(capsys.readouterr().out)["reports"][0]["findings"]
    assert [(f["rule"], f["status"], f["message"]) for f in from_model] == \
        [(f["rule"], f["status"], f["message"]) for f in from_text]


def test_an_invalid_model_names_the_json_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = json.loads(subprocess.run([sys.executable, "-m", "compliance", "extract", str(
        Path(__file__).parent.parent / "src/compliance/examples/liaocheng-hrss-2023.txt")],
        capture_output=True, text=True, check=True).stdout)
    model["tables"]["applications"]["rows"]["granted"]["values"]["total"] = "six"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "/tables/applications/rows/granted/values/total" in err
    assert str(path) in err


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty"), (b"\x00\x01\x02binary", "binary")])
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run("check", str(path))
    assert code == 2
    assert err.count("\n") == 1
    assert str(path) in err
    assert reason in err
    assert "Traceback" not in err


def test_a_batch_keeps_going_past_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(corrected_seed_text(), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["check", "--format", "json", str(tmp_path)]) == 2
    document = json.loads(capsys.readouterr().out)
    assert [(Path(r["source"]).name, r["error"] is None) for r in document["reports"]] == [("a.txt", True),
                                                                                          ("b.txt", False)]
    assert document["summary"]["unreadable"] == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", "no-such-file.txt"]) == 2
    assert main(["check", "--example", "--format", "sarf"]) == 2
    assert "sarf" in capsys.readouterr().err


def test_a_new_yaml_rule_is_added_without_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = tmp_path / "local.yaml"
    rule.write_text("""
rules:
  - id: local.new-media
    title: {zh: 总体情况提到政务新媒体, en: The overview mentions government new media}
    severity: warning
    require: matches(overview.text, "政务新媒体")
    message: {zh: 未提到政务新媒体, en: no mention of government new media}
  - id: local.many-applications
    title: {zh: 申请不少于 100 件, en: At least 100 applications}
    severity: info
    require: t2.new_received.values.total >= 100
    message: {zh: "只收到 {t2.new_received.values.total} 件申请", en: "only {t2.new_received.values.total}"}
""", encoding="utf-8")
    assert main(["check", "--example", "--format", "json", "--rules", str(rule)]) == 1
    findings = json.loads(capsys.readouterr().out)["reports"][0]["findings"]
    local = {f["rule"]: (f["status"], f["message"]) for f in findings if f["rule"].startswith("local.")}
    assert local == {"local.new-media": ("pass", "总体情况提到政务新媒体"),
                     "local.many-applications": ("fail", "只收到 11 件申请")}


def test_a_rule_with_a_typo_is_rejected_with_file_line_column(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    rule = tmp_path / "typo.yaml"
    rule.write_text("rules:\n  - id: local.typo\n    title: {zh: 错, en: typo}\n    severity: error\n"
                    "    require: tables.applications.rows.granted.values.totl == 0\n"
                    "    message: {zh: x, en: x}\n", encoding="utf-8")
    assert main(["check", "--example", "--rules", str(rule)]) == 2
    err = capsys.readouterr().err
    assert f"{rule}:5:" in err
    assert "unknown field 'totl'; did you mean 'total'?" in err


def test_the_fast_validator_and_jsonschema_agree_on_valid_and_broken_models(tmp_path: Path) -> None:
    from compliance.model.report import loads_json
    from compliance.schemas import _fast, issues

    model = loads_json(subprocess.run([sys.executable, "-m", "compliance", "extract", str(
        Path(__file__).parent.parent / "src/compliance/examples/liaocheng-hrss-2023.txt")],
        capture_output=True, text=True, check=True).stdout)
    fast = _fast("report")
    fast(model)  # valid for both
    assert issues("report", model) == ()
    for breakage in ({"schema_version": "2"}, {"metadata": {"year": "2023"}}, {"sections": [{"number": 0}]},
                     {"metadata": {"published": "2024-13-40"}}, {"extra": 1}):
        broken = {**model, **breakage}
        found = issues("report", broken)
        assert found, breakage
        with pytest.raises(Exception):  # noqa: B017, PT011 - fastjsonschema's own exception type
            fast(broken)


@pytest.mark.parametrize("arguments", [[], ["--help"], ["check", "--example"]])
def test_output_to_a_reader_that_went_away_is_no_traceback(arguments: list[str]) -> None:
    # `compliance | head -1`: the pipe's reader closes before the command writes.
    process = subprocess.Popen([sys.executable, "-m", "compliance", *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    with process.stderr:
        errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in errors, errors
    assert "Exception ignored" not in errors, errors

"""Waivers from compliance.toml, end to end: waived findings stay visible as waived in every
format, do not fail the run, and an expired waiver turns back into a failure."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from compliance.cli import main

CONFIG = """
[[waivers]]
rule = "{rule}"
agency = "聊城市人力资源和社会保障局"
year = 2023
by = "办公室 张三"
reason = "总计列已在更正版中修正"
until = {until}
"""


def _run(tmp_path: Path, until: str, *args: str) -> int:
    (tmp_path / "compliance.toml").write_text(
        CONFIG.format(rule="applications.row-totals", until=until)
        + CONFIG.format(rule="applications.results-total", until=until), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return main(["check", "--example", "--jobs", "1", *args])
    finally:
        os.chdir(cwd)


def test_active_waivers_pass_the_run_and_stay_visible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, "2099-12-31") == 0
    out = capsys.readouterr().out
    assert "已豁免 (5)" in out
    assert "总计列已在更正版中修正" in out


@pytest.mark.parametrize(("fmt", "marker"), [("markdown", "已豁免 (5)"), ("csv", ",waived,"), ("html", "已豁免 (5)")])
def test_every_format_shows_the_waived_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                fmt: str, marker: str) -> None:
    assert _run(tmp_path, "2099-12-31", "--format", fmt) == 0
    assert marker in capsys.readouterr().out


def test_json_carries_the_waiver(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, "2099-12-31", "--format", "json") == 0
    findings = json.loads(capsys.readouterr().out)["reports"][0]["findings"]
    waived = [f for f in findings if "waiver" in f]
    assert len(waived) == 5
    assert {f["waiver"]["by"] for f in waived} == {"办公室 张三"}
    assert not any(f["waiver"]["expired"] for f in waived)


def test_an_expired_waiver_is_a_failure_again_and_says_so(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, "2024-01-31", "--lang", "en") == 1
    out = capsys.readouterr().out
    assert "expired on 2024-01-31" in out

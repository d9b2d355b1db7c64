"""A first hour without surprises (issue 14 item 5): the distribution name, ``compliance`` alone,
did-you-mean for options and commands, the format from ``-o``, the configuration named when
applied, ``rules lint`` on one stream, ``--debug`` anywhere."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.cli.check import format_for
from compliance.rules.plugins import engine_version

ROOT = Path(__file__).resolve().parents[1]


def test_the_distribution_is_not_named_compliance() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "ogi-compliance"
    assert project["scripts"] == {"compliance": "compliance.cli:main"}  # the command stays
    assert "ogi_compliance-*.whl" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert engine_version() is not None  # found under the new name (or the old one, installed before)


def test_every_install_hint_names_the_distribution() -> None:
    for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "src" / "compliance").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "'compliance[" not in text, path
        assert "pip install compliance" not in text, path


def test_compliance_alone_prints_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("check", "extract", "rules", "compare"):
        assert f"    {command} " in out
    assert "compliance check --example" in out


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "--exmaple"], "unrecognized arguments: --exmaple; did you mean '--example'?"),
    (["check", "--example", "--fomat=json"], "did you mean '--format'?"),
    (["rules", "lint", "--no-defualt-rules"], "did you mean '--no-default-rules'?"),
    (["chek"], "did you mean 'check'?"),
    (["rules", "lnt"], "did you mean 'lint'?"),
    (["--verison"], "name a command: check, extract, rules, compare"),
    (["rules"], "name a command: list, lint, test, docs"),
])
def test_a_misspelt_option_or_command_gets_a_suggestion(argv: list[str], expected: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(("name", "expected"), [
    ("out.json", "json"), ("OUT.HTML", "html"), ("r.htm", "html"), ("r.csv", "csv"), ("r.md", "markdown"),
    ("r.sarif", "sarif"), ("r.sarif.json", "sarif"), ("r.xml", "junit"), ("r.jsonl", "jsonl"), ("r.txt", "text"),
    ("report", "text"), (None, "text"),
])
def test_the_format_follows_the_output_extension(name: str | None, expected: str) -> None:
    assert format_for(name) == expected


def test_o_json_writes_json_unless_format_says_otherwise(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["check", "--example", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "compliance"
    assert main(["check", "--example", "-o", str(out), "--format", "text"]) == 1
    assert out.read_text(encoding="utf-8").startswith("✗ ")
    page = tmp_path / "out.html"
    assert main(["check", "--example", "-o", str(page)]) == 1
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_configuration_applied_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--example"]) == 1
    assert "configuration" not in capsys.readouterr().err  # none found: nothing said
    (tmp_path / "compliance.toml").write_text('disable = ["narrative.internal-sums"]\n', encoding="utf-8")
    assert main(["check", "--example"]) == 1
    assert capsys.readouterr().err == "compliance: configuration compliance.toml applied\n"
    assert main(["check", "--example", "-q"]) == 1
    assert capsys.readouterr().err == ""


def test_debug_is_accepted_anywhere(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--debug", "check", "--example"]) == 1
    assert main(["check", "--example", "--debug"]) == 1
    assert main(["check", "--debug", "--example", "--format", "json"]) == 1
    capsys.readouterr()


def test_rules_lint_prints_on_one_stream(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "lint"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: ")
    assert err == ""

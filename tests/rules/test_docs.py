"""docs/rules.md is generated from the YAML and must be current; the HTML page renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.cli import main
from compliance.rules import load_default_pack
from compliance.rules.docs import render_html, render_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_committed_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown([load_default_pack()]), (
        "docs/rules.md is stale: run `compliance rules docs -o docs/rules.md`")


def test_the_catalogue_shows_every_rule_with_its_examples() -> None:
    text = render_markdown([load_default_pack()])
    for rule in load_default_pack().rules:
        assert f"### `{rule.id}`" in text
        assert rule.title.zh in text
        for example in rule.examples:
            assert example.name.replace("|", "\\|") in text
    assert "| a department on 15 February | fail (“部门的2023年度报告应于2024-01-31前发布" in text


def test_html_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "rules.html"
    assert main(["rules", "docs", "-o", str(tmp_path / "rules.md"), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<section id="applications.row-totals">' in html
    assert render_html([load_default_pack()]) == html
    assert main(["rules", "docs", "--check", str(tmp_path / "rules.md")]) == 0
    (tmp_path / "rules.md").write_text("old", encoding="utf-8")
    assert main(["rules", "docs", "--check", str(tmp_path / "rules.md")]) == 1
    assert "is stale" in capsys.readouterr().err

"""Golden files: every reporter's output on the seed, byte for byte (reviewed by eye once)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from compliance.reporters import REPORTERS
from compliance.results import Results, Status, rule_status
from compliance.rules import load_default_pack
from compliance.schemas import issues
from tests.reporters.conftest import compare_golden

RULES_IN_DEFAULT_PACK = len(load_default_pack().rules)

SUFFIX = {"text": "txt", "json": "json", "jsonl": "jsonl", "csv": "csv", "markdown": "md", "html": "html",
          "sarif": "sarif", "junit": "xml"}


def test_every_format_has_a_golden_file() -> None:
    assert set(REPORTERS) == set(SUFFIX)


@pytest.mark.parametrize("name", sorted(SUFFIX))
def test_golden(name: str, seed_zh: Results, update_golden: bool) -> None:
    compare_golden(f"seed.{SUFFIX[name]}", REPORTERS[name].render(seed_zh), update_golden)


def test_text_is_plain_unless_colour_is_asked(seed_zh: Results) -> None:
    plain = REPORTERS["text"].render(seed_zh)
    coloured = REPORTERS["text"].render(seed_zh, color=True)
    assert "\033[" not in plain
    assert "\033[1;31m✗" in coloured
    lines = plain.splitlines()
    assert lines[0].startswith("✗ ")
    assert "2 条规则未通过" in lines[0]
    assert lines[3] == "  三、收到和处理政府信息公开申请情况"  # failures grouped by the section they are in
    assert "↳ 表二 （一）予以公开 / 总计「0」  |  总计：0 · 各类申请人之和：6" in plain  # the cell by its labels
    assert "第60行" not in plain  # source lines are for tools (JSON, SARIF)
    assert "依据：国办公开办函〔2021〕30号 附表 三（总计列）" in plain
    assert "修改建议：核对该行各类申请人的数字" in plain


def test_json_validates_against_the_results_schema(seed_zh: Results) -> None:
    document = json.loads(REPORTERS["json"].render(seed_zh))
    assert issues("results", document) == ()
    summary = document["summary"]
    assert summary["checked"] == 1
    assert summary["pass_rate"]["applications.row-totals"] == 0
    assert [d["rule"] for d in summary["top_defects"]] == ["applications.results-total", "applications.row-totals"]


def test_csv_has_a_bom_and_one_row_per_rule(seed_zh: Results) -> None:
    text = REPORTERS["csv"].render(seed_zh)
    assert text.startswith("\ufeffsource,agency,year,rule,")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == RULES_IN_DEFAULT_PACK
    row = next(r for r in rows if r["rule"] == "applications.row-totals")
    assert (row["status"], row["failures"], row["year"]) == ("fail", "4", "2023")
    assert row["message"].startswith("（一）予以公开：总计 0 ≠ 自然人 6")


def test_junit_is_well_formed_with_a_test_case_per_rule(seed_zh: Results) -> None:
    root = ET.fromstring(REPORTERS["junit"].render(seed_zh).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert len(suite.findall("testcase")) == RULES_IN_DEFAULT_PACK
    skipped = sum(rule_status(fs) is Status.SKIP for fs in seed_zh.reports[0].by_rule().values())
    assert skipped == 6  # 2 that do not apply, and 4 that need a previous report or counts in the text
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == \
        (str(RULES_IN_DEFAULT_PACK), "2", str(skipped))
    failing = [c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None]
    assert failing == ["applications.row-totals", "applications.results-total"]


def test_markdown_escapes_table_cells(seed_zh: Results) -> None:
    text = REPORTERS["markdown"].render(seed_zh)
    assert text.startswith("## ❌ 2 条规则未通过")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    cells = [len(re.split(r"(?<!\\)\|", line)) for line in table]  # unescaped pipes only
    assert set(cells) == {6}


def test_english(seed_zh: Results) -> None:
    from tests.reporters.conftest import seed_results

    en = seed_results("en")
    text = REPORTERS["text"].render(en)
    assert "2 rule(s) not satisfied" in text
    assert "↳ Table 2 (1) granted / total「0」  |  total: 0 · sum of the applicants: 6" in text
    assert "Basis: 2021 report format, table 3 (total column)" in text
    assert "3. applications" not in text  # section headings are the report's own

"""The default pack on the seed gives exactly what shared/spec/rules.md says, and every rule exists."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from compliance.engine import check_report
from compliance.model.report import Report
from compliance.readers import read_bytes
from compliance.results import Status
from compliance.rules import RulePack
from tests.conftest import corrected_seed_text

CATALOGUE = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "rules.md"

# The ids of shared/spec/rules.md (kept here too, so the test runs where shared/ is absent).
RULE_IDS = {
    "sections.present", "sections.order", "sections.non-empty", "sections.declared-parts", "overview.aspects",
    "government.assessment", "problems.stated", "improvements.stated", "period.stated", "period.calendar-year",
    "period.narrative-year", "fees.processing-fee-disclosed", "fees.unpaid-link", "active-disclosure.fee-amount",
    "tables.active-disclosure.present", "tables.applications.present", "tables.review-litigation.present",
    "tables.format-2021", "tables.labels", "counts.non-negative-integers", "counts.blank-cells",
    "applications.row-totals", "applications.results-total", "applications.balance", "review.total",
    "litigation.direct.total", "litigation.after-review.total", "review-litigation.plausibility",
    "active-disclosure.stock-flow", "narrative.applications-received", "narrative.review-litigation",
    "narrative.internal-sums", "other.npc-cppcc", "other.work-points", "timeliness.deadline",
}


# Rules the pack adds beyond the catalogue (each from domain.md), so the catalogue stays a subset.
BEYOND_CATALOGUE = {"applications.group-subtotals",
                    "sections.heading-wording",  # issue 10: a note on heading variants
                    "tables.column-labels",  # issue 10: column headers as written (a slip such as 本年废纸件数)
                    # issue 13: across years (80-years.yaml) and words against table 1
                    "years.consecutive", "years.carry-over", "years.stock-flow", "narrative.active-disclosure"}


def test_every_catalogue_rule_is_in_the_pack_with_its_severity(default_pack: RulePack) -> None:
    ids = {rule.id for rule in default_pack.rules}
    assert ids == RULE_IDS | BEYOND_CATALOGUE
    if CATALOGUE.is_file():  # cross-check ids and severities against the catalogue itself
        rows = re.findall(r"^\| `([a-z0-9.-]+)` \| ([EWI]) \|", CATALOGUE.read_text(encoding="utf-8"), re.M)
        assert {rid for rid, _ in rows} == RULE_IDS
        severity = {rule.id: rule.severity.value[0].upper() for rule in default_pack.rules
                    if rule.id in RULE_IDS}
        assert dict(rows) == severity


def test_seed_gives_the_two_failing_rules_of_the_catalogue(seed_report: Report, default_pack: RulePack) -> None:
    result = check_report(seed_report, [default_pack])
    failing = Counter(f.rule for f in result.findings if f.status is Status.FAIL)
    assert failing == {"applications.row-totals": 4, "applications.results-total": 1}
    assert not [f for f in result.findings if f.status is Status.ERROR]
    skipped = {f.rule for f in result.findings if f.status is Status.SKIP}
    # alone (no previous report) the years.* rules skip; the seed states no counts of 规范性文件
    assert skipped == {"government.assessment", "timeliness.deadline", "years.consecutive", "years.carry-over",
                       "years.stock-flow", "narrative.active-disclosure"}


def test_seed_row_total_failures_name_the_rows_numbers_and_lines(seed_report: Report,
                                                                 default_pack: RulePack) -> None:
    result = check_report(seed_report, [default_pack])
    rows = {f.pointer: (f.evidence["total"], f.evidence["sum_of_applicants"], f.location)
            for f in result.findings if f.rule == "applications.row-totals"}
    base = "/tables/applications/rows/"
    assert rows == {
        base + "granted/values/total": (0, 6, {"line": 60, "column": 9}),
        base + "partly_granted/values/total": (0, 2, {"line": 61, "column": 9}),
        base + "unable_not_held/values/total": (0, 2, {"line": 70, "column": 10}),
        base + "unable_needs_creation/values/total": (0, 1, {"line": 71, "column": 10}),
    }
    granted = next(f for f in result.findings if f.pointer == base + "granted/values/total")
    assert granted.message.startswith("（一）予以公开：总计 0 ≠ 自然人 6 + 商业企业 0")
    assert granted.message.endswith("= 6")


def test_seed_results_total_fails_in_the_total_column_only(seed_report: Report, default_pack: RulePack) -> None:
    result = check_report(seed_report, [default_pack], lang="en")
    fails = [f for f in result.findings if f.rule == "applications.results-total"]
    assert len(fails) == 1
    assert fails[0].status is Status.FAIL
    assert fails[0].pointer == "/tables/applications/rows/results_total/values/total"
    assert fails[0].evidence == {"results_total": 11, "sum_of_results": 0}
    assert fails[0].message == "total column: (7) total 11 ≠ the sum of the results (1)–(6), 0"


def test_corrected_seed_passes_every_applicable_rule(default_pack: RulePack) -> None:
    report = read_bytes(corrected_seed_text().encode("utf-8"), uri="corrected.txt")
    result = check_report(report, [default_pack])
    statuses = Counter(f.status for f in result.findings)
    assert statuses[Status.FAIL] == 0
    assert statuses[Status.ERROR] == 0
    assert {f.rule for f in result.findings} == RULE_IDS | BEYOND_CATALOGUE  # every rule reports


def test_a_missing_table_gives_error_findings_never_pass(default_pack: RulePack) -> None:
    text = corrected_seed_text()
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开行政复议")
    stripped = text[:start] + "三、收到和处理政府信息公开申请情况\n\n本年度未收到申请。\n\n" + text[end:]
    result = check_report(read_bytes(stripped.encode("utf-8"), uri="no-table-2.txt"), [default_pack])
    by_rule = {f.rule: f for f in result.findings}
    for rule in ("applications.row-totals", "applications.results-total", "applications.balance"):
        assert by_rule[rule].status is Status.ERROR
        assert "表二" in by_rule[rule].message
    assert by_rule["tables.applications.present"].status is Status.FAIL


def test_wrong_period_and_missing_fee_statement_are_caught(default_pack: RulePack) -> None:
    text = corrected_seed_text().replace("从2023年1月1日到2023年12月31日", "从2022年1月1日到2022年12月31日")
    text = text.replace("2023 年度未收取政府信息公开费用。", "相关工作按规定开展。")
    result = check_report(read_bytes(text.encode("utf-8"), uri="x.txt"), [default_pack])
    failing = {f.rule for f in result.findings if f.status is Status.FAIL}
    assert failing == {"period.calendar-year", "fees.processing-fee-disclosed"}


def test_a_missing_section_fails_sections_present_naming_it(default_pack: RulePack) -> None:
    text = corrected_seed_text().replace("五、存在的主要问题及改进情况\n", "")
    result = check_report(read_bytes(text.encode("utf-8"), uri="x.txt"), [default_pack])
    present = [f for f in result.findings if f.rule == "sections.present" and f.status is Status.FAIL]
    assert [f.item for f in present] == ["五、存在的主要问题及改进情况"]
    assert "第5部分" in present[0].message

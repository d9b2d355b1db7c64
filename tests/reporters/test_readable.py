"""Reports people read (issue 14): on the shared pages (HTML as published and the crawler's text
copies), the text and HTML reports show no evidence label that is an internal name or an
expression, every finding has its basis and fix, and places are sections, paragraphs and table
cells, not source lines. The JSON keeps the names and the lines for tools."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from compliance.api import check, example_path, load_packs, results_for
from compliance.reporters import REPORTERS
from compliance.results import Results, Status

CORPUS = Path(__file__).resolve().parents[1] / "readers" / "corpus"
INPUTS = sorted([*CORPUS.glob("*.html"), *(CORPUS / "flattened").glob("*.txt")])
PACKS = load_packs()
# What an internal name or an expression looks like: snake_case or dotted names, calls, operators.
INTERNAL = re.compile(r"[a-z]+_[a-z_]+|[A-Za-z_]\w*\.[A-Za-z_]|\w\(|==|\?\?|\[[a-z_0-9]+\]")


def _results(path: Path, lang: str) -> Results:
    return results_for([check(path, PACKS, lang=lang)], PACKS, lang=lang)


def _text_labels(text: str) -> list[str]:
    """The evidence labels the text report prints (after ``↳ place  |``)."""
    labels = []
    for line in text.splitlines():
        if "↳" in line and "  |  " in line:
            for part in line.split("  |  ", 1)[1].split(" · "):
                labels.append(re.split(r"：|: ", part, maxsplit=1)[0].strip())
    return labels


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_no_internal_name_or_expression_is_an_evidence_label(path: Path, lang: str) -> None:
    results = _results(path, lang)
    report = results.reports[0]
    failures = report.failures()
    assert failures, "the shared pages each have findings"
    text = REPORTERS["text"].render(results)
    page = REPORTERS["html"].render(results)
    labels = _text_labels(text)
    dts = [html.unescape(dt) for block in re.findall(r'<dl class="ev">(.*?)</dl>', page)
           for dt in re.findall(r"<dt>(.*?)</dt>", block)]
    assert dts, "the HTML report shows labelled evidence"
    allowed = {label for f in failures for label in f.labels.values()}
    for label in [*labels, *dts]:
        assert label in allowed, label
        assert not INTERNAL.search(label), label
    for f in failures:
        for key in f.evidence:
            if key not in f.labels:  # left out of the reports for people, kept in JSON
                assert f"{key}：" not in text
                assert f"{key}: " not in text
                assert f"<dt>{html.escape(key)}</dt>" not in page
        assert f.basis, f.rule
        assert f.fix, f.rule
        assert f.fix in text, f.rule
        assert html.escape(f.fix) in page, f.rule
    assert "第349行" not in text
    assert not re.search(r"↳ (第\d+行|line \d+)", text)  # places people find, not source lines


def test_the_pingtan_2023_findings_point_at_sections_and_paragraphs() -> None:
    results = _results(CORPUS / "pingtan-2023.html", "zh")
    text = REPORTERS["text"].render(results)
    assert "↳ 一、总体情况 第3段「清理并集中发布现行有效行政规范性文件393件」" in text
    assert "↳ 六、其他需要报告的事项 第1段「2023年，无收取信息处理费情况。」" in text
    assert "报告全文：全文 2213 字，未见所查写法 · 所查事项：社会评议" in text  # not the first 80 characters
    assert "依据：《政府信息公开条例》第五十条第（四）项" in text
    report = results.reports[0]
    other = next(f for f in report.failures() if f.rule == "other.npc-cppcc")
    assert other.location == {"line": 349}  # the source line stays in JSON for tools
    assert other.to_dict()["evidence_labels"] == {"text": "第六部分"}


def test_the_html_report_marks_paragraphs_and_says_when_and_what_was_checked() -> None:
    results = _results(CORPUS / "pingtan-2023.html", "zh")
    page = REPORTERS["html"].render(results)
    assert f"<dt>检查时间</dt><dd>{results.checked_at}</dd>" in page
    assert re.search(r"<dt>文件 SHA-256</dt><dd>[0-9a-f]{64}</dd>", page)
    assert "<dt>检查工具</dt><dd>compliance " in page
    assert "<dt>规则包</dt><dd>ogi-2021 " in page
    marked = re.findall(r'<p id="(r0-p-\d+-\d+)" class="marked">', page)
    assert marked == ["r0-p-0-3", "r0-p-5-1"]
    assert '<a href="#r0-p-5-1">六、其他需要报告的事项 第1段' in page  # the finding links to its paragraph


def test_every_finding_of_the_seed_has_basis_and_fix_in_the_language_asked() -> None:
    for lang, pattern in (("zh", r"[\u4e00-\u9fff]"), ("en", r"[A-Za-z]{3}")):
        result = check(example_path(), PACKS, lang=lang)
        for finding in result.findings:
            data = finding.to_dict()
            assert data["basis"], finding.rule
            assert data["fix"], finding.rule
            assert re.search(pattern, data["fix"]), (lang, finding.rule)
    statuses = {f.status for f in check(example_path(), PACKS).findings}
    assert Status.PASS in statuses  # passing findings carry them too


CONVERTED = Path(__file__).resolve().parents[1] / "corpus" / "converted"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_text_report_says_what_was_not_checked_and_why(lang: str) -> None:
    """A table found but unreadable (pdftotext without -layout writes it column by column) skips
    the rules that need it: the counts alone would call them "not applicable", so the text report
    lists each reason once with the rules it kept from being checked; rules that simply do not
    apply stay in the count only."""
    dump = _results(CONVERTED / "pingtan-2022-pdftotext.txt", lang)
    text = REPORTERS["text"].render(dump)
    block = text.split("未检查" if lang == "zh" else "Not checked", 1)[1]
    reasons = [line for line in block.splitlines() if line.startswith("  - ")]
    table_2 = [line for line in reasons if "tables.applications.present" in line]
    assert any("applications.row-totals" in line and "applications.balance" in line for line in table_2)
    assert any("pdftotext -layout" in line for line in table_2)  # what to do, once per table
    assert len(reasons) == len({line.split("  (")[0] for line in reasons})  # each reason once
    skipped = {f.rule for f in dump.reports[0].findings if f.status is Status.SKIP}
    listed = {rule for line in reasons for rule in re.split("、|, ", line.rsplit("  (", 1)[1].rstrip(")"))}
    generic = {f.rule for f in dump.reports[0].findings if f.status is Status.SKIP
               and f.message in ("不适用", "does not apply")}
    assert listed == skipped - generic
    assert generic  # the seed-like rules that do not apply are not listed


def test_the_markdown_report_says_what_was_not_checked_and_why() -> None:
    text = REPORTERS["markdown"].render(_results(CONVERTED / "pingtan-2022-pdftotext.txt", "zh"))
    block = text.split("**未检查**", 1)[1].split("规则 42 条", 1)[0]
    assert "`applications.row-totals`" in block
    assert "pdftotext -layout" in block
    assert "`government.assessment`" not in block  # skipped because it does not apply: in the count only


def test_the_html_report_says_what_was_not_checked_and_why() -> None:
    page = REPORTERS["html"].render(_results(CONVERTED / "pingtan-2022-pdftotext.txt", "zh"))
    block = page.split('<div class="unchecked">', 1)[1].split("</div>", 1)[0]
    assert "<code>applications.row-totals</code>" in block
    assert "pdftotext -layout" in block
    assert "<code>government.assessment</code>" not in block  # does not apply: in the count only

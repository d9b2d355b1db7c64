"""Hostile documents: each gives a clear input error or a model (then findings) — never a crash,
a hang or unbounded memory. Timings and peak memory are recorded in docs/security.md, not here."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from compliance.api import check, load_packs
from compliance.errors import ComplianceError, DocumentError, LimitExceededError
from compliance.readers import read_bytes
from compliance.readers.limits import MAX_GRID_CELLS
from compliance.results import Status

CORPUS = Path(__file__).resolve().parents[1] / "readers" / "corpus"
PAGE = (CORPUS / "pingtan-2023.html").read_bytes()
NAV = b'<div class="nav"><ul>' + b"".join(b'<li><a href="/n%d">news %d</a></li>' % (i, i) for i in range(200)) + \
    b"</ul></div>\n"


def _inject(extra: bytes) -> bytes:
    return PAGE.replace(b"</body>", extra + b"</body>", 1)


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_MAX_DOCUMENT_BYTES", str(len(PAGE) - 1))
    with pytest.raises(LimitExceededError, match="the limit is"):
        read_bytes(PAGE, uri="big.html")


def test_a_span_bomb_is_clamped_like_a_browser_does() -> None:
    bomb = b"<table><tr>" + b'<td rowspan="100000" colspan="100000">x</td>' * 50 + b"</tr></table>"
    report = read_bytes(_inject(bomb), uri="bomb.html")
    assert report.data["tables"]["applications"]["rows"]["new_received"]["values"]["total"] == 81


def test_a_table_too_large_even_after_clamping_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    """Refused on its own (the grid bound), but only that table: the page's report is read (issue 11)."""
    rows = 2 + MAX_GRID_CELLS // 1000
    wide = b"<table>" + b'<tr><td colspan="1000">x</td></tr>' * rows + b"</table>"
    report = read_bytes(_inject(wide), uri="wide.html")
    assert report.data["tables"]["applications"]["rows"]["new_received"]["values"]["total"] == 81
    assert any("cells" in r.getMessage() for r in caplog.records)


def test_tables_nested_twenty_deep_do_not_disturb_the_report() -> None:
    inner = b"<td>1</td>"
    for _ in range(20):
        inner = b"<table><tr><td>" + inner + b"</td></tr></table>"
    report = read_bytes(_inject(b"<div>" + inner + b"</div>"), uri="nested.html")
    assert report.data["tables"]["review_litigation"]["rows"]["litigation_direct"]["values"]["total"] == 5


def test_a_ten_thousand_row_table_and_a_100_kb_label_are_read() -> None:
    rows = b"".join(b"<tr><td>row %d</td><td>%d</td></tr>" % (i, i) for i in range(10_000))
    label = "行政许可".encode()
    page = _inject(b"<table>" + rows + b"</table>").replace(label, label + b"x" * 100_000, 1)
    result = check(read_bytes(page, uri="huge.html"), load_packs())
    assert {f.rule for f in result.findings if f.status is Status.FAIL} >= {"tables.labels"}


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"<html><body>" + NAV * 20 + b"</body></html>", "no annual-report content"),
    ("今天天气很好。\n".encode() * 50, "no annual-report content"),
])
def test_non_reports_are_clear_input_errors(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        read_bytes(data, uri="x")


def test_a_truncated_page_gives_error_findings_not_a_pass() -> None:
    report = read_bytes(PAGE[: len(PAGE) // 2], uri="truncated.html")
    result = check(report, load_packs())
    statuses = {f.rule: f.status for f in result.findings}
    assert statuses["tables.review-litigation.present"] is Status.FAIL
    assert statuses["review.total"] is Status.ERROR


def test_mis_declared_encoding_is_still_read() -> None:
    page = PAGE.decode("utf-8").encode("gb18030").replace(b"charset=gb2312", b"charset=utf-8") \
        .replace(b"charset=GB2312", b"charset=utf-8")
    report = read_bytes(page, uri="gbk-as-utf8.html")
    assert report.data["metadata"]["agency"] == "平潭综合实验区"


@pytest.mark.parametrize("cut", [0, 1, 100, 5_000, 20_000, 60_000])
def test_any_prefix_of_a_real_page_reads_or_fails_cleanly(cut: int) -> None:
    with contextlib.suppress(ComplianceError):
        read_bytes(PAGE[:cut], uri="prefix.html")

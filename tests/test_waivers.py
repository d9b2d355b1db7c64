"""Waivers: visible as waived, never hidden; expired ones count as failures again and say so."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from compliance.api import check_paths, example_path
from compliance.config import ConfigError, load_config
from compliance.results import Results, Status
from compliance.rules import load_default_pack
from compliance.waivers import Waiver, WaiverError, apply_waivers, is_waived, parse_waiver, waiver_of, waiver_summary

TODAY = datetime.date(2024, 6, 1)


@pytest.fixture(scope="module")
def results() -> Results:
    return check_paths([str(example_path())], [load_default_pack()])


def waiver(**kw: object) -> Waiver:
    entry = {"rule": "applications.row-totals", "by": "王五", "reason": "已报送更正", "until": "2024-12-31",
             "agency": "聊城市人力资源和社会保障局", **kw}
    return parse_waiver(entry)


def test_an_active_waiver_marks_the_findings_and_keeps_them(results: Results) -> None:
    waived = apply_waivers(results, [waiver(year=2023)], TODAY)
    findings = waived.reports[0].findings
    assert len(findings) == len(results.reports[0].findings)
    rows = [f for f in findings if f.rule == "applications.row-totals"]
    assert len(rows) == 4
    assert all(f.status is Status.FAIL and is_waived(f) for f in rows)
    assert waiver_of(rows[0]) == {"by": "王五", "reason": "已报送更正", "until": "2024-12-31", "expired": False}
    other = next(f for f in findings if f.rule == "applications.results-total")
    assert not is_waived(other)
    assert waiver_of(other) is None
    assert waiver_summary(waived) == {"waived": 4, "waiver_expired": 0}
    assert waiver_summary(results) == {"waived": 0, "waiver_expired": 0}


def test_an_expired_waiver_is_a_failure_again_and_says_so(results: Results) -> None:
    waived = apply_waivers(results, [waiver(until="2024-01-31")], TODAY)
    rows = [f for f in waived.reports[0].findings if f.rule == "applications.row-totals"]
    assert all(f.status is Status.FAIL and not is_waived(f) for f in rows)
    assert all(waiver_of(f) == {"by": "王五", "reason": "已报送更正", "until": "2024-01-31", "expired": True}
               for f in rows)
    assert "豁免已于2024-01-31到期" in rows[0].message
    assert waiver_summary(waived) == {"waived": 0, "waiver_expired": 4}


@pytest.mark.parametrize(("kw", "applies"), [
    ({"year": 2023}, True), ({"year": 2022}, False), ({"agency": "别的局"}, False),
    ({"agency": None, "source": "*.txt"}, True), ({"agency": None, "source": "liaocheng-*"}, True),
    ({"agency": None, "source": "other/*.txt"}, False),
])
def test_matching_by_agency_year_or_source(results: Results, kw: dict[str, object], applies: bool) -> None:
    entry = {k: v for k, v in kw.items() if v is not None}
    w = waiver(**entry) if kw.get("agency", "") is not None else parse_waiver(
        {"rule": "applications.row-totals", "by": "a", "reason": "b", "until": "2099-01-01", **entry})
    waived = apply_waivers(results, [w], TODAY)
    assert waiver_summary(waived)["waived"] == (4 if applies else 0)


def test_passing_findings_are_never_marked(results: Results) -> None:
    waived = apply_waivers(results, [waiver(rule="sections.present")], TODAY)
    assert waiver_summary(waived) == {"waived": 0, "waiver_expired": 0}


@pytest.mark.parametrize(("entry", "message"), [
    ({"rule": "x.y", "by": "a", "reason": "b", "until": "2024-01-01"}, "names the report"),
    ({"rule": "x.y", "by": "a", "until": "2024-01-01", "agency": "c"}, "needs `reason`"),
    ({"rule": "x.y", "by": "a", "reason": "b", "until": "soon", "agency": "c"}, "not a date"),
    ({"rule": "x.y", "by": "a", "reason": "b", "until": "2024-01-01", "agency": "c", "untill": 1}, "did you mean"),
])
def test_invalid_waivers(entry: dict[str, object], message: str) -> None:
    with pytest.raises(WaiverError, match=message):
        parse_waiver(entry)


def test_a_waiver_for_an_unknown_rule_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "compliance.toml"
    path.write_text('[[waivers]]\nrule = "applications.row-total"\nagency = "a"\nby = "b"\nreason = "c"\n'
                    "until = 2030-01-01\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r":2:8: CR021 .*did you mean 'applications.row-totals'"):
        load_config(path).check([load_default_pack()])

"""Across years (issue 13): the previous report as a second input, pairing in a batch, the
years.* rules and narrative.active-disclosure, and ``compliance compare``.

The acceptance checks run on the shared 平潭 pages when they are present (../shared/corpus);
everything else runs on the pack's example model with the 平潭 figures set."""

from __future__ import annotations

import copy
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from compliance import api
from compliance.cli import main
from compliance.errors import RulePackError
from compliance.model.report import Report, dumps_json, report_from_data
from compliance.pairing import AGENCY_NOISE, Identity, agency_key, pair_inputs, pair_reports, refusal
from compliance.results import Finding, ReportResult, Status
from compliance.rules import RulePack
from compliance.rules.examples import load_model

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PAGES = {year: CORPUS / f"pingtan-{year}.html" for year in (2021, 2022, 2023)}
needs_corpus = pytest.mark.skipif(not all(p.is_file() for p in PAGES.values()), reason="shared corpus absent")
YEAR_RULES = ("years.consecutive", "years.carry-over", "years.stock-flow")
ND = "/tables/active_disclosure/rows/normative_documents/values"


def _findings(result: ReportResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def _status(result: ReportResult, rule: str) -> Status:
    found = {f.status for f in _findings(result, rule)}
    return next(s for s in (Status.FAIL, Status.ERROR, Status.SKIP, Status.PASS) if s in found or s is Status.PASS)


@pytest.fixture(scope="module")
def base(default_pack: RulePack) -> dict[str, Any]:
    assert default_pack.example_base is not None
    model: dict[str, Any] = load_model(default_pack.example_base)
    return model


def _model(base: dict[str, Any], year: int, values: dict[str, int] | None = None,
           agency: str | None = None, forward: int | None = None) -> dict[str, Any]:
    model = copy.deepcopy(base)
    model["metadata"]["year"] = year
    if agency is not None:
        model["metadata"]["agency"] = agency
    if values is not None:
        row = model["tables"]["active_disclosure"]["rows"]["normative_documents"]
        row["values"], row["raw"] = dict(values), {k: str(v) for k, v in values.items()}
    if forward is not None:
        for row in ("carried_forward",):
            model["tables"]["applications"]["rows"][row]["values"].update(natural_person=forward, total=forward)
    return model


# --- acceptance: the shared 平潭 pages ------------------------------------------------------------


@needs_corpus
def test_2023_against_2022_flags_the_stock_and_the_words_and_passes_the_carry_over(default_pack: RulePack) -> None:
    result = api.check(PAGES[2023], [default_pack], previous=PAGES[2022])
    stock = [f for f in _findings(result, "years.stock-flow") if f.status is Status.FAIL]
    assert len(stock) == 1
    assert stock[0].item == "行政规范性文件"
    assert {k: stock[0].evidence[k] for k in ("previous_in_force", "issued", "repealed", "in_force")} == \
        {"previous_in_force": 698, "issued": 77, "repealed": 132, "in_force": 470}
    assert "698 + 本年制发 77 − 本年废止 132 = 643" in stock[0].message
    assert "清理" in stock[0].message
    assert stock[0].pointer == f"{ND}/in_force"
    assert _status(result, "years.carry-over") is Status.PASS
    assert _status(result, "years.consecutive") is Status.PASS
    words = [f for f in _findings(result, "narrative.active-disclosure") if f.status is Status.FAIL]
    assert [(f.evidence["stated"], f.evidence["table"]) for f in words] == [(393, 470)]
    assert "393" in words[0].message
    assert "470" in words[0].message


@needs_corpus
def test_2022_against_2021_passes_both_year_rules(default_pack: RulePack) -> None:
    result = api.check(PAGES[2022], [default_pack], previous=PAGES[2021])
    assert [_status(result, r) for r in YEAR_RULES] == [Status.PASS] * 3
    assert _status(result, "narrative.active-disclosure") is Status.PASS  # 698 and 88 in words and table


@needs_corpus
def test_the_cli_done_when(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(PAGES[2023]), "--previous", str(PAGES[2022]), "--format", "json"])
    assert code == 1  # government.assessment (an error) fails on this page anyway
    report = json.loads(capsys.readouterr().out)["reports"][0]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    stock = by_rule["years.stock-flow"][0]
    assert stock["status"] == "fail"
    assert {698, 77, 132, 470} <= set(stock["evidence"].values())
    assert [f["status"] for f in by_rule["years.carry-over"]] == ["pass"]
    assert by_rule["narrative.active-disclosure"][0]["evidence"]["stated"] == 393


@needs_corpus
def test_a_folder_of_the_three_pages_pairs_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for page in PAGES.values():
        shutil.copy(page, tmp_path / page.name)
    pairing = pair_inputs(api.expand_inputs([tmp_path]))
    assert [(p.previous.year, p.current.year) for p in pairing.pairs] == [(2021, 2022), (2022, 2023)]
    whole = pair_inputs(api.expand_inputs([CORPUS])).previous  # the pages beside their flattened text copies
    assert whole[str(PAGES[2023])] == str(PAGES[2022])
    assert whole[str(PAGES[2022])] == str(PAGES[2021])
    main(["check", str(tmp_path), "--jobs", "1", "--lang", "en"])
    out = capsys.readouterr().out
    assert "Paired with the previous year's report: 2" in out
    assert "平潭综合实验区 2021 → 2022" in out
    assert "平潭综合实验区 2022 → 2023" in out
    assert "years.stock-flow" in out  # 2023's stock is flagged in the batch, as alone
    main(["check", str(tmp_path), "--jobs", "2", "--format", "json"])
    reports = json.loads(capsys.readouterr().out)["reports"]
    consecutive = [[f["status"] for f in r["findings"] if f["rule"] == "years.consecutive"] for r in reports]
    assert consecutive == [["skip"], ["pass"], ["pass"]]  # 2021 has no previous page; workers get the pairs
    main(["check", str(tmp_path), "--jobs", "1", "--format", "json", "--no-pairing"])
    reports = json.loads(capsys.readouterr().out)["reports"]
    skipped = [f for r in reports for f in r["findings"] if f["rule"] in YEAR_RULES]
    assert {f["status"] for f in skipped} == {"skip"}
    assert {f["message"] for f in skipped} == {"未提供上一年度报告"}


@needs_corpus
def test_compare_the_2022_and_2023_pages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["compare", str(PAGES[2022]), str(PAGES[2023]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    t1 = next(t for t in data["tables"] if t["id"] == "active_disclosure")
    in_force = next(c for c in t1["cells"] if c["row"] == "normative_documents" and c["column"] == "in_force")
    assert (in_force["a"], in_force["b"], in_force["change"], in_force["changed"]) == ("698", "470", -228, True)
    assert {f["rule"]: f["status"] for f in data["cross_year"]["findings"]} == \
        {"years.consecutive": "pass", "years.carry-over": "pass", "years.stock-flow": "fail"}
    assert any(s["changed"] and any("393" in d["text"] for d in s["diff"]) for s in data["sections"])
    out = tmp_path / "cmp.html"
    assert main(["compare", str(PAGES[2022]), str(PAGES[2023]), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert f'data-pointer="{ND}/in_force"' in page
    assert 'class="changed" data-pointer="/tables/active_disclosure/rows/regulations' not in page  # 0 → 0


# --- the library and the engine -------------------------------------------------------------------


PAIRS = Path(__file__).resolve().parent / "corpus" / "pairs"


def test_a_row_marked_not_applicable_is_not_read_as_nothing_in_force(tmp_path: Path, default_pack: RulePack) -> None:
    """A real report (平潭 交通与建设局 2022, whose 行政规范性文件 follow from 2021: 12 + 4 − 0 = 16) with
    that row marked "/ / /": the row is not compared with 2021's 12 (it used to fail, "现行有效 0 件
    ≠ 12"); with 规章 marked too, nothing is left to compare and the rule says why."""
    real = (PAIRS / "pingtan-jtj-2022-flat.txt").read_text(encoding="utf-8")
    last = PAIRS / "pingtan-jtj-2021-flat.txt"
    assert _status(api.check(PAIRS / "pingtan-jtj-2022-flat.txt", [default_pack], previous=last),
                   "years.stock-flow") is Status.PASS
    marked = tmp_path / "jtj-2022-na.txt"
    marked.write_text(real.replace("行政规范性文件 4 0 16", "行政规范性文件 / / /"), encoding="utf-8")
    result = api.check(marked, [default_pack], previous=last)
    assert _status(result, "years.stock-flow") is Status.PASS
    both = tmp_path / "jtj-2022-both-na.txt"
    both.write_text(real.replace("规章 0 0 0 行政规范性文件 4 0 16", "规章 / / / 行政规范性文件 / / /"),
                    encoding="utf-8")
    skipped = _findings(api.check(both, [default_pack], previous=last), "years.stock-flow")
    assert [f.status for f in skipped] == [Status.SKIP]
    assert "未同时列明" in skipped[0].message


def test_a_table_1_that_drops_a_row_is_compared_on_the_row_it_keeps(default_pack: RulePack) -> None:
    """平潭 市场监督管理局 2023 drops the 规章 row 2022 had (0/0/0) and labels the other 规范性文件:
    the rows both years state are compared (51 + 13 − 0 ≠ 13 fails), the dropped one is not."""
    result = api.check(PAIRS / "pingtan-scj-2023-flat.txt", [default_pack],
                       previous=PAIRS / "pingtan-scj-2022-flat.txt")
    failed = [f for f in _findings(result, "years.stock-flow") if f.status is Status.FAIL]
    assert [f.item for f in failed] == ["行政规范性文件"]
    assert failed[0].evidence["expected"] == 64


def test_without_a_previous_report_the_year_rules_skip_saying_so(base: dict[str, Any], default_pack: RulePack) -> None:
    result = api.check(base, [default_pack])
    for rule in YEAR_RULES:
        assert [(f.status, f.message) for f in _findings(result, rule)] == [(Status.SKIP, "未提供上一年度报告")]
    english = api.check(base, [default_pack], lang="en")
    assert {f.message for f in english.findings if f.rule in YEAR_RULES} == {"no previous report given"}


def test_a_previous_report_of_another_year_is_refused_with_one_line(base: dict[str, Any],
                                                                    default_pack: RulePack) -> None:
    this = _model(base, 2023, {"issued": 77, "repealed": 132, "in_force": 470})
    old = _model(base, 2021, {"issued": 69, "repealed": 3, "in_force": 665}, forward=5)
    result = api.check(this, [default_pack], previous=old)
    (consecutive,) = _findings(result, "years.consecutive")
    assert consecutive.status is Status.FAIL
    assert "\n" not in consecutive.message
    assert "2021" in consecutive.message
    assert "2023" in consecutive.message
    for rule in ("years.carry-over", "years.stock-flow"):  # not paired: the figures are not compared
        (skip,) = _findings(result, rule)
        assert skip.status is Status.SKIP
        assert skip.message.startswith("上一年度报告未配对")
    other = _model(base, 2022, agency="聊城市民政局")
    result = api.check(this, [default_pack], previous=other)
    assert "聊城市民政局" in _findings(result, "years.consecutive")[0].message
    assert refusal(this["metadata"], other["metadata"]) is not None
    assert refusal(this["metadata"], _model(base, 2022)["metadata"]) is None


def test_a_2019_format_previous_report_maps_table_2_and_skips_table_1(base: dict[str, Any],
                                                                      default_pack: RulePack) -> None:
    last = _model(base, 2022, forward=3)
    last["tables"]["active_disclosure"]["format"] = "2019"
    last["tables"]["applications"]["format"] = "2019"
    result = api.check(_model(base, 2023), [default_pack], previous=last)
    carry = [f for f in _findings(result, "years.carry-over") if f.status is Status.FAIL]
    assert {f.item for f in carry} == {"自然人", "总计"}  # 四、结转下年度继续办理 is the same row in 2019
    (stock,) = _findings(result, "years.stock-flow")
    assert stock.status is Status.SKIP
    assert "2019" in stock.message


def test_previous_is_statically_typed_and_a_rule_that_reads_it_skips_alone(tmp_path: Path, base: dict[str, Any],
                                                                           default_pack: RulePack) -> None:
    from compliance.rules.loader import load_pack

    rule = tmp_path / "local.yaml"
    rule.write_text("""rules:
  - id: local.fee-trend
    title: {zh: 收费金额不超过上年两倍, en: Fees at most twice last year's}
    severity: info
    require: (t1.rows.administrative_fees.values.amount ?? 0) <= 2 * (last_fees ?? 0)
    message: {zh: 收费大增, en: fees doubled}
""", encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: local\nversion: '1.0'\ndefinitions:\n"
                                    "  last_fees: previous.tables.active_disclosure.rows.administrative_fees"
                                    ".values.amount\n", encoding="utf-8")
    shutil.copy(rule, pack / "local.yaml")
    loaded = load_pack(pack, base=default_pack)
    assert loaded.rules[0].uses_previous  # through the definition
    alone = api.check(base, [default_pack, loaded])
    assert [(f.status, f.message) for f in _findings(alone, "local.fee-trend")] == [(Status.SKIP, "未提供上一年度报告")]
    paired = api.check(base, [default_pack, loaded], previous=_model(base, 2022))
    assert _status(paired, "local.fee-trend") is Status.PASS
    (pack / "pack.yaml").write_text("name: local\nversion: '1.0'\ndefinitions:\n"
                                    "  last_fees: previous.tables.active_disclosure.rows.administrative_fee"
                                    ".values.amount\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="administrative_fees"):  # a did-you-mean, at load time
        load_pack(pack, base=default_pack)


def test_an_unreadable_previous_report_is_one_entry_naming_it(tmp_path: Path, base: dict[str, Any],
                                                              default_pack: RulePack) -> None:
    this = tmp_path / "this.json"
    this.write_text(dumps_json(_model(base, 2023)), encoding="utf-8")
    broken = tmp_path / "last.json"
    broken.write_text("{", encoding="utf-8")
    (entry,) = api.iter_check([this], [default_pack], previous={str(this): str(broken)})
    assert entry.error is not None
    assert "last.json" in entry.error


def test_cli_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      base: dict[str, Any]) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for path, year in ((a, 2022), (b, 2023)):
        path.write_text(dumps_json(_model(base, year)), encoding="utf-8")
    assert main(["check", str(a), str(b), "--previous", str(a)]) == 2
    assert main(["check", str(b), "--previous", str(tmp_path / "none.json")]) == 2
    assert main(["compare", str(a), str(tmp_path / "none.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3
    assert "Traceback" not in err
    assert "none.json" in err


# --- pairing ----------------------------------------------------------------------------------------


def test_the_agency_key_is_the_packs(default_pack: RulePack) -> None:
    assert default_pack.constants["agency_noise_pattern"] == AGENCY_NOISE
    assert agency_key("平潭综合实验区人民政府") == agency_key(" 平潭综合实验区（本级）") == "平潭综合实验区"
    assert agency_key("聊城市民政局") != agency_key("聊城市人力资源和社会保障局")
    assert agency_key("平潭综合实验区管委会") == "平潭综合实验区"
    assert agency_key("聊城市人民政府办公室") != agency_key("聊城市人民政府")
    assert agency_key(None) == ""


def test_pairing_is_by_agency_and_consecutive_years_in_any_order() -> None:
    ids = [Identity("c", "甲市民政局", 2023), Identity("x", "乙市民政局", 2022), Identity("a", "甲市民政局", 2021),
           Identity("b", "甲市民政局 ", 2022), Identity("y", "乙市民政局", 2020), Identity("u", None, 2022)]
    pairing = pair_reports(ids)
    assert pairing.previous == {"b": "a", "c": "b"}  # 乙 skips 2021; an unknown agency pairs with nothing
    assert pair_reports(list(reversed(ids))).previous == pairing.previous
    duplicate = pair_reports([*ids, Identity("d", "甲市民政局", 2022)])  # two 2022 reports nothing tells apart
    assert duplicate.previous == {"b": "a", "d": "a"}  # each pairs with the one 2021 report; 2023 with neither
    assert len(duplicate.notes) == 1
    assert duplicate.notes[0].startswith("c: 2 reports of 甲市民政局 2022")


def test_a_page_and_its_text_copy_pair_page_with_page_and_text_with_text() -> None:
    ids = [Identity(f"{folder}pingtan-{year}.{kind}", "平潭综合实验区", year)
           for year in (2021, 2022, 2023) for folder, kind in (("c/", "html"), ("c/flat/", "txt"))]
    pairing = pair_reports(ids)
    assert pairing.previous == {"c/pingtan-2022.html": "c/pingtan-2021.html",
                                "c/pingtan-2023.html": "c/pingtan-2022.html",
                                "c/flat/pingtan-2022.txt": "c/flat/pingtan-2021.txt",
                                "c/flat/pingtan-2023.txt": "c/flat/pingtan-2022.txt"}
    assert pairing.notes == ()


def test_pairing_a_batch_of_models(tmp_path: Path, base: dict[str, Any], default_pack: RulePack) -> None:
    paths = []
    for year in (2021, 2022, 2023):
        path = tmp_path / f"r{year}.json"
        path.write_text(dumps_json(_model(base, year)), encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "broken.json").write_text("[", encoding="utf-8")
    inputs = api.expand_inputs([tmp_path])
    pairing = pair_inputs(inputs)
    assert pairing.previous == {paths[1]: paths[0], paths[2]: paths[1]}
    results = list(api.iter_check(inputs, [default_pack], previous=pairing.previous, jobs=2))
    assert [r.error is not None for r in results] == [True, False, False, False]
    assert [_status(r, "years.consecutive") for r in results[1:]] == [Status.SKIP, Status.PASS, Status.PASS]


# --- words against table 1 --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。", {("in_force", 698), ("issued", 88)}),
    ("截至年底，我区现行有效规章3部、现行有效行政规范性文件470件。", {("in_force", 3), ("in_force", 470)}),
    ("全年废止行政规范性文件132件。", {("repealed", 132)}),
    ("本年度共发布行政规范性文件12件，均已在门户网站公开。", {("issued", 12)}),
    ("发布政策文件20件。", set()),  # not a normative-document count
    ("全年主动公开政府信息13561条，其中规范性文件77件。", set()),  # a share of everything published
    ("累计制发规范性文件1000件。", set()),  # a cumulative total
    ("规范性文件库收录现行有效规范性文件393件（含已废止文件，与统计表口径不同）。", set()),  # says it differs
    ("组织清理规章制度5项。", set()),  # 规章制度 is not 规章
])
def test_counts_stated_in_the_text(text: str, expected: set[tuple[str, int]], base: dict[str, Any],
                                   default_pack: RulePack) -> None:
    model = copy.deepcopy(base)
    model["sections"][1]["text"] = text
    expr = default_pack.environment.compile("map(c in disclosure_claims, [c[1], c[2]])")
    report = report_from_data(model)
    names = {**default_pack.constants, "report": report.data, **report.data, "previous": None}
    assert {(c, n) for c, n in expr.evaluate(names)} == expected


def test_a_report_object_is_accepted_as_previous(base: dict[str, Any], default_pack: RulePack) -> None:
    last = Report(_model(base, 2022, {"issued": 1, "repealed": 0, "in_force": 1}), api.SourceRef("last"))
    result = api.check(_model(base, 2023, {"issued": 0, "repealed": 0, "in_force": 1}), [default_pack], previous=last)
    assert [_status(result, r) for r in YEAR_RULES] == [Status.PASS] * 3


# --- compare ------------------------------------------------------------------------------------------


def test_compare_two_models_in_every_format(base: dict[str, Any], default_pack: RulePack) -> None:
    from compliance.compare import compare, sentences
    from compliance.compare_render import render

    last = _model(base, 2022, {"issued": 88, "repealed": 55, "in_force": 698})
    this = _model(base, 2023, {"issued": 77, "repealed": 132, "in_force": 470})
    this["sections"][5]["text"] = last["sections"][5]["text"] + "新增一句说明。"
    fees = this["tables"]["active_disclosure"]["rows"]["administrative_fees"]
    fees["values"]["amount"], fees["raw"]["amount"] = Decimal("1.5"), "1.5"
    c = compare(last, this, [default_pack])
    nd = next(t for t in c.tables if t.id == "active_disclosure").cell("normative_documents", "in_force")
    assert nd is not None
    assert (nd.a, nd.b, nd.delta, nd.changed) == ("698", "470", -228, True)
    regs = next(t for t in c.tables if t.id == "active_disclosure").cell("regulations", "in_force")
    assert regs is not None
    assert not regs.changed
    assert c.changed_cells == 4  # issued, repealed and in force of 规范性文件, and the fee amount
    (section,) = [s for s in c.sections if s.changed]
    assert section.diff == (("+", "新增一句说明。"),)
    assert [(f.rule, f.status) for f in c.cross_year] == [
        ("years.consecutive", Status.PASS), ("years.carry-over", Status.PASS), ("years.stock-flow", Status.FAIL)]
    assert c.checked == this["metadata"]["source"]
    reversed_ = compare(this, last, [default_pack])  # B earlier than A: the later one is still the one checked
    assert [f.status for f in reversed_.cross_year] == [Status.PASS, Status.PASS, Status.FAIL]
    text = render(c, "text")
    assert "698 → 470 (−228)" in text
    assert "+ 新增一句说明。" in text
    assert "✗ years.stock-flow" in text
    markdown = render(c, "markdown")
    assert "**698 → 470 (−228)**" in markdown
    assert "```diff" in markdown
    page = render(c, "html")
    assert page.count('class="changed') == 4
    assert page.count("flagged") == 2  # the cell years.stock-flow is about, outlined (and its CSS)
    assert "<script" not in page
    data = json.loads(render(c, "json"))
    fee = next(x for t in data["tables"] for x in t["cells"] if x["row"] == "administrative_fees")
    assert fee["b"] == "1.5"
    assert isinstance(fee["change"], str)
    assert sentences("一。二；三\n四") == ["一。", "二；", "三", "四"]


def test_compare_reports_of_the_same_year_says_so(base: dict[str, Any], default_pack: RulePack) -> None:
    from compliance.compare import compare

    c = compare(base, base, [default_pack], lang="en")
    assert c.changed_cells == 0
    assert not [s for s in c.sections if s.changed]
    assert c.notes
    assert "not of different years" in c.notes[0]
    assert [f.status for f in c.cross_year if f.rule == "years.consecutive"] == [Status.FAIL]


def test_a_document_read_for_pairing_is_not_read_again_unless_it_changed(tmp_path: Path, base: dict[str, Any]) -> None:
    import os

    path = tmp_path / "r.json"
    path.write_text(dumps_json(_model(base, 2022)), encoding="utf-8")
    first = api.read_recent(path)
    assert api.read_recent(str(path)) is first
    path.write_text(dumps_json(_model(base, 2023)), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    again = api.read_recent(path)
    assert again is not first
    assert again.data["metadata"]["year"] == 2023


def test_an_ambiguous_previous_report_settles_the_rules_that_read_it(base: dict[str, Any],
                                                                     default_pack: RulePack) -> None:
    last = _model(base, 2022, {"issued": 88, "repealed": 55, "in_force": 698})
    last["alternatives"] = [{"row": "/tables/active_disclosure/rows/normative_documents", "run": "8855698",
                             "columns": ["issued", "repealed", "in_force"],
                             "readings": [[88, 55, 698], [88, 5, 5698]]}]
    holds = api.check(_model(base, 2023, {"issued": 77, "repealed": 132, "in_force": 643}), [default_pack],
                      previous=last)
    (unreadable,) = _findings(holds, "years.stock-flow")  # passes under one reading of 2022, not the other
    assert unreadable.status is Status.SKIP
    assert unreadable.message.startswith("上一年度报告：无法明确判定")
    assert unreadable.pointer is None
    assert _status(holds, "years.carry-over") is Status.PASS  # not about the ambiguous row: unchanged
    fails = api.check(_model(base, 2023, {"issued": 77, "repealed": 132, "in_force": 470}), [default_pack],
                      previous=last)
    assert _status(fails, "years.stock-flow") is Status.FAIL  # fails under every reading: it stands

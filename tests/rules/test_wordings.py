"""The default pack reads the period, the fee statement, headings and labels by meaning (issue 10):
every way real reports write them, generated, with the verdicts that must not change."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.engine import check_report
from compliance.model.report import Report
from compliance.results import Status
from compliance.rules import RulePack, load_default_pack
from tests.hypothesis_budget import examples

BASE = json.loads((Path(__file__).resolve().parents[2] / "rules" / "ogi-2021" / "examples" / "base.json")
                  .read_text(encoding="utf-8"))
PACK = load_default_pack()
INTRO = "本年度报告根据《中华人民共和国政府信息公开条例》第五十条规定编制。"


def _statuses(model: dict[str, Any], pack: RulePack = PACK) -> dict[str, set[Status]]:
    out: dict[str, set[Status]] = {}
    for finding in check_report(Report(model), [pack]).findings:
        out.setdefault(finding.rule, set()).add(finding.status)
    return out


def _messages(model: dict[str, Any], rule: str) -> list[str]:
    return [f.message for f in check_report(Report(model), [PACK]).findings if f.rule == rule]


def _with(**changes: Any) -> dict[str, Any]:
    model = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key == "intro":
            model["intro"] = value
        elif key == "six":
            model["sections"][5]["text"] = value
            model["sections"][5]["items"] = []
        elif key == "heading":
            number, text = value
            model["sections"][number - 1]["heading"] = text
        elif key == "year":
            model["metadata"]["year"] = value
    return model


# --------------------------------------------------------------------------- the period

WORDS = ["本年度报告中所列数据统计期限", "本报告所列数据的统计时限", "本报告数据起止时间", "本报告内容涵盖",
         "除特别说明外，本报告统计时间范围", "所列数据为", "统计时段", "本报告中使用数据统计期限",
         "本报告所列数据统计期"]
JOINERS = ["至", "到", "-", "—", "——", "～", "~", "－"]


@settings(max_examples=examples(60), deadline=None)
@given(year=st.integers(2019, 2030), words=st.sampled_from(WORDS), verb=st.sampled_from(["为", "从", "自", "：", ""]),
       joiner=st.sampled_from(JOINERS), style=st.sampled_from(["年月日", "dots", "no end year", "spaced"]),
       start_word=st.sampled_from(["", "起"]))
def test_any_wording_of_the_period_gives_the_calendar_year(year: int, words: str, verb: str, joiner: str,
                                                           style: str, start_word: str) -> None:
    start, end = {
        "年月日": (f"{year}年1月1日", f"{year}年12月31日"),
        "dots": (f"{year}.1.1", f"{year}.12.31"),
        "no end year": (f"{year}年1月1日", "12月31日"),
        "spaced": (f"{year} 年 1 月 1 日", f"{year} 年 12 月 31 日"),
    }[style]
    model = _with(intro=f"{INTRO}{words}{verb}{start}{start_word}{joiner}{end}止。", year=year)
    statuses = _statuses(model)
    assert statuses["period.stated"] == {Status.PASS}
    assert statuses["period.calendar-year"] == {Status.PASS}


@pytest.mark.parametrize("sentence", ["全文所列数据的统计期限为2023年度。", "本报告统计时段为2023年全年。",
                                      "本报告内容涵盖2023年1月1日至12月31日期间。"])
def test_a_whole_year_or_a_range_with_period_words_is_the_period(sentence: str) -> None:
    assert _statuses(_with(intro=INTRO + sentence))["period.calendar-year"] == {Status.PASS}


@pytest.mark.parametrize("sentence", ["本报告中所列数据的统计期限自20231月1日起至202312月31日止。",
                                      "报告中所列数据统计期限为20251月1日到12月31日。",
                                      "本报告中所列数据的统计期限自202411日至20241231日止。"])
def test_a_garbled_period_is_reported_as_garbled(sentence: str) -> None:
    model = _with(intro=INTRO + sentence)
    assert _statuses(model)["period.stated"] == {Status.FAIL}
    (message,) = _messages(model, "period.stated")
    assert message.startswith("统计期限的说明无法识别（日期写法有误）")


def test_no_period_is_reported_as_missing_not_garbled() -> None:
    (message,) = _messages(_with(intro=INTRO + "本报告电子版可在门户网站下载。"), "period.stated")
    assert message.startswith("未找到统计期限的说明")


# --------------------------------------------------------------------------- the fee statement

NONE_SAYS = ["本年度未收取信息处理费。", "未发生收费情况。", "无收取信息处理费情况。", "本机关没有收取任何费用。",
             "依申请公开不存在收费情况。", "信息处理费收取情况：无。", "本年度收取信息处理费0元。",
             "信息处理费收费金额为零。", "本年度共收取信息处理费1200元。", "本年度没有产生信息公开处理费。",
             "依申请提供政府信息均免收信息处理费。", "2023年度未收取政府信息公开费用。"]
NOT_A_STATEMENT = ["相关工作按规定开展。", "本机关严格执行《政府信息公开信息处理费管理办法》。",
                   "无其他需要报告的事项，信息处理费按规定执行。", "无其他需要报告的事项。",
                   "不断规范收费行为。"]


@pytest.mark.parametrize("sentence", NONE_SAYS)
def test_every_wording_of_no_fee_or_an_amount_is_a_fee_statement(sentence: str) -> None:
    assert _statuses(_with(six=sentence))["fees.processing-fee-disclosed"] == {Status.PASS}


@pytest.mark.parametrize("sentence", NOT_A_STATEMENT)
def test_text_that_states_no_fee_outcome_is_not_a_fee_statement(sentence: str) -> None:
    assert _statuses(_with(six=sentence))["fees.processing-fee-disclosed"] == {Status.FAIL}


# --------------------------------------------------------------------------- a year stated nowhere


def test_a_report_whose_year_is_stated_nowhere_is_not_held_to_the_2021_format_on_a_guess() -> None:
    model = _with(year=None, six="无其他需要报告的事项。")
    model["tables"]["applications"]["format"] = "2019"
    model["tables"]["active_disclosure"]["labels"].append("本年新制作数量")
    statuses = _statuses(model)
    for rule in ("tables.format-2021", "fees.processing-fee-disclosed", "other.npc-cppcc", "other.work-points"):
        assert statuses[rule] == {Status.SKIP}, rule
    assert Status.FAIL not in statuses["sections.non-empty"]


def test_a_report_whose_year_is_stated_nowhere_with_2021_tables_is_held_to_section_six() -> None:
    statuses = _statuses(_with(year=None, six="无其他需要报告的事项。"))
    assert statuses["fees.processing-fee-disclosed"] == {Status.FAIL}
    assert statuses["tables.format-2021"] == {Status.SKIP}


# --------------------------------------------------------------------------- headings

VARIANTS = [(1, "一、政府信息公开总体工作情况"), (2, "二、行政机关主动公开政府信息情况"),
            (3, "三、行政机关收到和处理政府信息公开申请情况"),
            (4, "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
            (4, "四、政府信息公开行政法复议、行政诉讼情况"), (5, "五、存在的主要问题和改进措施"),
            (5, "五、存在的不足及明年工作计划"), (5, "五、存在问题及改进情况"), (6, "六、其他需报告的事项"),
            (6, "六、其它需要报告的事项")]


@pytest.mark.parametrize(("number", "heading"), VARIANTS)
def test_a_heading_variant_is_its_section_with_a_note(number: int, heading: str) -> None:
    statuses = _statuses(_with(heading=(number, heading)))
    assert statuses["sections.present"] == {Status.PASS}
    assert statuses["sections.order"] == {Status.PASS}
    assert statuses["sections.heading-wording"] == {Status.FAIL}
    (note,) = _messages(_with(heading=(number, heading)), "sections.heading-wording")
    assert note.startswith(f"标题「{heading}」与格式的")
    assert note.endswith(f"（已按第{number}部分识别）")
    assert PACK.rule("sections.heading-wording").severity.value == "info"


@pytest.mark.parametrize("heading", ["五、存在的主要问题及改进情况", "五 、存在的主要问题及改进情况",
                                     "五．存在的主要问题及改进情况", "第五部分 存在的主要问题及改进情况"])
def test_the_formats_heading_written_with_other_numbering_gets_no_note(heading: str) -> None:
    assert _statuses(_with(heading=(5, heading)))["sections.heading-wording"] == {Status.PASS}


# --------------------------------------------------------------------------- labels

ROWS = [(table, row_id) for table in ("applications", "active_disclosure")
        for row_id in BASE["tables"][table]["rows"]]
SWAPS = {"、": [",", "，", "、"], "，": [",", "，", "、"], "（": ["(", "（"], "）": [")", "）"], "“": ["\"", "“", ""],
         "”": ["\"", "”", ""], "：": [":", "："], "；": [";", "；"]}


@settings(max_examples=examples(80), deadline=None)
@given(row=st.sampled_from(ROWS), data=st.data())
def test_labels_differing_only_in_punctuation_are_the_official_label(row: tuple[str, str], data: Any) -> None:
    table, row_id = row
    official = PACK.constants["row_labels"][row_id]
    written = "".join(data.draw(st.sampled_from(SWAPS[ch])) if ch in SWAPS else ch for ch in official)
    model = copy.deepcopy(BASE)
    model["tables"][table]["rows"][row_id]["label"] = written
    assert _statuses(model)["tables.labels"] == {Status.PASS}, written


def test_a_label_with_a_group_before_its_item_and_an_ascii_comma_is_the_official_label() -> None:
    model = copy.deepcopy(BASE)
    rows = model["tables"]["applications"]["rows"]
    rows["unable_not_held"]["label"] = "（四）无法提供 1.本机关不掌握相关政府信息"
    rows["other_no_correction"]["label"] = ("（六）其他处理 1.申请人无正当理由逾期不补正,"
                                            "行政机关不再处理其政府信息公开申请")
    assert _statuses(model)["tables.labels"] == {Status.PASS}
    rows["unable_not_held"]["label"] = "（四）无法提供 1.本机关不掌握政府信息"
    assert _statuses(model)["tables.labels"] == {Status.FAIL}

"""Automatic evidence (rules without declared ``evidence``): compact, and for ``and`` / ``or``
it names the conjunct that failed."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.api import check, example_path
from compliance.engine.explain import MAX_TEXT, compact, sentence
from compliance.readers import read_document
from tests.hypothesis_budget import examples


@pytest.fixture(scope="module")
def seed_model() -> dict[str, Any]:
    return copy.deepcopy(dict(read_document(example_path()).data))


def failing(model: dict[str, Any], rule: str, lang: str = "zh") -> list[Any]:
    return [f for f in check(model, lang=lang).failures() if f.rule == rule]


def test_and_names_the_conjunct_that_failed(seed_model: dict[str, Any]) -> None:
    model = copy.deepcopy(seed_model)
    model["intro"] = "本年度报告根据条例编制。"
    [finding] = failing(model, "period.stated")
    assert finding.evidence == {"failed": "exists(period_start)", "period_start": None}


def test_or_lists_every_disjunct_and_their_values(seed_model: dict[str, Any]) -> None:
    model = copy.deepcopy(seed_model)
    model["sections"][5].update(text="无。", items=[], tables=[])
    [finding] = failing(model, "sections.non-empty")
    assert finding.evidence["failed"][0] == "len((s.tables ?? [])) > 0"
    assert finding.evidence["section_body(s)"] == "无。"  # the text without a closing signature
    assert finding.location == {"line": 99}


def test_a_quantifier_shows_the_members_that_broke_it(seed_model: dict[str, Any]) -> None:
    model = copy.deepcopy(seed_model)
    model["sections"][1]["number"] = 3  # headed 二、…: read as section 2, numbered 3
    [finding] = failing(model, "sections.order")
    assert finding.evidence["failed"] == "all(s in recognized_sections, (s.number == section_kind(s).number))"
    assert [s["heading"] for s in finding.evidence["failing s"]] == ["二、主动公开政府信息情况"]
    assert (finding.evidence["s.number"], finding.evidence["section_kind(s).number"]) == (3, 2)


def test_a_long_text_without_the_wording_says_so_not_its_first_characters(seed_model: dict[str, Any]) -> None:
    model = copy.deepcopy(seed_model)
    model["sections"][4].update(text="我们" * 200, items=[])
    [finding] = failing(model, "problems.stated")
    assert finding.evidence["text"] == "全文 400 字，未见所查写法"
    assert finding.labels == {"text": "第五部分"}
    [finding] = failing(model, "problems.stated", "en")
    assert finding.evidence["text"] == "400 characters; the wording looked for is not in it"


def test_a_long_text_is_shown_as_the_sentence_where_the_pattern_is_found() -> None:
    text = "第一句很长很长。" * 20 + "本年度收到人大代表建议3件。" + "其他内容。" * 20
    assert sentence(text, [re.compile("人大代表建议")]) == "本年度收到人大代表建议3件。"
    assert sentence(text) == text[:MAX_TEXT - 1] + "…"  # nothing looked for: cut as before
    assert sentence("短文本。", [re.compile("x")]) == "短文本。"  # short texts stay whole
    long_sentence = "甲" * 200 + "工作要点" + "乙" * 200
    shown = sentence(long_sentence, [re.compile("工作要点")])
    assert "工作要点" in shown
    assert len(shown) <= MAX_TEXT
    assert shown.startswith("…")
    assert shown.endswith("…")


def test_explained_evidence_focuses_on_what_the_rule_looks_for(seed_model: dict[str, Any]) -> None:
    """A rule without declared evidence (``explain``): a long text is its sentence that matters."""
    from compliance.engine.explain import explain, looked_for
    from compliance.lang import Environment

    env = Environment()
    expr = env.compile('matches(t, "工作要点")', {"t": env.compile('"x"').type})
    text = "前言。" * 40 + "落实政务公开工作要点情况良好。" + "结语。" * 40
    assert [p.pattern for p in looked_for(expr.node, {"t": text}, env)] == ["工作要点"]
    assert explain(expr.node, {"t": text}, env) == {"t": "落实政务公开工作要点情况良好。"}


def test_compact_limits_size() -> None:
    value = compact({"a": "x" * 500, "b": list(range(100)), "c": {"d": {"e": {"f": 1}}}})
    assert len(value["a"]) == MAX_TEXT
    assert value["b"][-1] == "… +92 more"
    assert value["c"] == {"d": "{… 1 keys}"}


_CJK = st.text(alphabet=st.sampled_from("一二三四五六七八九十公开申请报告年度，。；、 （）0123456789"), max_size=300)


@settings(max_examples=examples(150), deadline=None, database=None)
@given(before=_CJK, after=_CJK, needle=st.sampled_from(["工作要点", "人大代表建议", "评议"]))
def test_sentence_is_short_and_holds_what_was_found(before: str, after: str, needle: str) -> None:
    text = before + needle + after
    shown = sentence(text, [re.compile(needle)])
    assert len(shown) <= MAX_TEXT
    assert needle in shown


@settings(max_examples=examples(150), deadline=None, database=None)
@given(paragraph=_CJK, start=st.integers(0, 300), length=st.integers(1, 40))
def test_a_quote_is_found_as_the_page_writes_it(paragraph: str, start: int, length: int) -> None:
    from compliance.reporters.common import _as_written, _key

    key = _key(paragraph[start:start + length])
    if not key:
        return
    written = _as_written(paragraph, key)
    assert written in paragraph
    assert _key(written) == key

"""Automatic evidence (rules without declared ``evidence``): compact, and for ``and`` / ``or``
it names the conjunct that failed."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from compliance.api import check, example_path
from compliance.engine.explain import MAX_TEXT, compact
from compliance.readers import read_document


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
    del model["tables"]["active_disclosure"]["rows"]["licensing"]
    [finding] = failing(model, "tables.active-disclosure.present")
    assert finding.evidence == {"failing r": ["licensing"], "t1.rows[r]": None}


def test_a_call_shows_its_arguments_cut_short(seed_model: dict[str, Any]) -> None:
    model = copy.deepcopy(seed_model)
    model["sections"][4].update(text="我们" * 200, items=[])
    [finding] = failing(model, "problems.stated")
    text = finding.evidence["normalize(problems_section.text)"]
    assert len(text) == MAX_TEXT
    assert text.endswith("…")
    assert "problem_pattern" in finding.evidence


def test_compact_limits_size() -> None:
    value = compact({"a": "x" * 500, "b": list(range(100)), "c": {"d": {"e": {"f": 1}}}})
    assert len(value["a"]) == MAX_TEXT
    assert value["b"][-1] == "… +92 more"
    assert value["c"] == {"d": "{… 1 keys}"}

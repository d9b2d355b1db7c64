"""Every example of every default rule gives what it expects (one test per example), every rule
has a passing and a failing example, and the examples' base model is the corrected seed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from compliance.engine import check_report
from compliance.model.report import Report, report_from_data
from compliance.readers import read_bytes
from compliance.results import Status
from compliance.rules import RulePack, load_default_pack
from compliance.rules.examples import FindingLike, build_model, load_model, run_example
from compliance.source import SourceRef
from tests.conftest import corrected_seed_text

PACK = load_default_pack()
CASES = [(rule, example) for rule in PACK.rules for example in rule.examples]


def engine_check(model: Mapping[str, Any], pack: RulePack, lang: str,
                 previous: Mapping[str, Any] | None = None) -> Sequence[FindingLike]:
    last = None if previous is None else Report(previous, SourceRef("<previous>"))
    return check_report(Report(model, SourceRef("<example>")), [pack], lang=lang, previous=last).findings


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}::{e.name}" for r, e in CASES])
def test_example(rule: Any, example: Any) -> None:
    base = load_model(PACK.example_base) if PACK.example_base else None
    outcome = run_example(PACK, rule, example, engine_check, base)
    assert outcome.ok, f"{example.source}: {outcome.detail}"


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_every_rule_has_a_passing_and_a_failing_example(rule: Any) -> None:
    assert {"pass", "fail"} <= {e.expect for e in rule.examples}


def test_the_base_model_is_the_corrected_seed_and_passes_every_applicable_rule() -> None:
    assert PACK.example_base is not None
    assert PACK.example_base.endswith("rules/ogi-2021/examples/base.json")
    base = load_model(PACK.example_base)
    corrected = read_bytes(corrected_seed_text().encode("utf-8"), uri="liaocheng-hrss-2023.txt")
    for table in ("active_disclosure", "applications", "review_litigation"):  # the figures, not the labels
        assert {k: r["values"] for k, r in base["tables"][table]["rows"].items()} == \
            {k: r["values"] for k, r in corrected.data["tables"][table]["rows"].items()}
    assert [s["heading"] for s in base["sections"]] == [s["heading"] for s in corrected.data["sections"]]
    result = check_report(report_from_data(base), [PACK])
    assert {f.status for f in result.findings} == {Status.PASS, Status.SKIP}


def test_an_example_model_is_built_from_patch_then_set_then_remove() -> None:
    from compliance.rules.rule import Example

    example = Example("x", "fail", SourceRef("x"), patch={"metadata": {"level": "government", "year": 2022}},
                      set={"/metadata/year": 2024, "/sections/-": {"n": 1}}, remove=("/intro",))
    model = build_model(example, {"metadata": {"level": "department", "year": 2023, "agency": "a"},
                                  "intro": "i", "sections": []})
    assert model == {"metadata": {"level": "government", "year": 2024, "agency": "a"}, "sections": [{"n": 1}]}


def test_a_broken_example_fails_alone_with_its_reason() -> None:
    from compliance.rules.rule import Example

    rule = PACK.rule("review.total")
    assert rule is not None
    bad = Example("no such path", "fail", SourceRef("x"), set={"/tables/nothing/here": 1})
    outcome = run_example(PACK, rule, bad, engine_check, load_model(str(PACK.example_base)))
    assert not outcome.ok
    assert "there is nothing at /tables/nothing" in outcome.detail
    invalid = Example("invalid model", "fail", SourceRef("x"), set={"/metadata/year": "two thousand"})
    outcome = run_example(PACK, rule, invalid, engine_check, load_model(str(PACK.example_base)))
    assert "not a valid report model: at /metadata/year" in outcome.detail

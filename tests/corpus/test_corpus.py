"""The development corpus: the manifest is well formed, and the project's scores on real report
text do not fall below the floors recorded in ``manifest.yaml`` (a ratchet: raise a floor when the
readers improve, never lower it to make a change pass)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.corpus import score

KINDS = {"beginning", "whole"}
FORMATS = {"text", "flattened", "html", "markdown"}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return score.load_manifest()


@pytest.fixture(scope="module")
def outcomes(manifest: dict) -> list[score.Outcome]:
    return score.run(manifest)


def _rule_ids() -> set[str]:
    from compliance import api

    return {rule.id for pack in api.load_packs() for rule in pack.rules}


def test_manifest_is_well_formed(manifest: dict) -> None:
    ids = [doc["id"] for doc in manifest["documents"]]
    assert len(ids) == len(set(ids)), "document ids must be unique"
    rules = _rule_ids()
    for doc in manifest["documents"]:
        where = doc["id"]
        assert (score.HERE / doc["file"]).is_file(), f"{where}: {doc['file']} is missing"
        assert doc["provenance"], f"{where}: no provenance"
        assert doc["kind"] in KINDS, where
        assert score.document_set(doc) in score.SETS, where
        assert doc["format"] in FORMATS, where
        assert isinstance(doc["year"], int), where
        assert 2018 <= doc["year"] <= 2030, where  # a 2018 report (the old format) is in heldout3
        assert doc["agency"] == "unknown" or (isinstance(doc["agency"], list) and doc["agency"]), where
        assert doc["level"] in ("department", "government", "unknown"), where
        period = doc["period"]
        if isinstance(period, dict):
            start = datetime.date.fromisoformat(str(period["start"]))
            end = datetime.date.fromisoformat(str(period["end"]))
            assert start <= end, where
        else:
            assert period in ("none", "garbled", "unknown"), where
        list(score.expected_cells(doc.get("tables") or {}))  # raises on a row of the wrong length
        for rule, _ in score.defect_entries(doc):
            assert rule in rules, f"{where}: unknown rule {rule} in defects"
        for rule in doc.get("clean") or []:
            assert rule in rules, f"{where}: unknown rule {rule} in clean"
        if doc["kind"] == "whole":
            assert doc.get("clean"), f"{where}: a whole report lists its clean points"


def test_corpus_is_large_enough(manifest: dict) -> None:
    kinds = [doc["kind"] for doc in manifest["documents"]]
    assert kinds.count("beginning") >= 80
    assert kinds.count("whole") >= 10
    assert sum(1 for doc in manifest["documents"] if score.document_set(doc) == "heldout") >= 40


def _of_set(manifest: dict, outcomes: list[score.Outcome], which: str) -> list[score.Outcome]:
    ids = {doc["id"] for doc in score.select(manifest, which)["documents"]}
    return [o for o in outcomes if o.id in ids]


@pytest.mark.parametrize(("which", "floors_key"), [("dev", "floors"), ("heldout", "floors_heldout"),
                                                  ("heldout2", "floors_heldout2"),
                                                  ("heldout3", "floors_heldout3"),
                                                  ("heldout4", "floors_heldout4"),
                                                  ("heldout5", "floors_heldout5"),
                                                  ("heldout6", "floors_heldout6"),
                                                  ("heldout_whole", "floors_heldout_whole"),
                                                  ("converted", "floors_converted"),
                                                  ("extracted", "floors_extracted")])
def test_scores_do_not_fall_below_the_floors(manifest: dict, outcomes: list[score.Outcome], which: str,
                                             floors_key: str) -> None:
    outcomes = _of_set(manifest, outcomes, which)
    figures = score.summarize(outcomes)
    floors = manifest[floors_key]
    assert not figures["tracebacks"], f"tracebacks on {figures['tracebacks']}"
    assert len(figures["not_read"]) <= floors["not_read_max"], f"not read: {figures['not_read']}"
    assert figures["false_alarms"] <= floors["false_alarms_max"]
    below = {
        name: (figures[name]["percent"], floors[name])
        for name, _, _ in score.FIGURES
        if name in floors and figures[name]["percent"] is not None and figures[name]["percent"] < floors[name]
    }
    assert not below, f"below the floor (score, floor): {below}\n" + score.render(outcomes, details=True)


@pytest.mark.parametrize(
    ("expected", "got", "right"),
    [
        (["上海市", "上海市人民政府"], "上海市", True),
        (["湛江市人民政府地方志办公室"], "湛江市人民政府地方志办公室", True),
        (["浑南区国资局", "区政府国资局"], "区政府国资局", True),
        (["重庆市公安局渝中区分局"], "渝中区分局", True),
        (["黄石市公安局"], "公报标题", False),
        (["府谷县人民政府办公室"], "当前位置:网站首页>政务公开>政府信息公开年报>", False),
        (["上海市"], "2022年上海市政府信息公开工作年度报告", False),
        (["河包镇"], None, False),
    ],
)
def test_agency_matching(expected: list[str], got: str | None, right: bool) -> None:
    assert score.agency_matches(expected, got) is right


def test_one_bad_document_never_stops_the_run(tmp_path: Path) -> None:
    from compliance import api

    (tmp_path / "garbage.txt").write_bytes(b"\x00\x01 not a report \xff")
    docs = [
        {"id": "missing", "kind": "beginning", "file": "nowhere.txt", "year": 2023, "agency": ["某局"],
         "level": "department", "period": "none"},
        {"id": "garbage", "kind": "beginning", "file": "garbage.txt", "year": 2023, "agency": "unknown",
         "level": "unknown", "period": {"start": "2023-01-01", "end": "2023-12-31"}},
    ]
    packs = api.load_packs([score.PROBE])
    outcomes = [score.score_document(doc, packs, tmp_path) for doc in docs]
    assert all(not o.read for o in outcomes)
    assert all(o.year is False and o.period is False for o in outcomes)
    assert outcomes[0].agency is False
    assert outcomes[1].agency is None
    figures = score.summarize(outcomes)
    assert figures["read"]["right"] == 0
    assert figures["year"]["percent"] == 0.0


def test_period_judgement() -> None:
    dated = {"period": {"start": "2023-01-01", "end": "2023-12-31"}}
    assert score._period_right(dated, ["pass"], ("2023-01-01", "2023-12-31"))[0]
    assert not score._period_right(dated, ["pass"], ("2022-01-01", "2022-12-31"))[0]
    assert not score._period_right(dated, ["fail"], None)[0]
    dated_2023 = {**dated, "year": 2023}
    assert score._period_right(dated_2023, ["pass"], ("2023-01-01", "2023-12-31"), calendar=["pass"])[0]
    assert not score._period_right(dated_2023, ["pass"], ("2023-01-01", "2023-12-31"), calendar=["fail"])[0]
    last_year = {"year": 2021, "period": {"start": "2020-01-01", "end": "2020-12-31"}}
    assert score._period_right(last_year, ["pass"], ("2020-01-01", "2020-12-31"), calendar=["fail"])[0]
    assert not score._period_right(last_year, ["pass"], ("2020-01-01", "2020-12-31"), calendar=["pass"])[0]
    assert score._period_right({"period": "none"}, ["fail"], None)[0]
    assert not score._period_right({"period": "none"}, ["fail"], None, garbled=True)[0]
    assert score._period_right({"period": "garbled"}, ["fail"], None, garbled=True)[0]
    assert not score._period_right({"period": "garbled"}, ["fail"], None)[0], "reported as missing"
    for expected in ("none", "garbled"):
        assert not score._period_right({"period": expected}, ["pass"], ("2023-01-01", "2023-12-31"))[0]
    assert score._period_right({"period": "unknown"}, ["pass"], None)[0] is None


def test_the_scorer_runs_as_a_script() -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(score.HERE / "score.py"), "--json", "--only", "pingtan-2024-flat"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["all"]["documents"] == 1
    assert figures["whole"]["read"]["right"] == 1

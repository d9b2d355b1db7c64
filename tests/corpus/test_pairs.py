"""Real year pairs (tests/corpus/pairs): the manifest is well formed and agrees with its own hand-read
figures, and the checker's cross-year figures on the pairs do not fall below the floors (a ratchet)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.corpus.pairs import score_pairs

STATUSES = {"pass", "fail", "skip", "error", None}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return score_pairs.load_manifest()


@pytest.fixture(scope="module")
def score(manifest: dict[str, Any]) -> score_pairs.PairsScore:
    return score_pairs.run(manifest)


def test_every_kept_report_is_listed_with_its_provenance(manifest: dict[str, Any]) -> None:
    listed = {doc["file"] for doc in manifest["documents"]}
    kept = {p.name for p in score_pairs.HERE.glob("*.txt")}
    assert listed == kept
    for doc in manifest["documents"]:
        text = (score_pairs.HERE / doc["file"]).read_text(encoding="utf-8")
        assert doc["provenance"].startswith("changwu/pingtan-gov-zwgk-archive@"), doc["id"]
        assert f"{doc['year']}年" in text.splitlines()[0], doc["id"]  # the title line names the year
        assert doc["agency"] in text.splitlines()[0], doc["id"]


def test_pair_entries_name_existing_files_and_known_statuses(manifest: dict[str, Any]) -> None:
    seen = set()
    for entry in manifest["pairs"]:
        for side in ("previous", "current"):
            assert Path(score_pairs.entry_path(entry[side])).is_file(), entry[side]
        key = (entry["previous"], entry["current"])
        assert key not in seen, key
        seen.add(key)
        assert isinstance(entry["pair"], bool)
        assert set(entry["expect"]) == set(score_pairs.RULES), key
        assert set(entry["expect"].values()) <= STATUSES, key
        assert entry["expect"]["years.consecutive"] == ("pass" if entry["pair"] else "fail"), key
        for rule, verdict in (entry.get("hand") or {}).items():
            assert entry["expect"][rule] == "skip", key
            assert verdict in ("pass", "fail"), key


def _hand(doc: dict[str, Any], row: str) -> dict[str, int] | None:
    values = doc.get(row)
    return {k: v for k, v in values.items() if k != "run"} if values else None


def test_the_verdicts_follow_from_the_hand_read_figures(manifest: dict[str, Any]) -> None:
    """For pairs of reports kept here, the manifest's verdicts are the arithmetic of its own
    hand-read cells: 上年结转 = last year's 结转下年度, and 现行有效 = last year's + 制发 − 废止 for every
    row both tables state (a verdict the checker must leave undecided is in ``hand``)."""
    docs = {f"pairs/{doc['file']}": doc for doc in manifest["documents"]}
    checked = 0
    for entry in manifest["pairs"]:
        previous, current = docs.get(entry["previous"]), docs.get(entry["current"])
        if not (entry["pair"] and previous and current):
            continue
        verdicts = {**entry["expect"], **(entry.get("hand") or {})}
        carried = current["carried_over"] == previous["carried_forward"]
        assert verdicts["years.carry-over"] == ("pass" if carried else "fail"), entry
        follows = []
        for row in ("regulations", "normative_documents"):
            now, before = _hand(current, row), _hand(previous, row)
            if now and before:
                follows.append(now["in_force"] == before["in_force"] + now["issued"] - now["repealed"])
        assert follows, entry
        assert verdicts["years.stock-flow"] == ("pass" if all(follows) else "fail"), entry
        checked += 1
    assert checked == 11


def test_the_figures_do_not_fall_below_the_floors(manifest: dict[str, Any], score: score_pairs.PairsScore) -> None:
    floors = manifest["floors"]
    figures = score.figures()
    details = score_pairs.render(score, details=True)
    assert figures["recognised"][0] >= floors["recognised"], details
    assert figures["wrong_pairs"] <= floors["wrong_pairs"], details
    assert figures["verdicts"][0] >= floors["verdicts"], details
    assert figures["defects"][0] >= floors["defects"], details
    assert figures["false_alarms"] <= floors["false_alarms"], details


def test_the_scorer_counts_a_wrong_verdict(manifest: dict[str, Any]) -> None:
    """The scorer can fail: an entry expecting pass where the checker fails is a false alarm and a
    wrong verdict; one expecting fail where it passes is a missed defect."""
    entry = next(e for e in manifest["pairs"] if e["current"] == "pairs/pingtan-jtj-2024-flat.txt")
    flipped = {**entry, "expect": {**entry["expect"], "years.stock-flow": "pass", "years.carry-over": "fail"}}
    score = score_pairs.run({"pairs": [flipped]})
    assert score.verdicts == (1, 3)
    assert score.defects == (0, 1)
    assert score.false_alarms == ["pairs/pingtan-jtj-2023-flat.txt → pairs/pingtan-jtj-2024-flat.txt: years.stock-flow"]
    assert score.recognised == (1, 1)

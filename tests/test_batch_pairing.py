"""A batch pairs two reports as one agency's exactly when the default pack's ``years.consecutive``
takes them for one agency: ``pairing.agency_key`` folds the short forms the pack's ``agency_key``
folds (区政府办 / 区人民政府办公室, 人社局 / 人力资源和社会保障局, 街办 / 街道办事处 …)."""

from __future__ import annotations

import copy
import functools
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from compliance.api import example_path, load_packs
from compliance.engine import check_report
from compliance.model.report import Report
from compliance.pairing import Identity, agency_key, pair_reports, refusal
from compliance.readers import read_document
from compliance.results import Status
from compliance.rules import RulePack
from compliance.source import SourceRef
from tests.hypothesis_budget import examples

FORMS = ["人民政府办公室", "政府办", "人民政府办", "人民政府办公厅", "人民政府", "政府", "", "人力资源和社会保障局",
         "人社局", "市场监督管理局", "市场监管局", "住房和城乡建设局", "住建局", "发展和改革委员会", "发改委",
         "卫生健康委员会", "卫健委", "管理委员会", "管委会", "东风路街道办事处", "东风路街道", "东风路街办", "教育局",
         "（本级）", "本级"]


@functools.cache
def _seed_and_pack() -> tuple[dict[str, Any], RulePack]:
    """The seed's model and the default pack (not fixtures: a failing example prints its arguments)."""
    return dict(read_document(example_path()).data), load_packs()[0]


def _same_agency_for_the_pack(this: str, last: str, seed: dict[str, Any], pack: RulePack) -> bool:
    current, previous = copy.deepcopy(seed), copy.deepcopy(seed)
    current["metadata"] = {**current["metadata"], "year": 2023, "agency": this}
    previous["metadata"] = {**previous["metadata"], "year": 2022, "agency": last}
    result = check_report(Report(current, SourceRef("this")), [pack], previous=Report(previous, SourceRef("last")))
    return next(f.status for f in result.findings if f.rule == "years.consecutive") is Status.PASS


# Two ways reports write one body (and a government against its office, which are not one).
ALIKE = [("人民政府办公室", "政府办"), ("人民政府办公厅", "人民政府办"), ("人民政府", "政府"), ("人民政府", ""),
         ("人力资源和社会保障局", "人社局"), ("市场监督管理局", "市场监管局"), ("住房和城乡建设局", "住建局"),
         ("发展和改革委员会", "发改委"), ("卫生健康委员会", "卫健委"), ("管理委员会", "管委会"),
         ("东风路街道办事处", "东风路街道"), ("东风路街道", "东风路街办"), ("人民政府办公室", "政府")]
LEVELS = st.sampled_from(["市", "县", "区"])


# No shrinking: each example checks a whole report (a failure is shown as found, at once).
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(region=st.text(alphabet=st.sampled_from("东西南北中平潭聊城大冶临安海坛金井昌府"), min_size=2, max_size=4),
       levels=st.one_of(LEVELS.map(lambda level: (level, level)), st.tuples(LEVELS, LEVELS)),
       forms=st.one_of(st.sampled_from(ALIKE), st.sampled_from(ALIKE).map(lambda pair: pair[::-1]),
                       st.tuples(st.sampled_from(FORMS), st.sampled_from(FORMS))))
def test_pairing_and_the_pack_agree_on_one_agency(region: str, levels: tuple[str, str],
                                                  forms: tuple[str, str]) -> None:
    this, last = (region + level + form for level, form in zip(levels, forms, strict=True))
    same = agency_key(this) == agency_key(last)
    assert same == _same_agency_for_the_pack(this, last, *_seed_and_pack()), (this, last)
    assert (refusal({"year": 2023, "agency": this}, {"year": 2022, "agency": last}) is None) == same


def test_a_batch_pairs_an_agency_written_in_its_short_form() -> None:
    pairing = pair_reports([Identity("a/2023.txt", "聊城市东昌府区政府办", 2023),
                            Identity("a/2022.txt", "聊城市东昌府区人民政府办公室", 2022),
                            Identity("b/2023.txt", "聊城市东昌府区人民政府", 2023)])
    assert pairing.previous == {"a/2023.txt": "a/2022.txt"}  # the government is not its office


def test_many_copies_of_one_year_are_not_paired_and_the_note_names_a_few() -> None:
    # Seven copies of each year side by side: none is more like one copy than another, so none is
    # paired; the note names five of last year's copies and counts the rest.
    idents = [Identity(f"reports/{year}-{n}.html", "某某局", year) for year in (2022, 2023) for n in range(7)]
    pairing = pair_reports(idents)
    assert pairing.pairs == ()
    assert len(pairing.notes) == 7
    note = pairing.notes[0]
    assert note.startswith("reports/2023-0.html: 7 reports of 某某局 2022 (reports/2022-0.html, ")
    assert note.endswith("reports/2022-4.html and 2 more), none more like it; not paired")
    # A copy of its own kind beside them is the one most like it.
    paired = pair_reports([*idents, Identity("reports/2023-x.txt", "某某局", 2023),
                           Identity("reports/2022-x.txt", "某某局", 2022)])
    assert [(p.current.path, p.previous.path) for p in paired.pairs] == [("reports/2023-x.txt", "reports/2022-x.txt")]

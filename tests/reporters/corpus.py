"""A batch of generated reports for the batch and summary tests (and the docs' screenshot).

Report models come from ``tests/strategies.py`` (tables whose identities all hold, on the seed's
text), then some get defects injected with a seeded ``random.Random`` (a wrong total, a missing
section, a 2019-style table, a wrong period), each with its own agency and year; copies of
the seed text are mixed in, and a few files cannot be read (empty, binary, not a model).
"""

from __future__ import annotations

import copy
import json
import random
import warnings
from pathlib import Path
from typing import Any

from hypothesis.errors import HypothesisWarning, NonInteractiveExampleWarning

from compliance.api import example_path
from compliance.model.report import dumps_json
from compliance.readers import read_document
from tests.strategies import consistent_models

AGENCIES = ["市发展和改革委员会", "市教育局", "市公安局", "市民政局", "市司法局", "市财政局", "市人力资源和社会保障局",
            "市自然资源和规划局", "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水利局", "市农业农村局",
            "市商务局", "市文化和旅游局", "市卫生健康委员会", "市应急管理局", "市市场监督管理局", "市统计局",
            "市医疗保障局"]
CITIES = ["聊城", "济南", "青岛", "淄博", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂", "德州", "滨州",
          "菏泽"]


def _models(count: int) -> list[dict[str, Any]]:
    base = dict(read_document(example_path()).data)
    strategy = consistent_models(base)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        warnings.simplefilter("ignore", HypothesisWarning)
        return [strategy.example() for _ in range(count)]


def _defect(model: dict[str, Any], rng: random.Random) -> None:
    kind = rng.choice(["total", "total", "balance", "review", "section", "period", "none", "none", "none"])
    rows = model["tables"]["applications"]["rows"]
    if kind == "total":
        row = rows[rng.choice(["granted", "partly_granted", "unable_not_held", "other_other"])]
        row["values"]["total"] = row["values"]["total"] + rng.randint(1, 5)
        row["raw"]["total"] = str(row["values"]["total"])
    elif kind == "balance":
        row = rows["new_received"]
        row["values"]["natural_person"] += 3
        row["raw"]["natural_person"] = str(row["values"]["natural_person"])
    elif kind == "review":
        values = model["tables"]["review_litigation"]["rows"]["review"]["values"]
        values["total"] += 1
    elif kind == "section":
        model["sections"] = [s for s in model["sections"] if s["number"] != 5]
    elif kind == "period":
        model["intro"] = (model["intro"] or "").replace("2023年1月1日", "2023年2月1日")


def write_corpus(folder: Path, count: int, *, seed: int = 20240601, unreadable: int = 6) -> list[Path]:
    """Write ``count`` inputs into ``folder`` (sorted names = input order) and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    models = _models(min(count, 12))
    seed_text = example_path().read_text(encoding="utf-8")
    bad = {round(i * count / (unreadable + 1)) for i in range(1, unreadable + 1)} if unreadable else set()
    paths = []
    for i in range(count):
        stem = folder / f"report-{i:04d}"
        if i in bad:
            path = stem.with_suffix(".json" if i % 3 else ".txt")
            path.write_bytes([b"", b"\x00\x01\x02\xff binary", b'{"schema_version": "1", "metadata": 7}'][i % 3])
        elif i % 25 == 7:
            path = stem.with_suffix(".txt")
            path.write_text(seed_text, encoding="utf-8")
        else:
            model = copy.deepcopy(models[i % len(models)])
            agency = f"{rng.choice(CITIES)}{rng.choice(AGENCIES)}"
            year = rng.choice([2021, 2022, 2023])
            model["metadata"] = {**model["metadata"], "agency": agency, "year": year,
                                 "title": f"{agency}{year}年政府信息公开工作年度报告", "source": None}
            model["intro"] = (model["intro"] or "").replace("2023年", f"{year}年")
            for section in model["sections"]:
                section["text"] = section["text"].replace("2023年", f"{year}年")
            t2, t3 = model["tables"]["applications"]["rows"], model["tables"]["review_litigation"]["rows"]
            model["narrative"] = {  # what the narrative states, as a producer would: consistent with the tables
                "applications_received": t2["new_received"]["values"]["total"],
                "review_cases": t3["review"]["values"]["total"], "review_upheld": t3["review"]["values"]["upheld"],
                "review_corrected": t3["review"]["values"]["corrected"],
                "litigation_cases": t3["litigation_direct"]["values"]["total"]
                + t3["litigation_after_review"]["values"]["total"], "litigation_lost": None}
            _defect(model, rng)
            path = stem.with_suffix(".json")
            path.write_text(dumps_json(model), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m tests.reporters.corpus FOLDER COUNT
    import sys

    written = write_corpus(Path(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps({"written": len(written)}))

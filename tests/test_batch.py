"""Batches: many inputs, in parallel, none lost, in input order; the summary adds up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.api import check_paths, iter_check, load_packs
from compliance.batch import run_ordered
from compliance.results import Status
from compliance.schemas import issues
from tests.reporters.corpus import write_corpus

COUNT = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), COUNT)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=600)


def test_a_folder_of_a_few_hundred_reports_with_two_jobs(corpus: list[Path]) -> None:
    proc = run("check", str(corpus[0].parent), "--jobs", "2", "--format", "json")
    assert proc.returncode == 2  # some inputs are unreadable
    document = json.loads(proc.stdout)
    assert issues("results", document) == ()
    assert [r["source"] for r in document["reports"]] == [str(p) for p in corpus]  # every input, in order
    summary = document["summary"]
    unreadable = [r for r in document["reports"] if r["error"] is not None]
    assert summary["inputs"] == summary["reports"] == COUNT
    assert summary["unreadable"] == len(unreadable) == 6
    assert summary["checked"] + summary["unreadable"] == COUNT
    assert proc.stderr.count("\n") == 6  # one line per unreadable input, no progress bar when piped
    findings = [f for r in document["reports"] for f in r["findings"]]
    assert sum(summary["by_status"].values()) == len(findings)
    rules = {f["rule"] for f in findings}
    for rule in rules:  # every checked report has every rule, and the pass rate is passed / applicable
        statuses = []
        for r in document["reports"]:
            mine = [f["status"] for f in r["findings"] if f["rule"] == rule]
            if r["error"] is None:
                assert mine
                statuses.append("fail" if "fail" in mine else "error" if "error" in mine else mine[0])
        applicable = [s for s in statuses if s != "skip"]
        rate = summary["pass_rate"][rule]
        assert rate == (round(applicable.count("pass") / len(applicable), 4) if applicable else None)
    assert summary["compliant"] == sum(1 for r in document["reports"] if r["error"] is None and not any(
        f["status"] in ("fail", "error") for f in r["findings"]))
    top = summary["top_defects"][0]
    assert top["reports"] == max(d["reports"] for d in summary["top_defects"])


def test_jobs_1_and_2_give_the_same_results(corpus: list[Path]) -> None:
    packs = load_packs()
    sample = corpus[:40]
    one = check_paths(sample, packs, jobs=1)
    two = check_paths(sample, packs, jobs=2)
    assert one.to_dict() == two.to_dict()


def test_text_and_csv_batches_cover_every_input(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "batch.csv"
    proc = run("check", *map(str, corpus[:50]), "--jobs", "2", "--format", "csv", "-o", str(out))
    assert proc.returncode == 2
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == {str(p) for p in corpus[:50]}
    proc = run("check", *map(str, corpus[:50]), "--jobs", "2")
    assert "汇总" in proc.stdout
    assert "检查报告 49 份，无法读取 1 份" in proc.stdout


def crash_on_three(n: int) -> int:
    if n == 3:
        os._exit(7)  # the worker process dies, as with a segfault
    return n * 10


def noop() -> None:
    return None


def crashed(n: int, reason: str) -> int:
    return -n


def test_a_worker_crash_costs_only_its_input() -> None:
    results = list(run_ordered(list(range(12)), crash_on_three, jobs=2, initializer=noop, initargs=(),
                               on_crash=crashed))
    assert results == [0, 10, 20, -3, 40, 50, 60, 70, 80, 90, 100, 110]


def test_a_crash_in_a_real_batch_becomes_an_error_entry(corpus: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched checker reaches the workers only when they are forked")
    from compliance import api

    victim = str(corpus[2])
    original = api._check_path

    def dies_on_victim(path: str, *args: object) -> object:
        if path == victim:
            os._exit(9)
        return original(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "_check_path", dies_on_victim)
    reports = list(iter_check(corpus[:8], load_packs(), jobs=2))
    assert [r.source for r in reports] == [str(p) for p in corpus[:8]]
    assert reports[2].error == "the worker process checking it crashed"
    assert all(r.findings for i, r in enumerate(reports) if i != 2 and r.error is None)
    assert any(f.status is Status.PASS for f in reports[0].findings)

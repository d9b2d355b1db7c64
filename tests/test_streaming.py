"""Streaming batches (issue 12 item 4): the JSON document and JSON Lines written report by report
with a running summary give what the whole-run reporters give; chunked workers lose nothing;
small batches run in this process by default; the fast JSON writer equals ``dumps_json``."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.api import check, check_paths, chunk_size, example_path, iter_check, load_packs, plan_jobs, results_for
from compliance.batch import run_ordered
from compliance.cli import main
from compliance.model.report import dumps_json
from compliance.reporters import REPORTERS
from compliance.reporters.json_reporter import dumps
from compliance.results import Finding, ReportResult, Results, Status, summarize
from compliance.running import RunningSummary
from compliance.severity import Severity
from compliance.waivers import parse_waiver, waive_report
from tests.hypothesis_budget import examples
from tests.reporters.corpus import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("stream"), 40)


@pytest.fixture(scope="module")
def results(corpus: list[Path]) -> Results:
    return check_paths(corpus, load_packs(), jobs=1)


def test_the_json_document_is_written_report_by_report_byte_for_byte(corpus: list[Path], results: Results,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["check", *map(str, corpus), "--jobs", "2", "--format", "json", "--no-pairing", "-o", str(out)]) == 2
    whole = REPORTERS["json"].render(results)
    assert out.read_text(encoding="utf-8") == whole
    assert json.loads(whole)["summary"]["unreadable"] >= 1


def test_json_of_no_reports_and_one_report() -> None:
    packs = load_packs()
    for reports in ((), (check(example_path(), packs),)):
        results = results_for(list(reports), packs)
        stream = REPORTERS["json"].stream(results_for([], packs))  # type: ignore[attr-defined]
        text = stream.start() + "".join(stream.report(r) for r in reports) + stream.finish()
        assert text == dumps_json(results.to_dict()) + "\n"


def test_json_lines_one_object_per_line(corpus: list[Path], results: Results, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["check", *map(str, corpus), "--jobs", "1", "--format", "jsonl", "--no-pairing", "-o", str(out)]) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["type"] for line in lines] == ["run", *["report"] * len(corpus), "summary"]
    document = json.loads(REPORTERS["json"].render(results))
    assert lines[0]["rulepacks"] == document["rulepacks"]
    assert [{k: v for k, v in line.items() if k != "type"} for line in lines[1:-1]] == document["reports"]
    assert {k: v for k, v in lines[-1].items() if k != "type"} == document["summary"]


def test_the_running_summary_is_summarize(results: Results) -> None:
    waiver = parse_waiver({"rule": "applications.row-totals", "reason": "known", "by": "test", "until": "2999-01-01",
                           "source": "*"})
    reports = [waive_report(r, [waiver], "zh") for r in results.reports]
    whole = Results(results.tool_version, results.packs, results.rules, tuple(reports), results.lang)
    running = RunningSummary(results_for([], load_packs()))
    for report in reports:
        running.add(report)
    assert running.summary() == summarize(whole)
    assert running.counts() == whole.summary()


def test_text_and_csv_stream_the_same_output_as_they_render(corpus: list[Path], results: Results,
                                                            tmp_path: Path) -> None:
    for name, suffix in (("text", "txt"), ("csv", "csv")):
        out = tmp_path / f"out.{suffix}"
        main(["check", *map(str, corpus), "--jobs", "1", "--format", name, "--no-pairing", "-o", str(out)])
        assert out.read_bytes().decode("utf-8") == REPORTERS[name].render(results)


def test_json_leaves_out_the_snapshot_and_says_the_same(corpus: list[Path]) -> None:
    packs = load_packs()
    lean = list(iter_check(corpus[:6], packs, jobs=2, snapshot=False))
    full = list(iter_check(corpus[:6], packs, jobs=1))
    assert all(r.tables == () and r.sections == () for r in lean)
    assert any(r.tables for r in full)
    assert [r.to_dict() for r in lean] == [r.to_dict() for r in full]


def test_small_batches_stay_in_this_process_unless_jobs_are_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert plan_jobs(None, 3) == 1
    assert plan_jobs(4, 3) == 3  # asked for: honoured (up to the inputs)
    assert plan_jobs(None, 1000) == min(len(os.sched_getaffinity(0)), 1000)
    from compliance import api

    monkeypatch.setattr(api, "usable_cores", lambda: 2)
    started: list[int] = []
    real = api.run_ordered

    def counted(items: Any, *args: Any, **kwargs: Any) -> Any:
        started.append(len(items))
        return real(items, *args, **kwargs)

    monkeypatch.setattr(api, "run_ordered", counted)
    inputs = [example_path()] * 6
    packs = load_packs()
    monkeypatch.setattr(api, "POOL_AFTER", 3600.0)  # never worth it: all in this process
    quick = list(iter_check(inputs, packs, jobs=None))
    assert started == []
    monkeypatch.setattr(api, "POOL_AFTER", 0.0)  # always worth it: two here (one to warm up, one to time)
    moved = list(iter_check(inputs, packs, jobs=None))
    assert started == [4]
    assert [r.to_dict() for r in moved] == [r.to_dict() for r in quick]
    assert chunk_size(1000, 2) == 16
    assert chunk_size(20, 2) == 2
    assert chunk_size(3, 2) == 1


def _crash_on_seven(n: int) -> int:
    if n == 7:
        os._exit(3)
    return n * 10


def _noop() -> None:
    return None


def _crashed(n: int, reason: str) -> int:
    return -n


def _raises_on_five(n: int) -> int:
    if n == 5:
        raise ValueError("five")
    return n


def test_a_crash_in_a_chunk_costs_only_its_input() -> None:
    got = list(run_ordered(list(range(30)), _crash_on_seven, jobs=2, initializer=_noop, initargs=(),
                           on_crash=_crashed, chunk=4))
    assert got == [-7 if n == 7 else n * 10 for n in range(30)]
    got = list(run_ordered(list(range(12)), _raises_on_five, jobs=2, initializer=_noop, initargs=(),
                           on_crash=_crashed, chunk=3))
    assert got == [-5 if n == 5 else n for n in range(12)]


_keys = st.text(max_size=6)
_scalars = st.none() | st.booleans() | st.integers(min_value=-10**30, max_value=10**30) | st.text(max_size=12) \
    | st.decimals(allow_nan=False, allow_infinity=False, places=3) \
    | st.floats(allow_nan=False, allow_infinity=False)
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
                     max_leaves=20)


@settings(max_examples=examples(300), deadline=None)
@given(value=_json, indent=st.sampled_from([None, 2]))
def test_the_fast_json_writer_is_dumps_json(value: Any, indent: int | None) -> None:
    assert dumps(value, indent=indent) == dumps_json(value, indent=indent)


_statuses = st.sampled_from(["pass", "fail", "error", "skip"])
_findings = st.builds(
    lambda rule, status, message, evidence, location, pointer: Finding(
        rule, Status(status), Severity.ERROR, message, evidence, location, pointer),
    st.text(max_size=8), _statuses, st.text(max_size=12),
    st.dictionaries(_keys, _scalars, max_size=2), st.none() | st.fixed_dictionaries({"line": st.integers(1, 99)}),
    st.none() | st.text(max_size=8))


@settings(max_examples=examples(200), deadline=None)
@given(findings=st.lists(_findings, max_size=5), shared=st.lists(_findings, min_size=1, max_size=3),
       source=st.text(max_size=10))
def test_a_reports_json_block_is_its_entry_written_whole(findings: list[Finding], shared: list[Finding],
                                                         source: str) -> None:
    """The JSON stream writes a report's findings from kept texts (the same finding object on
    every report); the block is still ``dumps(to_dict())`` of the entry, on the first report and
    on every later one that shares a finding."""
    stream = REPORTERS["json"].stream(Results("0", (), (), ()))
    for report in (ReportResult(source, tuple(findings)), ReportResult(source, tuple(shared + findings)),
                   ReportResult(source, tuple(findings + shared)), ReportResult(source, ())):
        assert stream.block(report) == "\n    " + dumps(report.to_dict(), level=2)


def test_the_fast_json_writer_refuses_what_dumps_json_refuses() -> None:
    for bad in (Decimal("NaN"), float("inf"), object()):
        with pytest.raises((ValueError, TypeError)):
            dumps({"x": bad})
    marked = "\x00" + "0" * 16 + ":12\x00"  # looks like a marked Decimal, but without this process's nonce
    assert json.loads(dumps({"x": marked})) == {"x": marked}


def test_a_paired_batch_reads_each_input_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Pairing reads every input for its agency and year; checking it again loads the report kept
    meanwhile (api.spill_reports) instead of parsing the document a second time."""
    from compliance import api

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(7):  # more than the in-memory cache of recent reports holds
        (folder / f"r{i}.txt").write_bytes(example_path().read_bytes())
    reads: list[str] = []
    real = api.read_document

    def counted(path: Any) -> Any:
        reads.append(str(path))
        return real(path)

    monkeypatch.setattr(api, "read_document", counted)
    monkeypatch.setattr(api, "SPILL_AFTER", 0.0)  # keep every report (the seed reads in ~1 ms: not kept)
    spills: list[str] = []
    real_spill = api.spill_reports

    def watched() -> Any:
        context = real_spill()
        spills.append("entered")
        return context

    monkeypatch.setattr(api, "spill_reports", watched)
    assert main(["check", str(folder), "--jobs", "1", "--format", "jsonl", "-q", "--fail-on", "never"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 9  # run, 7 reports, summary
    assert sorted(reads) == sorted(str(p) for p in folder.iterdir())  # once each
    assert spills == ["entered"]
    assert api._SPILL == {}  # the folder is gone with the run
    reads.clear()
    assert main(["check", str(folder), "--jobs", "1", "--format", "jsonl", "-q", "--no-pairing"]) == 1
    assert len(reads) == 7

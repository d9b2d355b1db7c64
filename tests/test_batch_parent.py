"""What a batch's parent does per report (docs/performance.md, "Two cores for one batch"): a
worker finishes each report it checked (waivers, exit code, ``running.tally``, the block of
output) and the parent only counts and writes, so the output is the same bytes with any
``--jobs``; tasks shrink towards the end; pairing identifies inputs in chunks, with the same pairs."""

from __future__ import annotations

import datetime
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.api import check_paths, example_path, iter_finished, load_packs, results_for
from compliance.batch import split_tasks
from compliance.cli import main
from compliance.cli.check import Finish
from compliance.pairing import pair_inputs
from compliance.reporters import reporter_for
from compliance.results import ReportResult, Results, summarize
from compliance.running import RunningSummary, tally
from compliance.waivers import parse_waiver
from compliance.writing import writer_for
from tests.hypothesis_budget import examples
from tests.reporters.corpus import write_corpus

SPLIT_FORMATS = ("json", "jsonl", "text", "csv")
WAIVERS = """
[[waivers]]
rule = "applications.row-totals"
by = "test"
reason = "known"
until = "2999-01-01"
source = "report-000*"
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("parent"), 24)


@pytest.fixture(scope="module")
def results(corpus: list[Path]) -> Results:
    return check_paths(corpus, load_packs(), jobs=1)


def test_a_finished_report_is_what_the_writer_writes_and_counts(results: Results) -> None:
    """``writer.add(*finish(report))`` after a pickle round trip (as from a worker) writes and counts
    what ``writer.report(report)`` does, for every format that splits."""
    waivers = [parse_waiver({"rule": "applications.row-totals", "reason": "known", "by": "test",
                             "until": "2999-01-01", "source": "*"})]
    meta = results_for([], load_packs())
    for fmt in SPLIT_FORMATS:
        for color in (False, True):
            finish = pickle.loads(pickle.dumps(Finish(fmt, meta, color, waivers, "zh", "error",
                                                      datetime.date(2026, 12, 7))))
            direct, split = writer_for(reporter_for(fmt), meta, color), writer_for(reporter_for(fmt), meta, color)
            expected = direct.start() + "".join(direct.report(finish.waived(r)) for r in results.reports)
            got = split.start()
            for report in results.reports:
                counted, _, block = pickle.loads(pickle.dumps(finish(report)))
                got += split.add(counted, block)  # type: ignore[attr-defined]
            assert got + split.finish() == expected + direct.finish(), fmt
    assert any("waiver" in block for block in (Finish("json", meta, False, waivers, "zh", "error",
                                                      datetime.date(2026, 12, 7))(r)[2] for r in results.reports))


def test_the_exit_code_travels_with_the_finished_report(results: Results) -> None:
    from compliance.cli.check import report_code

    meta = results_for([], load_packs())
    for fail_on in ("error", "warning", "info", "never"):
        finish = Finish("jsonl", meta, False, (), "zh", fail_on, datetime.date(2026, 12, 7))
        assert [finish(r)[1] for r in results.reports] == [report_code(r, fail_on) for r in results.reports]


def test_tallies_that_crossed_a_process_boundary_sum_up_to_summarize(results: Results) -> None:
    running = RunningSummary(results_for([], load_packs()))
    for report in results.reports:
        running.add_tally(pickle.loads(pickle.dumps(tally(report))))
    assert running.summary() == summarize(results)
    assert running.counts() == results.summary()


def test_a_tally_is_plain_data() -> None:
    """No enum or dataclass in a tally: what crosses from a worker unpickles without Python code."""
    report = check_paths([example_path()], load_packs()).reports[0]

    def plain(value: Any) -> bool:
        if isinstance(value, tuple):
            return all(plain(v) for v in value)
        return value is None or type(value) in (str, int)

    assert plain(tally(report))
    assert tally(ReportResult("x.txt", error="empty document")) == ("x.txt", "empty document", None, None, 0, ())


def _run(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, bytes, str]:
    code = main([*args, "-o", str(out)])
    return code, out.read_bytes(), capsys.readouterr().err


def test_jobs_2_writes_the_bytes_of_jobs_1_with_waivers(corpus: list[Path], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "compliance.toml"
    config.write_text(WAIVERS, encoding="utf-8")
    for fmt in (*SPLIT_FORMATS, "sarif"):
        for pairing in ([], ["--no-pairing"]):
            base = ["check", *map(str, corpus), "--format", fmt, "--config", str(config), "-q", "--fail-on",
                    "warning", *pairing]
            one = _run([*base, "--jobs", "1"], tmp_path / "one.out", capsys)
            two = _run([*base, "--jobs", "2"], tmp_path / "two.out", capsys)
            assert one == two, (fmt, pairing)
            assert one[0] == 2
            assert "empty document" in one[2]
    assert b"waiver" in _run(["check", *map(str, corpus), "--format", "json", "--config", str(config), "-q",
                              "--jobs", "2"], tmp_path / "w.json", capsys)[1]


def _identity(result: Any) -> Any:
    return ("seen", result.source, len(result.findings))


def test_what_comes_back_from_the_workers_is_what_finish_made(corpus: list[Path]) -> None:
    packs = load_packs()
    here = list(iter_finished(corpus[:10], packs, _identity, jobs=1))
    there = list(iter_finished(corpus[:10], packs, _identity, jobs=2))
    assert here == there
    assert [s for _, s, _ in there] == [str(p) for p in corpus[:10]]


def test_pairing_in_workers_makes_the_same_pairs(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    pages = sorted(corpus.glob("*.html"))
    if not pages:
        pytest.skip("the shared corpus is not here")
    for copy in range(4):  # 12 inputs: enough for workers (pairing reads in-process below 8)
        folder = tmp_path / f"copy{copy}"
        folder.mkdir()
        for page in pages:
            shutil.copy(page, folder / page.name)
    inputs = sorted(str(p) for p in tmp_path.rglob("*.html"))
    one, two = pair_inputs(inputs, jobs=1), pair_inputs(inputs, jobs=2)
    assert one == two
    assert len(one.pairs) >= 4


@settings(max_examples=examples(200), deadline=None)
@given(st.integers(0, 400), st.integers(1, 20), st.integers(1, 4))
def test_tasks_cover_the_inputs_in_order_and_shrink_towards_the_end(count: int, chunk: int, jobs: int) -> None:
    items = list(range(count))
    tasks = split_tasks(items, chunk, jobs)
    assert [i for task in tasks for i in task] == items
    sizes = [len(t) for t in tasks]
    assert all(1 <= s <= chunk for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # never a larger task after a smaller one
    if count >= 4 * jobs:
        assert sizes[-1] == 1  # the last inputs go one by one: the workers finish together


def test_a_report_read_faster_than_keeping_it_costs_is_read_again(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``api.SPILL_AFTER``: pairing keeps a report on disk for its check only when reading it took
    longer than keeping it would; either way the results are those of a batch that does not pair."""
    from compliance import api

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_bytes(example_path().read_bytes())
    kept: list[str] = []
    real_spill = api._spill
    monkeypatch.setattr(api, "_spill", lambda key, report: (kept.append(key[0]), real_spill(key, report)))
    outputs = []
    for threshold in (3600.0, 0.0):  # nothing is slow enough to keep / everything is
        monkeypatch.setattr(api, "SPILL_AFTER", threshold)
        kept.clear()
        out = tmp_path / f"out-{threshold}.jsonl"
        assert main(["check", str(folder), "--jobs", "1", "-q", "--format", "jsonl", "-o", str(out),
                     "--fail-on", "never"]) == 0
        assert len(kept) == (0 if threshold else 6)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_report_that_cannot_be_written_is_one_entry_with_any_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Writing a result happens in the worker that checked it: a writer that fails on one report
    costs that report (an entry with ``error``), in a worker as in the command's own process."""
    from compliance.reporters.jsonl_reporter import JsonlStream

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(10):
        (folder / f"r{i}.txt").write_bytes(example_path().read_bytes())
    real = JsonlStream.block

    def fragile(self: JsonlStream, report: ReportResult) -> str:
        if report.source.endswith("r3.txt") and report.error is None:
            raise ValueError("cannot write this one")
        return real(self, report)

    monkeypatch.setattr(JsonlStream, "block", fragile)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert main(["check", str(folder), "--jobs", jobs, "--no-pairing", "-q", "--format", "jsonl",
                     "-o", str(out)]) == 2
        outputs.append(out.read_bytes())
        assert "r3.txt: internal error while writing the result: ValueError: cannot write this one" in \
            capsys.readouterr().err
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b'"type": "report"') == 10

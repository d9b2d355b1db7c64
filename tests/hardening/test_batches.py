"""Nothing lost in batches: unreadable, too-large and too-slow inputs each become an entry with
its reason, the others are checked, and the summary counts add up to the number of inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance.api import example_path, iter_check, load_packs
from compliance.cli import main

SLOW_RULE = """rules:
  - id: local.slow
    title: {zh: 慢, en: slow}
    severity: info
    require: count_if(a in range(0, 2000), any(b in range(0, 2000), a == b + 5000)) == 0
    message: {zh: x, en: x}
"""


@pytest.fixture
def mixed_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    seed = example_path().read_bytes()
    for i in range(4):
        (folder / f"ok-{i}.txt").write_bytes(seed)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "huge.txt").write_bytes(seed * 400)  # over the limit set below
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_input_appears_with_its_status(mixed_batch: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    monkeypatch.setenv("COMPLIANCE_MAX_DOCUMENT_BYTES", str(len(example_path().read_bytes()) * 10))
    assert main(["check", "--format", "json", "--jobs", jobs, str(mixed_batch)]) == 2
    document = json.loads(capsys.readouterr().out)
    entries = {Path(r["source"]).name: r["error"] for r in document["reports"]}
    assert sorted(entries) == sorted(p.name for p in mixed_batch.iterdir())
    assert [n for n, e in entries.items() if e is None] == [f"ok-{i}.txt" for i in range(4)]
    assert "empty" in entries["empty.txt"]
    assert "binary" in entries["binary.txt"]
    assert "limit" in entries["huge.txt"]
    summary = document["summary"]
    assert summary["reports"] == len(entries) == 7
    assert summary["unreadable"] == 3


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_input_that_takes_too_long_becomes_an_error_entry(tmp_path: Path, jobs: int) -> None:
    rule = tmp_path / "slow.yaml"
    rule.write_text(SLOW_RULE, encoding="utf-8")
    packs = load_packs([rule])
    inputs = [str(example_path())] * 3
    results = list(iter_check(inputs, packs, jobs=jobs, timeout=0.2))
    assert len(results) == 3
    assert all(r.error is not None and "took longer than 0.2 s" in r.error for r in results)


def test_a_missing_path_in_a_batch_does_not_stop_the_others(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--jobs", "1", str(tmp_path / "gone.txt"), str(example_path())]) == 2
    captured = capsys.readouterr()
    reports = json.loads(captured.out)["reports"]
    assert [(Path(r["source"]).name, r["error"]) for r in reports] == [
        ("gone.txt", "no such file"), ("liaocheng-hrss-2023.txt", None)]
    assert "gone.txt: no such file" in captured.err

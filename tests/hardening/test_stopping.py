"""Issue 11 item 8: the time limit holds even for work stuck in C code (the parent's hard
deadline), and SIGTERM to the parent stops its workers instead of orphaning them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compliance.api import example_path
from compliance.batch import run_ordered

SLOW_RULE = """rules:
  - id: local.slow
    title: {zh: 慢, en: slow}
    severity: info
    require: count_if(a in range(0, 3000), any(b in range(0, 3000), a == b + 9000)) == 0
    message: {zh: x, en: x}
"""


def _noop() -> None:
    pass


def _stuck_in_c(item: int) -> int:
    """A task that its own SIGALRM cannot stop (signals blocked, as in a long C call)."""
    if item == 1:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGINT})
        time.sleep(120)
    return item * 10


def _crashed(item: int, reason: str) -> int:
    assert "longer than 2 s" in reason
    return -item


def test_a_stuck_input_is_stopped_at_the_hard_deadline() -> None:
    start = time.monotonic()
    results = list(run_ordered([0, 1, 2, 3], _stuck_in_c, jobs=2, initializer=_noop, initargs=(),
                               on_crash=_crashed, deadline=2.0))
    assert results == [0, -1, 20, 30]
    assert time.monotonic() - start < 30


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_to_the_parent_stops_its_workers(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_bytes(example_path().read_bytes())
    rule = tmp_path / "slow.yaml"
    rule.write_text(SLOW_RULE, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "compliance", "check", "-q", "--jobs", "2", "--timeout", "0",
                             "--rules", str(rule), str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    for _ in range(200):  # wait for the two workers
        workers = _children(proc.pid) - {proc.pid}
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=20) == 143
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    assert b"Traceback" not in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in
             (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split() or ["Z"])[0]]
    assert alive == []


def test_the_time_limit_is_not_swallowed_by_code_that_handles_document_limits(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that skips a table on ``LimitExceededError`` (and even code that swallows any
    exception once) must not swallow ``--timeout``: 123 s with ``--timeout 3`` before."""
    from compliance import api
    from compliance.errors import DocumentError

    def slow_check(path: str, *args: object, **kwargs: object) -> object:
        swallowed = 0
        for _ in range(200):  # 10 s of work
            try:
                time.sleep(0.05)
            except DocumentError:  # "a table too large: skip it"
                pass
            except Exception:  # broad handling, once
                swallowed += 1
                if swallowed > 1:
                    raise
        raise AssertionError("the time limit did not hold")

    monkeypatch.setattr(api, "check", slow_check)
    start = time.monotonic()
    result = api._check_path("slow.txt", [], "zh", None, 0.5)
    assert result.error is not None
    assert "longer than 0.5 s" in result.error
    assert time.monotonic() - start < 5

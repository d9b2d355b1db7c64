"""End-to-end batches (issue 12 item 7): ``compliance check FOLDER`` against the plain hand-written
checker of the same documents (``plain_checker.py``), in the same run, and peak memory against
batch size. Ratios, not absolute times, are what docs/performance.md reports.

Folders: copies of the seed text (1,000 by default) and the three shared portal pages ×300.
Each command runs as its own process, timed by wall clock; peak RSS is ``/usr/bin/time -f %M``
(the largest process: the parent, or a worker)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def _compliance() -> list[str]:
    exe = Path(sys.executable).with_name("compliance")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "compliance"]


def _timed(cmd: list[str], rounds: int = 1) -> dict[str, Any]:
    walls, peaks, code = [], [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        tail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        peaks.append(int(tail) / 1024 if tail.isdigit() else 0.0)
        code = done.returncode
    return {"wall_s": statistics.median(walls), "peak_rss_mb": max(peaks), "exit": code}


# ``compliance check`` in this interpreter, then the CPU seconds of this process (the batch's
# parent) and of its reaped children (the workers) on stderr's last line.
_CPU_SPLIT = """
import resource, sys
from compliance.cli import main
main(sys.argv[1:])
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)
"""


def _cpu_split(args: list[str], count: int) -> dict[str, float]:
    """CPU seconds of the batch's parent and of its workers: the parent's CPU per report bounds
    the speed-up of ``--jobs 2`` on two cores (it takes its share of them), and parent + workers
    against ``--jobs 1`` is what the workers cost in all. Measured apart from the timed runs."""
    done = subprocess.run([sys.executable, "-c", _CPU_SPLIT, *args], capture_output=True, text=True)
    parent, workers = (float(x) for x in done.stderr.strip().splitlines()[-1].split())
    return {"parent_cpu_s": parent, "workers_cpu_s": workers, "parent_ms_per_report": 1000 * parent / count}


def _seed_folder(root: Path, count: int) -> Path:
    seed = SHARED / "seed" / "liaocheng-hrss-2023.txt"
    folder = root / f"seed-{count}"
    folder.mkdir()
    for i in range(count):
        shutil.copyfile(seed, folder / f"r{i:05d}.txt")
    return folder


def _html_folder(root: Path, copies: int) -> Path:
    folder = root / f"html-{copies}"
    folder.mkdir()
    for page in sorted((SHARED / "corpus").glob("*.html")):
        for i in range(copies):
            shutil.copyfile(page, folder / f"{page.stem}-{i:04d}.html")
    return folder


def _compare(folder: Path, out: Path, count: int, rounds: int) -> dict[str, Any]:
    plain = _timed([sys.executable, str(HERE / "plain_checker.py"), str(folder), str(out / "plain.jsonl")], rounds)
    result: dict[str, Any] = {"files": count, "plain": plain}
    runs = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "jobs1_no_pairing": ["--jobs", "1", "--no-pairing"],
            "jobs2_no_pairing": ["--jobs", "2", "--no-pairing"]}
    for name, extra in runs.items():
        cmd = [*_compliance(), "check", str(folder), "-q", "--format", "jsonl", "--fail-on", "never",
               "-o", str(out / f"{name}.jsonl"), *extra]
        result[name] = _timed(cmd, rounds)
        result[name]["ratio_to_plain"] = result[name]["wall_s"] / plain["wall_s"]
    for name in runs:
        result[f"{name}_cpu"] = _cpu_split(["check", str(folder), "-q", "--format", "jsonl", "--fail-on", "never",
                                            "-o", str(out / "cpu.jsonl"), *runs[name]], count)
    result["jobs2_speedup"] = result["jobs1"]["wall_s"] / result["jobs2"]["wall_s"]
    result["jobs2_speedup_no_pairing"] = result["jobs1_no_pairing"]["wall_s"] / result["jobs2_no_pairing"]["wall_s"]
    result["json_jobs2"] = _timed([*_compliance(), "check", str(folder), "-q", "--format", "json", "--fail-on",
                                   "never", "-o", str(out / "out.json"), "--jobs", "2"], rounds)
    return result


def bench_batch(count: int = 1_000, copies: int = 300, rounds: int = 1) -> dict[str, Any]:
    """``count`` seed copies and the three portal pages × ``copies``, each against the plain checker."""
    subprocess.run([*_compliance(), "check", "--example", "-q"], capture_output=True)  # warm the pack cache
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        return {"seed": _compare(_seed_folder(root, count), root, count, rounds),
                "html": _compare(_html_folder(root, copies), root, 3 * copies, rounds)}


def bench_small(sizes: tuple[int, ...] = (1, 2, 4, 8, 16, 32), rounds: int = 3) -> dict[str, Any]:
    """Small batches: the default ``--jobs`` (usable cores, in this process below 12 inputs)
    against ``--jobs 1`` and ``--jobs 2``."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in sizes:
            folder = _seed_folder(root, size)
            base = [*_compliance(), "check", str(folder), "-q", "--format", "jsonl", "--fail-on", "never",
                    "-o", str(root / "small.jsonl"), "--no-pairing"]
            row = {name: _timed([*base, *extra], rounds)["wall_s"]
                   for name, extra in (("default", []), ("jobs1", ["--jobs", "1"]), ("jobs2", ["--jobs", "2"]))}
            row["default_vs_jobs1"] = row["default"] / row["jobs1"]
            out[str(size)] = row
    return out


def bench_memory(sizes: tuple[int, ...] = (250, 1_000, 5_000)) -> dict[str, Any]:
    """Peak RSS of ``--format jsonl`` and ``--format json`` with ``--jobs 2`` against batch size."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in sizes:
            folder = _seed_folder(root, size)
            row = {}
            for fmt in ("jsonl", "json"):
                cmd = [*_compliance(), "check", str(folder), "-q", "--format", fmt, "--fail-on", "never",
                       "-o", str(root / f"out.{fmt}"), "--jobs", "2", "--no-pairing"]
                row[fmt] = _timed(cmd)
            out[str(size)] = row
            shutil.rmtree(folder)
    first, last = str(sizes[1]) if len(sizes) > 1 else str(sizes[0]), str(sizes[-1])
    out["ratio_last_to_1000"] = {fmt: out[last][fmt]["peak_rss_mb"] / out[first][fmt]["peak_rss_mb"]
                                 for fmt in ("jsonl", "json")}
    return out

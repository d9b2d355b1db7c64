"""Benchmarks around the evaluation: reading documents, loading the pack (cold and cached), the
command line's start-up, and a folder of generated report models end to end."""

from __future__ import annotations

import html
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import per_call, seed_report, variant

from compliance.api import example_path
from compliance.model.report import dumps_json
from compliance.readers import read_document


def bench_read() -> dict[str, Any]:
    """Reading the seed text, a 2 MB page of repeated seed text, and (when there is a reader) HTML."""
    seed = example_path()
    out: dict[str, Any] = {"seed_bytes": seed.stat().st_size, "seed_us": per_call(lambda: read_document(seed)) * 1e6}
    caches = _reader_caches()

    def cold() -> None:
        for cache in caches:
            cache.cache_clear()
        read_document(seed)

    # The readers remember each distinct label and line (labels repeat across the reports of a batch);
    # reading the same seed again hits every one of those caches. This is what a report whose lines
    # the readers have never seen costs.
    out["seed_cold_us"] = per_call(cold) * 1e6
    text = seed.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(text * max(1, (2_000_000 // len(text.encode())) + 1), encoding="utf-8")
        out["big_bytes"] = big.stat().st_size
        out["big_ms"] = per_call(lambda: read_document(big), rounds=5, budget=0.0) * 1e3
        if importlib.util.find_spec("compliance.readers.html_reader") is not None:
            page = Path(tmp) / "seed.html"
            body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
            page.write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                            encoding="utf-8")
            try:
                out["html_us"] = per_call(lambda: read_document(page)) * 1e6
            except Exception as exc:
                out["html_us"] = f"failed: {exc}"
        else:
            out["html_us"] = "no compliance.readers.html_reader"
    return out


def _reader_caches() -> list[Any]:
    """Every ``functools.lru_cache`` of the readers' modules."""
    import compliance.readers as package

    found = []
    for name, module in sorted(sys.modules.items()):
        if name.startswith(package.__name__ + ".") and module is not None:
            found += [value for value in vars(module).values()
                      if hasattr(value, "cache_clear") and not isinstance(value, type)]  # not a class (LineMemo)
    return found


def _python(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def bench_load(runs: int = 7) -> dict[str, Any]:
    """Loading the default pack in a fresh process: without the cache, and from a warm cache."""
    load = ("import time; t = time.perf_counter(); from compliance.rules.packs import load_default_pack; "
            "load_default_pack(); print(time.perf_counter() - t)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COMPLIANCE_CACHE_DIR": tmp}
        cold_env = {**os.environ, "COMPLIANCE_NO_CACHE": "1"}

        def timed(environ: dict[str, str]) -> float:
            done = subprocess.run([sys.executable, "-c", load], check=True, env=environ, capture_output=True, text=True)
            return float(done.stdout.strip().splitlines()[-1])
        cold = [timed(cold_env) for _ in range(runs)]
        timed(env)  # fills the cache
        warm = [timed(env) for _ in range(runs)]
        in_process = (
            "import time, os; from compliance.rules.packs import load_default_pack; load_default_pack(); "
            "from compliance.rules.cache import load_cached; from compliance.rules.loader import load_pack; "
            "from compliance.rules.packs import default_pack_path; p = default_pack_path(); "
            "t = time.perf_counter(); load_cached(p, load_pack); print(time.perf_counter() - t)")
        cached_only = []
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", in_process], check=True, env=env, capture_output=True,
                                  text=True)
            cached_only.append(float(done.stdout.strip().splitlines()[-1]))
    return {"cold_ms": statistics.median(cold) * 1e3, "warm_ms": statistics.median(warm) * 1e3,
            "cache_read_ms": statistics.median(cached_only) * 1e3,
            "note": "warm_ms includes importing the loader modules; cache_read_ms is the cache lookup alone"}


def bench_startup(runs: int = 10) -> dict[str, Any]:
    """``compliance check --example`` wall time (warm pack cache), and ``import compliance``."""
    exe = Path(sys.executable).with_name("compliance")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "compliance"]
    subprocess.run([*cmd, "check", "--example"], capture_output=True)  # fills the pack cache
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, "check", "--example", "--jobs", "1"], capture_output=True)
        walls.append(time.perf_counter() - start)
    versions = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, "--version"], capture_output=True)
        versions.append(time.perf_counter() - start)
    imports = [_python("import compliance", dict(os.environ)) for _ in range(runs)]
    bare = [_python("pass", dict(os.environ)) for _ in range(runs)]
    return {"check_example_ms": statistics.median(walls) * 1e3, "version_ms": statistics.median(versions) * 1e3,
            "import_compliance_ms": statistics.median(imports) * 1e3,
            "python_startup_ms": statistics.median(bare) * 1e3}


def bench_folder(count: int, jobs: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    """``compliance check FOLDER --jobs N`` over ``count`` generated report-model JSON files."""
    data = dict(seed_report().data)
    exe = Path(sys.executable).with_name("compliance")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "compliance"]
    out: dict[str, Any] = {"files": count}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "models"
        folder.mkdir()
        for i in range(count):
            (folder / f"report-{i:05d}.json").write_text(dumps_json(variant(data, i)), encoding="utf-8")
        help_text = subprocess.run([*cmd, "check", "--help"], capture_output=True, text=True).stdout
        out["jobs_supported"] = "--jobs" in help_text and "currently 1" not in help_text
        for n in jobs:
            start = time.perf_counter()
            done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd, "check", str(folder), "--jobs", str(n),
                                   "--format", "json", "--fail-on", "never", "-o", str(Path(tmp) / "out.json")],
                                  capture_output=True, text=True)
            wall = time.perf_counter() - start
            peak = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
            try:
                checked = len(json.loads((Path(tmp) / "out.json").read_text(encoding="utf-8"))["reports"])
            except (OSError, ValueError, KeyError):
                checked = None
            out[f"jobs{n}"] = {"exit": done.returncode, "wall_s": wall, "reports_per_s": count / wall,
                               "peak_rss_mb_largest_process": int(peak) / 1024 if peak.isdigit() else peak,
                               "reports_in_output": checked}
    out["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out

"""Shared pieces of the benchmarks: timing (median of rounds), the machine, the seed model."""

from __future__ import annotations

import copy
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

ROUNDS = 21


def per_call(fn: Callable[[], Any], *, rounds: int = ROUNDS, budget: float = 0.05) -> float:
    """Median seconds per call of ``fn`` over ``rounds`` rounds, each long enough (``budget`` s) to time."""
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    inner = max(1, int(budget / once))
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def interleaved(fns: dict[str, Callable[[], Any]], *, rounds: int = ROUNDS, budget: float = 0.05) -> dict[str, float]:
    """Median CPU seconds per call of each of ``fns``, their rounds taken in turn.

    For comparisons within one process on a shared machine: CPU time (``time.process_time``) leaves
    out the time another process held the core, and taking the rounds in turn exposes every
    function to the same moments of the machine (timing one after the other let a busy minute
    fall on one side only: ratios moved by 2x between runs)."""
    inner = {}
    for name, fn in fns.items():
        fn()
        start = time.process_time()
        fn()
        inner[name] = max(1, int(budget / max(time.process_time() - start, 1e-6)))
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.process_time()
            for _ in range(inner[name]):
                fn()
            samples[name].append((time.process_time() - start) / inner[name])
    return {name: statistics.median(found) for name, found in samples.items()}


def spread(samples: list[float]) -> str:
    """Median with the inter-quartile range, for noisy measurements."""
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return f"median {statistics.median(samples) * 1e3:.1f} ms (IQR {q[0] * 1e3:.1f}–{q[2] * 1e3:.1f})"


def machine() -> dict[str, Any]:
    """The machine, as docs/performance.md describes it."""
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"nproc": os.cpu_count(), "cpu": model, "python": sys.version.split()[0],
            "platform": platform.platform(), "loadavg": [round(x, 2) for x in load]}


def seed_report() -> Any:
    """The embedded example read into a ``Report``."""
    from compliance.api import example_path
    from compliance.readers import read_document

    return read_document(example_path())


def default_pack() -> Any:
    from compliance.rules.packs import load_default_pack

    return load_default_pack()


def variant(data: dict[str, Any], i: int) -> dict[str, Any]:
    """A copy of the seed model with table 2 and 3 figures changed (identities hold for even ``i``)."""
    out = copy.deepcopy(data)
    rows = out["tables"]["applications"]["rows"]
    step = i % 7
    for row in rows.values():
        values = row["values"]
        for column in list(values):
            if column != "total" and isinstance(values[column], int):
                values[column] = values[column] + step
        applicants = [v for c, v in values.items() if c != "total" and isinstance(v, int)]
        if "total" in values:
            values["total"] = sum(applicants) + (0 if i % 2 == 0 else 1)
        row["raw"] = {c: str(v) for c, v in values.items()}
    out["metadata"] = {**out["metadata"], "title": f"{out['metadata'].get('title')} #{i}"}
    return out


def statuses(result: Any) -> dict[str, str]:
    """One status per rule from an engine result: skip, else error, else fail, else pass."""
    found: dict[str, list[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.rule, []).append(finding.status.value)
    order = ("skip", "error", "fail")
    return {rule: next((s for s in order if s in seen), "pass") for rule, seen in found.items()}

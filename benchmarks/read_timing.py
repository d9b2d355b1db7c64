"""One reading figure, in microseconds, for ``read_before_after.sh`` (which runs it alternately
against two source trees): ``seed`` (re-reading the seed, every per-label cache warm), ``cold``
(the readers' caches cleared before each read), ``big`` (2 MB of repeated seed text), ``html``
(the seed as an HTML page). Median of 101 reads (3 for ``big``) after one to warm up. ``--cpu``
times the process's CPU (``time.process_time``) instead of the wall clock: on a shared machine a
read another process interrupts then costs what it costs, not what it waited.

    python benchmarks/read_timing.py seed --cpu"""

from __future__ import annotations

import html
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from compliance.api import example_path
from compliance.readers import read_document

CLOCK = time.process_time if "--cpu" in sys.argv[2:] else time.perf_counter


def median_us(fn: Callable[[], Any], rounds: int) -> float:
    fn()
    samples = []
    clock = CLOCK
    for _ in range(rounds):
        start = clock()
        fn()
        samples.append(clock() - start)
    return statistics.median(samples) * 1e6


def main(what: str) -> float:
    seed = example_path()
    text = seed.read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp())
    if what == "seed":
        return median_us(lambda: read_document(seed), 101)
    if what == "cold":
        caches = [value for name, module in sorted(sys.modules.items())
                  if name.startswith("compliance.readers.") and module is not None
                  for value in vars(module).values()
                  if hasattr(value, "cache_clear") and not isinstance(value, type)]  # memos, not their class

        def cold() -> None:
            for cache in caches:
                cache.cache_clear()
            read_document(seed)
        return median_us(cold, 101)
    if what == "big":
        big = folder / "big.txt"
        big.write_text(text * ((2_000_000 // len(text.encode())) + 1), encoding="utf-8")
        return median_us(lambda: read_document(big), 3)
    if what == "html":
        page = folder / "seed.html"
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
        page.write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                        encoding="utf-8")
        return median_us(lambda: read_document(page), 101)
    raise SystemExit(f"unknown figure {what!r}: seed, cold, big or html")


if __name__ == "__main__":
    print(f"{main(sys.argv[1]):.0f}")

"""Run every benchmark and print the figures docs/performance.md records.

    python benchmarks/run.py                 # everything (10,000 files end to end: a few minutes)
    python benchmarks/run.py --quick         # 1,000 files end to end, fewer start-up runs
    python benchmarks/run.py --only pack identities --json out.json
    python benchmarks/run.py --only batch small memory   # end to end against a plain checker (issue 12)

Every comparison is against a baseline measured in the same run (hand-written Python), so the
ratios hold on a noisy machine better than the absolute times. Not collected by pytest (the
suite's testpaths is ``tests``). cel-python and JsonLogic come from the ``bench`` extra and are
skipped when missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_batch
import bench_eval
import bench_io
from common import machine

SECTIONS = ("pack", "identities", "read", "load", "startup", "folder", "batch", "small", "memory")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 files end to end instead of 10,000")
    parser.add_argument("--files", type=int, default=None, help="files for the end-to-end run")
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"machine": machine()}
    print(f"machine: {json.dumps(results['machine'], ensure_ascii=False)}", flush=True)
    runs: dict[str, Any] = {
        "pack": bench_eval.bench_pack,
        "identities": bench_eval.bench_identities,
        "read": bench_io.bench_read,
        "load": bench_io.bench_load,
        "startup": lambda: bench_io.bench_startup(5 if args.quick else 10),
        "folder": lambda: bench_io.bench_folder(args.files or (1_000 if args.quick else 10_000)),
        "batch": lambda: bench_batch.bench_batch(args.files or 1_000, 100 if args.quick else 300),
        "small": bench_batch.bench_small,
        "memory": lambda: bench_batch.bench_memory((250, 1_000) if args.quick else (250, 1_000, 5_000)),
    }
    for name in args.only:
        results[name] = runs[name]()
        print(f"{name}: {json.dumps(results[name], indent=2, ensure_ascii=False, default=str)}", flush=True)
    results["machine"]["loadavg_after"] = machine()["loadavg"]
    print(f"load average after: {results['machine']['loadavg_after']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

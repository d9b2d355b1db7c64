"""Batches beyond one machine: check inputs on a Dask cluster with the caller's packs and
configuration, results streamed back in input order (docs/scaling.md).

    from dask.distributed import Client
    from compliance.config import load_config
    from compliance.distributed import check_on_cluster, write_results

    config = load_config("compliance.toml", explicit=True)
    packs = config.apply(config.load_packs())             # or load_packs([...]) and config.apply
    with Client("tcp://scheduler:8786") as client:
        results = check_on_cluster(paths, packs, client, waivers=config.waivers)
        with open("out.jsonl", "w", encoding="utf-8") as out:
            summary = write_results(results, packs, out, output_format="jsonl")

- **The packs travel once.** They are pickled once (configuration applied, generated code
  included: ``rules.cache.dumps_packs``), scattered to every worker, and unpickled once per worker
  process (kept by their digest), so a custom pack or a ``compliance.toml`` need not exist on the
  workers, and every worker checks with exactly the caller's rules, severities and parameters.
- **Inputs travel in chunks** of ``chunk`` paths per task, at most ``window`` tasks in flight; the
  results come back in input order as the head of the queue completes, so the caller holds a
  bounded number of results (``write_results`` writes each and keeps a running summary).
- **Nothing is lost.** An input that cannot be read is an entry with ``error`` set (as in
  ``api.iter_check``); a task that fails on the cluster (a worker lost more often than Dask
  retries) makes each of its inputs such an entry. Waivers are applied on the caller's side.
- Paths must be readable by the workers (a shared file system). Tasks run in worker threads,
  where the per-input ``timeout`` (a signal) cannot act: start workers with ``--nthreads 1`` and
  rely on Dask's own limits for runaway tasks.

Needs the ``dask`` extra (``dask[distributed]``); imported only when used.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from compliance.api import DEFAULT_TIMEOUT, _check_path, _pack_payload, _unpack, check_arguments, expand_inputs
from compliance.results import ReportResult, Summary
from compliance.rules import RulePack
from compliance.running import RunningSummary
from compliance.waivers import Waiver, waive_report

_PACKS: dict[str, list[RulePack]] = {}  # in a worker process: unpickled packs by payload digest


def _packs_for(digest: str, payload: tuple[str, Any]) -> list[RulePack]:
    found = _PACKS.get(digest)
    if found is None:
        _PACKS.clear()  # one batch's packs at a time
        found = _PACKS[digest] = _unpack(payload)
    return found


def check_chunk(digest: str, payload: tuple[str, Any], items: Sequence[tuple[str, str | None]], lang: str,
                published: str | None, timeout: float | None, snapshot: bool) -> list[ReportResult]:
    """A cluster task: check ``items`` (path, previous path) with the packs of ``payload``."""
    try:
        packs = _packs_for(digest, payload)
    except Exception as exc:
        return [ReportResult(path, error=f"the worker could not load the rule packs: {exc}") for path, _ in items]
    return [_check_path(path, packs, lang, published, timeout, previous, snapshot) for path, previous in items]


def check_on_cluster(paths: Iterable[str | Path], packs: Sequence[RulePack], client: Any, *, lang: str = "zh",
                     published: str | None = None, previous: dict[str, str] | None = None,
                     waivers: Sequence[Waiver] = (), timeout: float | None = DEFAULT_TIMEOUT,
                     snapshot: bool = True, chunk: int = 16, window: int | None = None) -> Iterator[ReportResult]:
    """Check every input (folders expanded) on the cluster of ``client`` (a ``dask.distributed``
    ``Client``) with ``packs``, yielding one ``ReportResult`` per input in input order, waived by
    ``waivers`` (a ``Config``'s). ``previous`` maps inputs to their previous report, as in
    ``api.iter_check``; ``snapshot=False`` leaves out the tables view (the JSON formats)."""
    check_arguments(lang=lang, published=published, packs=packs, timeout=timeout)
    inputs = expand_inputs(paths)
    items = [(path, (previous or {}).get(path)) for path in inputs]
    payload = _pack_payload(packs)
    digest = hashlib.sha256(pickle.dumps(payload)).hexdigest()
    shared = client.scatter(payload, broadcast=True)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = window or 4 * workers
    size = max(1, chunk)
    tasks = [items[i:i + size] for i in range(0, len(items), size)]
    pending: deque[tuple[list[tuple[str, str | None]], Any]] = deque()
    position = 0
    while pending or position < len(tasks):
        while len(pending) < limit and position < len(tasks):
            task = tasks[position]
            pending.append((task, client.submit(check_chunk, digest, shared, task, lang, published, timeout,
                                                snapshot, pure=False)))
            position += 1
        task, future = pending.popleft()
        try:
            results: list[ReportResult] = future.result()
        except Exception as exc:  # the cluster gave up on the task: its inputs become error entries
            results = [ReportResult(path, error=f"the cluster could not check it: {type(exc).__name__}: {exc}")
                       for path, _ in task]
        for result in results:
            yield waive_report(result, waivers, lang) if waivers else result


def write_results(results: Iterable[ReportResult], packs: Sequence[RulePack], out: TextIO, *,
                  output_format: str = "jsonl", lang: str = "zh") -> Summary:
    """Write ``results`` as ``compliance check --format OUTPUT_FORMAT`` does (report by report for text,
    CSV, JSON and JSON Lines) and return the batch summary (``results.Summary``)."""
    from compliance.api import results_for
    from compliance.reporters import reporter_for
    from compliance.writing import writer_for

    meta = results_for([], packs, lang=lang)
    writer = writer_for(reporter_for(output_format), meta, False)
    running = RunningSummary(meta)
    out.write(writer.start())
    for result in results:
        running.add(result)
        block = writer.report(result)
        if block:
            out.write(block)
    out.write(writer.finish())
    return running.summary()

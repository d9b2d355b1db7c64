"""Run one function over many inputs in worker processes, yielding results in input order.

Knows nothing of reports: ``api.iter_check`` gives it the work (check one path) and the worker
initializer (load the rule packs once per worker, from their paths: compiled packs hold
closures and cannot be pickled).

- **Order and memory.** At most ``window`` inputs are in flight; results are yielded in input
  order as soon as the head of the queue is done, so memory holds results, never documents,
  and only a bounded number of them waiting for their turn.
- **Crashes.** A worker that dies (a segfault, ``os._exit``, the OOM killer) breaks the whole
  ``ProcessPoolExecutor``: every unfinished input fails with ``BrokenProcessPool``. Those inputs
  are then re-run one at a time, each in a fresh one-worker pool, so the input that kills its
  worker is found and becomes an error entry (``on_crash``); the others get their real results.
  Then a new pool takes the remaining inputs. Nothing is lost.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Runner:
    """One ordered run: the current pool, the queue of in-flight inputs, and the next input."""

    def __init__(self, jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        self.jobs = jobs
        self.initializer = initializer
        self.initargs = initargs
        self.pool = self.new_pool(jobs)

    def new_pool(self, workers: int) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=workers, initializer=self.initializer, initargs=self.initargs)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def run_ordered(items: Sequence[T], work: Callable[[T], R], *, jobs: int, initializer: Callable[..., None],
                initargs: tuple[Any, ...], on_crash: Callable[[T, str], R], window: int | None = None) -> Iterator[R]:
    """Yield ``work(item)`` for every item of ``items``, in order, computed by ``jobs`` worker processes.

    ``work`` and ``initializer`` must be importable top-level functions and ``initargs`` and the
    items picklable. An item whose worker crashes, or whose result cannot be sent back, gives
    ``on_crash(item, reason)`` instead.
    """
    runner = _Runner(jobs, initializer, initargs)
    limit = window or 4 * jobs
    pending: deque[tuple[T, cf.Future[R]]] = deque()
    position = 0
    try:
        while pending or position < len(items):
            while len(pending) < limit and position < len(items):
                try:
                    future = runner.pool.submit(work, items[position])
                except BrokenProcessPool:  # a worker died since the last result: the queue will tell which
                    break
                pending.append((items[position], future))
                position += 1
            if not pending:  # broken before anything could be queued: start afresh
                runner.pool.shutdown(wait=True, cancel_futures=True)
                runner.pool = runner.new_pool(jobs)
                continue
            item, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                runner.pool.shutdown(wait=True, cancel_futures=True)
                suspects = list(pending)
                pending.clear()
                for suspect, done in suspects:
                    yield _settled(done) if _succeeded(done) else _isolated(runner, suspect, work, on_crash)
                runner.pool = runner.new_pool(jobs)
                continue
            except Exception as exc:  # the result could not be pickled, or the work raised
                result = on_crash(item, f"{type(exc).__name__}: {exc}")
            pending.popleft()
            yield result
    finally:
        runner.close()


def _succeeded(future: cf.Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _settled(future: cf.Future[R]) -> R:
    return future.result()


def _isolated(runner: _Runner, item: T, work: Callable[[T], R], on_crash: Callable[[T, str], R]) -> R:
    """Run ``item`` alone in a fresh one-worker pool: if that worker dies too, the item is the cause."""
    pool = runner.new_pool(1)
    try:
        return pool.submit(work, item).result()
    except BrokenProcessPool:
        return on_crash(item, "the worker process checking it crashed")
    except Exception as exc:
        return on_crash(item, f"{type(exc).__name__}: {exc}")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

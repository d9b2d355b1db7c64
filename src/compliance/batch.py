"""Run one function over many inputs in worker processes, yielding results in input order.

Knows nothing of reports: ``api.iter_check`` gives it the work (check one path) and the worker
initializer (load the rule packs once per worker, from their paths: compiled packs hold
closures and cannot be pickled).

- **Order and memory.** At most ``window`` tasks are in flight; results are yielded in input
  order as soon as the head of the queue is done, so memory holds results, never documents,
  and only a bounded number of them waiting for their turn.
- **Chunks.** With ``chunk`` > 1 a task is that many consecutive inputs (one round trip to a
  worker instead of one per input: a few milliseconds of work per input is small against the
  cost of a task), smaller towards the end so the workers finish together (``split_tasks``).
  A chunk whose worker crashes or stalls is re-run input by input, so the result is the same
  as with ``chunk=1``.
- **Crashes.** A worker that dies (a segfault, ``os._exit``, the OOM killer) breaks the whole
  ``ProcessPoolExecutor``: every unfinished input fails with ``BrokenProcessPool``. Those inputs
  are then re-run one at a time, each in a fresh one-worker pool, so the input that kills its
  worker is found and becomes an error entry (``on_crash``); the others get their real results.
  Then a new pool takes the remaining inputs. Nothing is lost.
- **Stopping.** SIGTERM to the parent (while a batch runs, in the main thread) raises
  ``SystemExit(143)`` there; the batch then terminates its workers instead of waiting for them.
  Each worker also asks Linux to SIGTERM it when the parent dies (``PR_SET_PDEATHSIG``), so even
  a parent killed with SIGKILL leaves no orphan checking on.
- **Hard deadline.** ``deadline`` seconds after an input reaches the head of the queue without a
  result (C code such as a regular expression or an XML parser can hold off the worker's own
  SIGALRM timeout), its worker pool is terminated: the input becomes an error entry, the others
  are re-run.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _broken_pool() -> type[Exception]:
    """``BrokenProcessPool``, imported when an exception is matched against it: a pool exists by
    then, and a run in one process (``check --example``) never loads multiprocessing (start-up)."""
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool


class _Runner:
    """One ordered run: the current pool, the queue of in-flight inputs, and the next input."""

    def __init__(self, jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        self.jobs = jobs
        self.initializer = initializer
        self.initargs = initargs
        self.pool = self.new_pool(jobs)

    def new_pool(self, workers: int) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=workers, initializer=_worker_start,
                                      initargs=(self.initializer, *self.initargs))

    def close(self, *, kill: bool = False) -> None:
        if kill:
            terminate(self.pool)
        self.pool.shutdown(wait=not kill, cancel_futures=True)


def terminate(pool: cf.ProcessPoolExecutor) -> None:
    """Stop ``pool``'s worker processes now (SIGTERM), without waiting for their work."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()


def _worker_start(initializer: Callable[..., None], *args: Any) -> None:
    """In each worker: the default SIGTERM action (not the parent's handler, inherited by fork),
    death with the parent (Linux), then the caller's initializer."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent died before prctl took effect
                os._exit(1)
    initializer(*args)


class _Terminated(SystemExit):
    """SIGTERM arrived while a batch was running."""


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """While the batch runs, SIGTERM raises ``SystemExit(143)`` in the parent (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Terminated(128 + signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_ordered(items: Sequence[T], work: Callable[[T], R], *, jobs: int, initializer: Callable[..., None],
                initargs: tuple[Any, ...], on_crash: Callable[[T, str], R], window: int | None = None,
                deadline: float | None = None, chunk: int = 1) -> Iterator[R]:
    """Yield ``work(item)`` for every item of ``items``, in order, computed by ``jobs`` worker processes.

    ``work`` and ``initializer`` must be importable top-level functions and ``initargs`` and the
    items picklable. An item whose worker crashes, or whose result cannot be sent back, or that
    has no result ``deadline`` seconds after reaching the head of the queue, gives
    ``on_crash(item, reason)`` instead. ``chunk`` items go to a worker as one task (``window``
    tasks in flight, default ``4 * jobs``).
    """
    runner = _Runner(jobs, initializer, initargs)
    limit = window or 4 * jobs
    tasks = split_tasks(items, chunk, jobs)
    pending: deque[tuple[tuple[T, ...], cf.Future[list[R]]]] = deque()
    finished = False
    try:
        with _stop_on_sigterm():
            yield from _run(runner, tasks, work, on_crash, limit, pending, deadline)
        finished = True
    finally:
        runner.close(kill=not finished)


def split_tasks(items: Sequence[T], chunk: int, jobs: int) -> list[tuple[T, ...]]:
    """``items`` in consecutive tasks of ``chunk`` items, smaller towards the end (a quarter of
    what is left per worker, down to one item): every worker is busy until the last few inputs,
    instead of one finishing a full chunk alone while the others wait (up to 16 inputs, ~0.1 s
    on 1,000 seed copies)."""
    size, jobs = max(1, chunk), max(1, jobs)
    tasks: list[tuple[T, ...]] = []
    start = 0
    while start < len(items):
        step = max(1, min(size, (len(items) - start) // (4 * jobs)))
        tasks.append(tuple(items[start:start + step]))
        start += step
    return tasks


def run_chunk(work: Callable[[T], R], chunk: tuple[T, ...]) -> list[R]:
    """In a worker: ``work`` over one task's items (top-level, so it pickles)."""
    return [work(item) for item in chunk]


def _run(runner: _Runner, tasks: Sequence[tuple[T, ...]], work: Callable[[T], R], on_crash: Callable[[T, str], R],
         limit: int, pending: deque[tuple[tuple[T, ...], cf.Future[list[R]]]],
         deadline: float | None) -> Iterator[R]:
    """The loop of ``run_ordered``: fill the window, wait for the head, settle crashes and stalls."""
    jobs = runner.jobs
    position = 0
    while pending or position < len(tasks):
        while len(pending) < limit and position < len(tasks):
            try:
                future = runner.pool.submit(run_chunk, work, tasks[position])
            except _broken_pool():  # a worker died since the last result: the queue will tell which
                break
            pending.append((tasks[position], future))
            position += 1
        if not pending:  # broken before anything could be queued: start afresh
            runner.pool.shutdown(wait=True, cancel_futures=True)
            runner.pool = runner.new_pool(jobs)
            continue
        task, future = pending[0]
        try:
            results = future.result(timeout=deadline * len(task) if deadline else None)
        except cf.TimeoutError:  # stuck in C code past its own timeout: stop the pool, re-run the others
            terminate(runner.pool)
            runner.pool.shutdown(wait=True, cancel_futures=True)
            pending.popleft()
            if len(task) == 1:
                yield on_crash(task[0], f"checking took longer than {deadline:g} s and was stopped")
            else:  # which input of the chunk was stuck: each alone
                for item in task:
                    yield _isolated(runner, item, work, on_crash, deadline)
            yield from _settle_all(runner, pending, work, on_crash, deadline)
            runner.pool = runner.new_pool(jobs)
            continue
        except _broken_pool():
            runner.pool.shutdown(wait=True, cancel_futures=True)
            yield from _settle_all(runner, pending, work, on_crash, deadline)
            runner.pool = runner.new_pool(jobs)
            continue
        except Exception as exc:  # the results could not be pickled, or the work raised
            pending.popleft()
            if len(task) == 1:
                yield on_crash(task[0], f"{type(exc).__name__}: {exc}")
            else:
                for item in task:
                    yield _isolated(runner, item, work, on_crash, deadline)
            continue
        pending.popleft()
        yield from results


def _settle_all(runner: _Runner, pending: deque[tuple[tuple[T, ...], cf.Future[list[R]]]],
                work: Callable[[T], R], on_crash: Callable[[T, str], R], deadline: float | None) -> Iterator[R]:
    """After a broken or stopped pool: the tasks that finished give their results, the others
    are re-run input by input, each alone (so the input that kills its worker is found)."""
    suspects = list(pending)
    pending.clear()
    for task, done in suspects:
        if _succeeded(done):
            yield from done.result()
        else:
            for item in task:
                yield _isolated(runner, item, work, on_crash, deadline)


def _succeeded(future: cf.Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _isolated(runner: _Runner, item: T, work: Callable[[T], R], on_crash: Callable[[T, str], R],
              deadline: float | None = None) -> R:
    """Run ``item`` alone in a fresh one-worker pool: if that worker dies too, the item is the cause."""
    pool = runner.new_pool(1)
    try:
        return pool.submit(work, item).result(timeout=deadline)
    except cf.TimeoutError:
        terminate(pool)
        return on_crash(item, f"checking took longer than {deadline:g} s and was stopped")
    except _broken_pool():
        return on_crash(item, "the worker process checking it crashed")
    except Exception as exc:
        return on_crash(item, f"{type(exc).__name__}: {exc}")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

"""The public library calls: read documents, load packs, check, and collect ``Results``.

Wires readers → engine → results; the command line is a thin layer over these functions.
A batch (``iter_check`` / ``check_paths`` with ``jobs`` > 1) runs in worker processes
(``batch.run_ordered``) that receive the parent's packs, pickled once (configuration included).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from compliance._version import VERSION
from compliance.engine import check_report, rule_info
from compliance.errors import ComplianceError, RulePackError, TimeLimitError, UsageError
from compliance.model.report import Report, report_from_data
from compliance.readers import DOCUMENT_SUFFIXES, read_document
from compliance.results import PackInfo, ReportResult, Results, SectionView, Summary, TableRow, TableView
from compliance.results import summarize as _summarize
from compliance.rules import (
    RulePack,
    is_default_pack,
    load_default_pack,
    without_extended,
)
from compliance.schemas import vocabulary
from compliance.source import SourceRef

EXAMPLE_NAME = "liaocheng-hrss-2023.txt"


def version() -> str:
    """The version of ``compliance`` (a constant: asking importlib.metadata costs ~25 ms of start-up)."""
    return VERSION


def example_path() -> Path:
    """The embedded example report (a real published report, with its real defects)."""
    return Path(__file__).parent / "examples" / EXAMPLE_NAME  # beside the package (no importlib.resources)


def load_packs(rules: Sequence[str | Path] = (), *, default: bool = True) -> list[RulePack]:
    """The default pack (unless ``default`` is False) followed by the packs at ``rules``.

    Extra packs are loaded on top of the default one, so they can use its constants and
    definitions.

    Raises:
        UsageError: ``rules`` is a single path rather than a list of them.
        RulePackError: a pack cannot be loaded.
    """
    if isinstance(rules, str | bytes | Path):
        raise UsageError(f"rules must be a list of paths, not a single {type(rules).__name__}: "
                         f"write load_packs([{str(rules)!r}])")
    packs: list[RulePack] = [load_default_pack()] if default else []
    for path in rules:
        if default and is_default_pack(path):
            continue  # the default pack is already loaded
        from compliance.rules.loader import load_pack  # YAML only when there are extra packs

        packs.append(load_pack(path, base=None if is_default_pack(path) else (packs[0] if packs else None)))
    return without_extended(packs)  # a pack that extends another replaces it (no rule runs twice)


LANGS = ("zh", "en")
MAX_TIMEOUT = 7 * 24 * 3600.0  # seconds: beyond it the interval timer would overflow on some systems


def check_arguments(*, lang: str = "zh", published: str | None = None, jobs: int = 1,
                    packs: Sequence[RulePack] | None = None, timeout: float | None = None) -> None:
    """Raise ``UsageError`` for an argument of the public calls that cannot be right (the
    command line validates its own; API callers get the same checks here)."""
    if lang not in LANGS:
        raise UsageError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if published is not None:
        try:
            if not isinstance(published, str) or len(published) != 10:
                raise ValueError
            datetime.date.fromisoformat(published)
        except ValueError:
            raise UsageError(f"published must be a date written YYYY-MM-DD, not {published!r}") from None
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    if packs is not None and (isinstance(packs, RulePack | str | bytes | Path)
                              or not all(isinstance(p, RulePack) for p in packs)):
        raise UsageError("packs must be a list of RulePack objects (from load_packs)")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float)
                                or not 0 <= timeout <= MAX_TIMEOUT):
        raise UsageError(f"timeout must be None or between 0 and {MAX_TIMEOUT:g} seconds, not {timeout!r}")


_RECENT: dict[tuple[str, int, int], Report] = {}  # the last few documents read in this process
_RECENT_SIZE = 4
# While a batch reads each input twice (pairing, then checking: ``spill_reports``): the private
# folder where reports read are kept pickled, and the inputs that are another's previous report.
_SPILL: dict[str, Any] = {}


# A report read faster than this (CPU seconds) is read again rather than kept on disk: keeping
# the seed (pickling, writing, loading and removing 39 kB: ≈ 0.8 ms, a third of it system time
# that two workers contend for) costs about what reading it again does (≈ 1 ms); a portal page
# takes 3-10 ms to read (docs/performance.md, "Two cores for one batch").
SPILL_AFTER = 0.002


def read_recent(path: str | Path) -> Report:
    """``read_document``, remembering the last few reports read in this process (by path, size and
    modification time): a batch that pairs its reports reads each one for its agency and year, then
    to check it, then as the next year's previous report; reports are never changed once read.
    Inside ``spill_reports`` every report that took ``SPILL_AFTER`` or more to read is also kept
    on disk, so the second read of an input is a load (0.4 ms) instead of a parse (3–10 ms)."""
    try:
        info = os.stat(path)
        key = (os.path.realpath(path), info.st_size, info.st_mtime_ns) if os.path.isfile(path) else None
    except (OSError, ValueError):
        key = None
    if key is not None and key in _RECENT:
        return _RECENT[key]
    spilled = _spilled(key)
    took = 0.0
    if spilled is None:
        began = time.thread_time()
        report = read_document(path)
        took = time.thread_time() - began
    else:
        report = spilled
    if key is not None:
        while len(_RECENT) >= _RECENT_SIZE:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = report
        if spilled is None and took >= SPILL_AFTER:
            _spill(key, report)
        elif spilled is not None and str(path) not in _SPILL.get("keep", ()):  # read twice (paired, checked)
            with contextlib.suppress(OSError):
                os.remove(_spill_file(key))
    return report


def _spill_file(key: tuple[str, int, int]) -> str:
    return os.path.join(_SPILL["dir"], hashlib.sha256(repr(key).encode()).hexdigest() + ".pickle")


def _spilled(key: tuple[str, int, int] | None) -> Report | None:
    if key is None or "dir" not in _SPILL:
        return None
    try:
        with open(_spill_file(key), "rb") as file:
            found = pickle.load(file)
    except Exception:  # not there (the first read), or unreadable: read the document
        return None
    return found if isinstance(found, Report) else None


def _spill(key: tuple[str, int, int], report: Report) -> None:
    if "dir" not in _SPILL:
        return
    try:
        import tempfile

        fd, temp = tempfile.mkstemp(dir=_SPILL["dir"], suffix=".tmp")
        with os.fdopen(fd, "wb") as file:
            pickle.dump(report, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, _spill_file(key))
    except Exception:  # a full disk costs the second read, nothing else
        with contextlib.suppress(Exception):
            os.remove(temp)


@contextlib.contextmanager
def spill_reports() -> Iterator[None]:
    """While a batch reads its inputs twice (``pairing.pair_inputs``, then ``iter_check``): keep
    each report read pickled in a private temporary folder (mode 0700, removed on exit), so the
    second read is a load. Worker processes forked inside inherit it. ``spill_keep`` names the
    inputs read a third time (as another's previous report); the others' files go once loaded."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="compliance-reports-")
    _SPILL.clear()
    _SPILL["dir"] = folder
    try:
        yield
    finally:
        _SPILL.clear()
        shutil.rmtree(folder, ignore_errors=True)


def spill_keep(paths: Iterable[str]) -> None:
    """The inputs whose kept report is read again as another input's previous report."""
    if "dir" in _SPILL:
        _SPILL["keep"] = frozenset(paths)


def _as_report(source: str | Path | Report | Mapping[str, Any], published: str | None) -> Report:
    if isinstance(source, Report):
        report = source
    elif isinstance(source, Mapping):
        report = report_from_data(source)
    else:
        report = read_recent(source)
    if published is not None:
        data = dict(report.data)
        data["metadata"] = {**data["metadata"], "published": published}
        report = Report(data, report.source)
    return report


def check(source: str | Path | Report | Mapping[str, Any], packs: Sequence[RulePack] | None = None, *,
          lang: str = "zh", published: str | None = None,
          previous: str | Path | Report | Mapping[str, Any] | None = None, snapshot: bool = True) -> ReportResult:
    """Check one document, report model or ``Report`` against ``packs`` (default: the default pack).

    ``previous`` (any input ``source`` may be) is the same agency's report for the year before:
    the cross-year rules (``years.*``) read it as ``previous``, and skip without it.
    The result carries a compact view of the report's sections and tables for reporters, unless
    ``snapshot`` is False (the JSON formats do not show it: a batch then sends half the bytes
    back from its workers).

    Raises:
        DocumentError, ReportModelError: the input (or the previous report) cannot be read.
    """
    check_arguments(lang=lang, published=published, packs=packs)
    report = _as_report(source, published)
    try:
        last = _as_report(previous, None) if previous is not None else None
    except ComplianceError as exc:  # say which of the two inputs could not be read
        exc.message, exc.source = f"the previous report {exc}", None
        raise
    packs = packs if packs is not None else load_packs()
    result = check_report(report, packs, lang=lang, previous=last)
    if not snapshot:
        return result
    constants: Mapping[str, Any] = packs[0].constants if packs else {}
    sha256, url, retrieved = _origin(report, source)
    return dataclasses.replace(result, tables=_tables(report, constants, lang), sections=_sections(report),
                               sha256=sha256, url=url, retrieved=retrieved,
                               attachment_of=(report.data.get("metadata") or {}).get("attachment_of"))


def _origin(report: Report, source: object) -> tuple[str | None, str | None, str | None]:
    """Where the checked bytes came from, for the HTML report: the SHA-256 of the file (or of
    the page fetched, ``fetch.py``), and the URL and time of retrieval."""
    meta: Mapping[str, Any] = report.data.get("metadata") or {}
    digest = meta.get("sha256") if meta.get("retrieved") else None
    if digest is None and isinstance(source, str | Path) and os.path.isfile(source):
        try:
            digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
        except OSError:
            digest = None
    return digest, meta.get("url") if meta.get("retrieved") else None, meta.get("retrieved")


def _titles() -> dict[str, dict[str, tuple[str, str]]]:
    """Table numbers and titles by table and language, from the vocabulary (schemas/vocabulary.json)."""
    return vocabulary.table_titles()


def _columns(lang: str) -> dict[str, str]:
    """Column names of tables 1 and 3 in ``lang``, from the vocabulary (the pack's ``column_names``
    cover table 2 and win over these)."""
    return vocabulary.column_names(("active_disclosure", "review_litigation"))[lang]


def _cell_text(raw: Mapping[str, Any], values: Mapping[str, Any], column: str) -> str:
    if isinstance(raw.get(column), str):
        return str(raw[column])
    value = values.get(column)
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _tables(report: Report, constants: Mapping[str, Any], lang: str) -> tuple[TableView, ...]:
    """The three tables' cells as written, by row and column, with labels in ``lang``."""
    row_names: Mapping[str, str] = (constants.get("row_names") or {}).get(lang) or {}
    column_names: Mapping[str, str] = {**_columns(lang), **((constants.get("column_names") or {}).get(lang) or {})}
    views = []
    for table_id, title in _titles().items():
        table = (report.data.get("tables") or {}).get(table_id)
        if not isinstance(table, Mapping):
            continue
        columns: dict[str, str] = {}
        rows = []
        for row_id, row in (table.get("rows") or {}).items():
            values: Mapping[str, Any] = row.get("values") or {}
            raw: Mapping[str, Any] = row.get("raw") or {}
            for column in (*values, *raw):
                columns.setdefault(column, column_names.get(column) or (table.get("column_labels") or {}).get(column)
                                   or column)
            cells = {c: _cell_text(raw, values, c) for c in dict.fromkeys((*values, *raw))}
            line = (report.locate(f"/tables/{table_id}/rows/{row_id}") or {}).get("line")
            rows.append(TableRow(row_id, row_names.get(row_id) or row.get("label") or row_id, cells, line))
        line = (report.locate(f"/tables/{table_id}") or {}).get("line")
        views.append(TableView(table_id, *title[lang], tuple(columns.items()), tuple(rows), line))
    return tuple(views)


def _sections(report: Report) -> tuple[SectionView, ...]:
    out = []
    for index, section in enumerate(report.data.get("sections") or []):
        line = (report.provenance.get(f"/sections/{index}") or {}).get("line")
        paragraphs = tuple(p.strip() for p in str(section.get("text") or "").split("\n") if p.strip())
        out.append(SectionView(index, section.get("number"), section.get("heading") or "", tuple(section.get("tables")
                                                                                                 or ()), line,
                               paragraphs))
    return tuple(out)


def run_ordered(*args: Any, **kwargs: Any) -> Iterator[Any]:
    """``batch.run_ordered``, imported when a batch first moves to worker processes: the pool
    machinery (``concurrent.futures``, ``logging``) is start-up a single check does not need."""
    from compliance.batch import run_ordered as run

    return run(*args, **kwargs)


def expand_inputs(paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> list[str]:
    """Paths as given, with every folder replaced by the documents in it (sorted, recursive).

    In a folder, a document whose file cannot be read (permissions, a broken or looping symbolic
    link) and a sub-folder that cannot be listed are kept as inputs: each becomes one unreadable
    entry, the others are checked. Files that are the same as one of ``exclude`` (the output
    file of the run) are skipped. Symbolic links to folders are followed once.

    Raises:
        UsageError: ``paths`` is a single string (a path must be in a list: ``["a.txt"]``).
    """
    if isinstance(paths, (str, bytes, Path)):
        raise UsageError(f"paths must be a list of paths, not a single {type(paths).__name__}: "
                         f"write [{str(paths)!r}]")
    skip = [Path(e) for e in exclude]
    out: list[str] = []
    for path in paths:
        p = Path(path)
        try:
            folder = p.is_dir()
        except OSError:
            folder = False
        if folder:
            out.extend(str(f) for f in _walk(p) if not any(same_file(f, e) for e in skip))
        else:
            out.append(str(path))
    return out


def _walk(root: Path) -> list[Path]:
    """The documents under ``root`` (see ``expand_inputs``), never raising for one bad entry."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link back to a folder already walked
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            found.append(folder)  # unreadable: reported by read_document, not silently skipped
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    stack.append(path)
                    continue
                regular = entry.is_file()
            except OSError:
                regular = False
            if path.suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            if regular or (entry.is_symlink() and not _resolves(path)):
                found.append(path)  # devices, pipes and sockets are not documents
    return sorted(found)


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when ``a`` and ``b`` name the same existing file (links and ``..`` included)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _resolves(path: Path) -> bool:
    try:
        path.stat()
    except OSError:
        return False
    return True


DEFAULT_TIMEOUT = 60.0  # seconds per input in a batch; a backstop (inputs and rules are bounded anyway)


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitError`` in this thread after ``seconds`` (Unix, main thread; else no limit).

    The timer repeats every second after the first expiry: code that catches exceptions broadly
    cannot swallow the limit for good (it is raised again at its next bytecode)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeLimitError(f"checking took longer than {seconds:g} s; stopped (see --timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0), 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_path(path: str, packs: Sequence[RulePack], lang: str, published: str | None,
                timeout: float | None = DEFAULT_TIMEOUT, previous: str | None = None,
                snapshot: bool = True) -> ReportResult:
    """Check one input of a batch (with its ``previous`` report, if paired); an unreadable one (or
    one that breaks the checker, or runs past ``timeout`` seconds) is an entry with ``error`` set,
    so a batch never stops on one file."""
    try:
        with _time_limit(timeout):
            return check(path, packs, lang=lang, published=published, previous=previous, snapshot=snapshot)
    except ComplianceError as exc:
        return ReportResult(path, error=exc.message if exc.source else str(exc))
    except Exception as exc:  # a bug must cost one entry, not the batch
        return ReportResult(path, error=f"internal error while checking: {type(exc).__name__}: {exc}")


_WORKER: dict[str, Any] = {}

# How a worker gets the parent's packs: ("packs", pickled packs) — exactly the parent's objects,
# configuration included (disabled rules, severities, parameters) — or, when a pack holds
# something that does not pickle (a custom function of a plug-in), ("recipe", how to rebuild them).
_Recipe = tuple[str, dict[str, Any], Any, "tuple[tuple[str, str], ...] | None"]


def _recipe(pack: RulePack, top: bool = True) -> _Recipe:
    """How to load ``pack`` again: its path, parameters, base, and (at the top) its rules and severities."""
    return (pack.path, dict(pack.overrides), _recipe(pack.base, False) if pack.base is not None else None,
            tuple((r.id, r.severity.value) for r in pack.rules) if top else None)


def _rebuild(recipe: _Recipe) -> RulePack:
    """The pack a ``_recipe`` describes, with exactly the rules and severities the parent had."""
    from compliance.rules.loader import load_pack
    from compliance.severity import Severity

    path, overrides, base_recipe, rules = recipe
    base = _rebuild(base_recipe) if base_recipe is not None else None
    if base is None and not overrides and is_default_pack(path):
        pack = load_default_pack()
    else:
        pack = load_pack(path, base=base, overrides=overrides)
    if rules is None:
        return pack
    by_id = {r.id: r for r in pack.rules}
    missing = [rid for rid, _ in rules if rid not in by_id]
    if missing:
        raise RulePackError(f"pack {pack.name} changed while checking: no rule '{missing[0]}' any more",
                            source=SourceRef(path))
    kept = tuple(dataclasses.replace(by_id[rid], severity=Severity(sev)) if by_id[rid].severity.value != sev
                 else by_id[rid] for rid, sev in rules)
    return dataclasses.replace(pack, rules=kept)


def _pack_payload(packs: Sequence[RulePack]) -> tuple[str, Any]:
    """The parent's packs for the workers (see ``_WORKER``)."""
    from compliance.rules.cache import dumps_packs

    try:
        return "packs", dumps_packs(list(packs))
    except Exception:  # a plug-in's object that does not pickle: the workers rebuild the packs instead
        return "recipe", tuple(_recipe(p) for p in packs)


def _worker_payload(packs: Sequence[RulePack]) -> tuple[str, Any]:
    """The packs for this machine's worker processes: when they are forked (Linux's default),
    the parent's objects themselves (``("live", packs)``: a forked worker starts with a copy of
    this process's memory, so nothing is pickled or rebuilt: 0.05 s less in the parent and
    0.03 s less in each worker); else ``_pack_payload``."""
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=False) == "fork":
        return "live", list(packs)
    return _pack_payload(packs)


def _unpack(payload: tuple[str, Any]) -> list[RulePack]:
    kind, data = payload
    if kind == "live":
        return list(data)
    if kind == "packs":
        from compliance.rules.cache import loads_packs

        return loads_packs(data)
    return [_rebuild(r) for r in data]


def _init_worker(payload: tuple[str, Any], lang: str, published: str | None,
                 timeout: float | None = DEFAULT_TIMEOUT, snapshot: bool = True,
                 finish: Callable[[ReportResult], Any] | None = None) -> None:
    """Worker initializer: take the parent's packs (configuration applied) once per worker. A
    failure is kept and reported for each input (never a traceback from the pool)."""
    try:
        packs: list[RulePack] | None = _unpack(payload)
        failure = None
    except Exception as exc:
        packs, failure = None, f"the worker could not load the rule packs: {exc}"
    _WORKER.update(packs=packs, failure=failure, lang=lang, published=published, timeout=timeout,
                   snapshot=snapshot, finish=finish)


def _work(item: tuple[str, str | None]) -> Any:
    """In a worker: check one input, and ``finish`` its result there when the batch has one."""
    path, previous = item
    if _WORKER.get("failure"):
        result = ReportResult(path, error=_WORKER["failure"])
    else:
        result = _check_path(path, _WORKER["packs"], _WORKER["lang"], _WORKER["published"], _WORKER["timeout"],
                             previous, _WORKER.get("snapshot", True))
    return _finished(_WORKER.get("finish"), result)


def _finished(finish: Callable[[ReportResult], Any] | None, result: ReportResult) -> Any:
    """``finish(result)`` (``result`` without one); a ``finish`` that fails on a result makes it an
    entry with ``error`` set, in a worker as in this process, so a bug costs one entry."""
    if finish is None:
        return result
    try:
        return finish(result)
    except Exception as exc:
        return finish(ReportResult(result.source, error=f"internal error while writing the result: "
                                                        f"{type(exc).__name__}: {exc}"))


def _crashed(item: tuple[str, str | None], reason: str) -> ReportResult:
    return ReportResult(item[0], error=reason)


def hard_deadline(timeout: float | None) -> float | None:
    """How long the parent waits for a worker's result before stopping the worker: the worker's own
    ``timeout`` (SIGALRM) cannot interrupt C code such as a regular expression or an XML parser."""
    return timeout * 1.5 + 5 if timeout else None


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or ``taskset``
    narrows), not every core of the machine."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# Below this many inputs, work that has no measure of its own (pairing's reading) stays in this
# process when the jobs are not given: starting workers costs more than reading a few reports.
IN_PROCESS_BELOW = 64
# ``jobs=None``: a batch starts in this process and moves the rest to workers once the time the
# rest will take (estimated from the inputs done) exceeds this many seconds. Starting two workers
# and sending them the packs takes about 0.2 s (docs/performance.md, "Small batches"), so a batch
# that switches gains more than that, and one that does not was never slowed by workers.
POOL_AFTER = 1.0


def plan_jobs(jobs: int | None, inputs: int) -> int:
    """Worker processes for ``inputs`` inputs: ``jobs`` when given; else (``None``) the usable
    cores, or 1 (in this process) for a batch too small to gain from workers."""
    if jobs is not None:
        return max(1, min(jobs, inputs))
    if inputs < IN_PROCESS_BELOW:
        return 1
    return max(1, min(usable_cores(), inputs))


def chunk_size(inputs: int, jobs: int) -> int:
    """Inputs per task sent to a worker: enough that a task's round trip is small against its
    work, few enough that every worker gets several tasks (so the end of a batch is balanced)."""
    return max(1, min(16, inputs // (jobs * 4)))


def iter_check(paths: Iterable[str | Path], packs: Sequence[RulePack], *, lang: str = "zh",
               published: str | None = None, jobs: int | None = 1,
               timeout: float | None = DEFAULT_TIMEOUT,
               previous: Mapping[str, str] | None = None, snapshot: bool = True) -> Iterator[ReportResult]:
    """Check every input (folders expanded), yielding one ``ReportResult`` per input in input order
    as results complete. With ``jobs`` > 1 the checks run in that many worker processes, each of
    which gets exactly these packs (configuration applied: the same verdicts as ``jobs=1``); a
    worker that crashes costs only the input it was checking, which becomes an error entry; so
    does an input that takes longer than ``timeout`` seconds (None or 0: no limit). ``previous``
    maps an input to its previous report (``pairing.pair_inputs(...).previous``, or given).
    ``jobs=None`` chooses: the batch starts in this process and moves to the usable cores' worker
    processes once what is left would take more than ``POOL_AFTER`` seconds, so a small batch is
    never slower than with ``jobs=1``. ``snapshot=False`` leaves out the tables and sections view
    (``check``)."""
    results: Iterator[ReportResult] = iter_finished(paths, packs, None, lang=lang, published=published, jobs=jobs,
                                                    timeout=timeout, previous=previous, snapshot=snapshot)
    return results


def iter_finished(paths: Iterable[str | Path], packs: Sequence[RulePack], finish: Callable[[ReportResult], Any] | None,
                  *, lang: str = "zh", published: str | None = None, jobs: int | None = 1,
                  timeout: float | None = DEFAULT_TIMEOUT, previous: Mapping[str, str] | None = None,
                  snapshot: bool = True) -> Iterator[Any]:
    """``iter_check``, yielding ``finish(result)`` instead of each result (the result itself when
    ``finish`` is None). ``finish`` runs where the check ran: in the worker process for the inputs
    checked there, so what crosses back to this process is what ``finish`` makes of a result
    (the command line: its output text and counts, not its findings), and in this process for
    the others (and for an input whose worker crashed). It must be a picklable top-level object."""
    check_arguments(lang=lang, published=published, jobs=1 if jobs is None else jobs, packs=packs, timeout=timeout)
    inputs = expand_inputs(paths)
    items = [(path, (previous or {}).get(path)) for path in inputs]
    yield from _iter_finished(items, packs, finish, lang, published, jobs, timeout, snapshot)


def _iter_finished(items: list[tuple[str, str | None]], packs: Sequence[RulePack],
                   finish: Callable[[ReportResult], Any] | None, lang: str, published: str | None,
                   jobs: int | None, timeout: float | None, snapshot: bool) -> Iterator[Any]:
    def here(path: str, last: str | None) -> Any:
        return _finished(finish, _check_path(path, packs, lang, published, timeout, last, snapshot))

    start = 0
    if jobs is None:
        start = yield from _until_worth_a_pool(items, here)
        workers = min(usable_cores(), len(items) - start)
    else:
        workers = plan_jobs(jobs, len(items))
    if workers <= 1 or len(items) - start <= 1:
        for path, last in items[start:]:
            yield here(path, last)
        return
    rest = items[start:]

    def crashed(item: tuple[str, str | None], reason: str) -> Any:
        return _finished(finish, _crashed(item, reason))

    yield from run_ordered(rest, _work, jobs=workers, initializer=_init_worker,
                           initargs=(_worker_payload(packs), lang, published, timeout, snapshot, finish),
                           on_crash=crashed, deadline=hard_deadline(timeout), chunk=chunk_size(len(rest), workers))


def _until_worth_a_pool(items: Sequence[tuple[str, str | None]],
                        here: Callable[[str, str | None], Any]) -> Generator[Any, None, int]:
    """Check ``items`` here, one by one, until the rest would take more than ``POOL_AFTER``
    seconds (the first input, which warms this process up, is not counted in the estimate);
    return how many were checked (all of them when workers never became worth it)."""
    if usable_cores() < 2:
        return 0  # one core: nothing to gain from workers, the caller checks everything here
    began = 0.0
    for done, (path, last) in enumerate(items, 1):
        yield here(path, last)
        if done == 1:
            began = time.perf_counter()
            continue
        left = len(items) - done
        each = (time.perf_counter() - began) / (done - 1)
        if left >= 2 and each * left > POOL_AFTER:
            return done
    return len(items)


def check_paths(paths: Iterable[str | Path], packs: Sequence[RulePack], *, lang: str = "zh",
                published: str | None = None, jobs: int | None = 1) -> Results:
    """Check every input; an unreadable one becomes an entry with ``error`` set, never a loss."""
    return results_for(list(iter_check(paths, packs, lang=lang, published=published, jobs=jobs)), packs, lang=lang)


def results_for(reports: Sequence[ReportResult], packs: Sequence[RulePack], *, lang: str = "zh") -> Results:
    """Wrap report results with the packs and rule snapshots reporters need."""
    check_arguments(lang=lang, packs=packs)
    infos = tuple(rule_info(rule, pack) for pack in packs for rule in pack.rules)
    pack_infos = tuple(PackInfo(p.name, p.version, len(p.rules)) for p in packs)
    return Results(version(), pack_infos, infos, tuple(reports), lang)


def summarize(results: Results) -> Summary:
    """The aggregate of a run as data: reports checked, unreadable inputs, pass rate per rule,
    the most common defects and the reports ranked by failures (reporters render it)."""
    return _summarize(results)


__all__ = ["SourceRef", "Summary", "check", "check_paths", "example_path", "expand_inputs", "iter_check",
           "load_packs", "results_for", "summarize", "version"]

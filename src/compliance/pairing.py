"""Pairing reports across years: which input of a batch is which other input's previous report.

A report cannot be fully checked alone: table 2's 二、上年结转 is last year's 四、结转下年度继续办理,
and table 1's 现行有效件数 follows from last year's. ``pair_reports`` matches the reports of one
batch by agency (normalised name, ``agency_key``) and consecutive years, so that
``compliance check reports/`` checks 2022 against 2021 and 2023 against 2022 by itself. Only
unambiguous pairs are made: when an agency has several reports for one year (a page and its text
copy), each pairs with the report of the year before most like it (same folder, same kind of
file) if there is one such report, else with nothing, and the reason is kept for the summary.
``refusal`` says why an explicitly given pair does not hold (the ``years.consecutive`` rule says
the same in the report's own findings).

Reads documents only for their metadata; knows nothing of rules or the engine.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from compliance.hanzi import to_simplified
from compliance.nfkc import nfkc

# The default pack's ``agency_noise_pattern`` is the same (a test keeps them equal): bracketed
# notes ("（本级）"), a trailing 人民政府 or 管委会 ("平潭综合实验区", "平潭综合实验区人民政府" and
# "平潭综合实验区管委会" are one agency's reports; "…人民政府办公室" is another) and a trailing 本级.
AGENCY_NOISE = r"\([^)]*\)|人民政府$|管理委员会$|管委会$|本级$"
# Then the short forms reports use for one body, folded to one, in the order of the default pack's
# ``agency_key`` definition (years.consecutive; a test keeps the two in agreement): "XX区政府办" is
# "XX区人民政府办公室", "XX市人社局" is "XX市人力资源和社会保障局"; a government's office is still
# not the government.
SHORT_FORMS = (("人民政府", "政府"), ("政府办公[室厅]", "政府办"), ("管理委员会", "管委会"), ("监督管理局", "监管局"),
               ("人力资源和社会保障局", "人社局"), ("住房和城乡建设局", "住建局"), ("发展和改革委员会", "发改委"),
               ("卫生健康委员会", "卫健委"), ("街道办事处$|街办$", "街道"), ("政府$", ""))
_SHORT_FORMS = tuple((re.compile(pattern), short) for pattern, short in SHORT_FORMS)


def agency_key(name: str | None) -> str:
    """The agency name as reports of the same agency share it: NFKC-folded, no whitespace,
    simplified label characters, without bracketed notes or a trailing 人民政府/管委会, and the
    short forms of ``SHORT_FORMS`` folded ("" when unknown)."""
    if not name:
        return ""
    folded = re.sub(AGENCY_NOISE, "", to_simplified(re.sub(r"\s+", "", nfkc(name))))
    for pattern, short in _SHORT_FORMS:
        folded = pattern.sub(short, folded)
    return folded


@dataclass(frozen=True, slots=True)
class Identity:
    """What pairing knows of one input: its agency (as written) and year, either may be unknown."""

    path: str
    agency: str | None
    year: int | None

    @property
    def key(self) -> str:
        return agency_key(self.agency)


@dataclass(frozen=True, slots=True)
class Pair:
    """``previous`` is the same agency's report for the year before ``current``."""

    current: Identity
    previous: Identity

    def describe(self) -> str:
        """One line: 平潭综合实验区 2022 → 2023 (a.html ← b.html)."""
        return (f"{self.current.agency or self.previous.agency} {self.previous.year} → {self.current.year} "
                f"({self.previous.path} → {self.current.path})")


@dataclass(frozen=True, slots=True)
class Pairing:
    """The pairs made in a batch, and the reports that could not be paired for a reason worth saying."""

    pairs: tuple[Pair, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def previous(self) -> dict[str, str]:
        """Input path → the path of its previous report (what ``iter_check(previous=...)`` takes)."""
        return {p.current.path: p.previous.path for p in self.pairs}


def identity_of(path: str, metadata: Mapping[str, Any] | None) -> Identity:
    """The identity of an input from its model's ``metadata``."""
    meta = metadata or {}
    year = meta.get("year")
    return Identity(path, meta.get("agency") or None, year if isinstance(year, int) else None)


def _place(ident: Identity) -> tuple[PurePath, str]:
    """Where an input is, as copies go: its folder and its kind of file."""
    path = PurePath(ident.path)
    return path.parent, path.suffix.lower()


def _previous_of(current: Identity, candidates: Sequence[Identity],
                 places: Mapping[str, tuple[PurePath, str]]) -> Identity | None:
    """The one report of the year before to pair ``current`` with: the only one, else the only one
    most like it (same folder and kind of file: an HTML page and its text copy side by side pair
    page with page and text with text), else none. ``places``: each input's ``_place``, worked out
    once (a year with many copies compares every pair)."""
    if len(candidates) == 1:
        return candidates[0]
    folder, kind = places[current.path]
    likeness = [(places[c.path][0] == folder, places[c.path][1] == kind) for c in candidates]
    best = max(likeness)
    chosen = [c for c, alike in zip(candidates, likeness, strict=True) if alike == best]
    return chosen[0] if len(chosen) == 1 else None


_LISTED = 5  # the reports a note names before "and N more"


def _listed(idents: Sequence[Identity]) -> str:
    names = ", ".join(i.path for i in idents[:_LISTED])
    return names if len(idents) <= _LISTED else f"{names} and {len(idents) - _LISTED} more"


def pair_reports(identities: Iterable[Identity]) -> Pairing:
    """Pair each report with the same agency's report for the year before (agency and year
    known). When a year has several reports of one agency (copies in several formats or folders),
    each is paired with the report of the year before most like it, if that is one report;
    otherwise it is not paired, and a note says why. Order of the inputs does not matter."""
    groups: dict[str, dict[int, list[Identity]]] = defaultdict(lambda: defaultdict(list))
    for ident in identities:
        if ident.key and ident.year is not None:
            groups[ident.key][ident.year].append(ident)
    pairs: list[Pair] = []
    notes: list[str] = []
    places = {ident.path: _place(ident) for years in groups.values() for found in years.values() for ident in found}
    for years in groups.values():
        for year in sorted(years):
            before = sorted(years.get(year - 1, []), key=lambda i: i.path)
            if not before:
                continue
            for current in sorted(years[year], key=lambda i: i.path):
                previous = _previous_of(current, before, places)
                if previous is not None:
                    pairs.append(Pair(current, previous))
                else:
                    notes.append(f"{current.path}: {len(before)} reports of {current.agency} {year - 1} "
                                 f"({_listed(before)}), none more like it; not paired")
    pairs.sort(key=lambda p: (p.current.key, p.current.year or 0, p.current.path))
    return Pairing(tuple(pairs), tuple(notes))


def refusal(current: Mapping[str, Any], previous: Mapping[str, Any]) -> str | None:
    """Why the report with metadata ``previous`` is not the previous report of ``current``, or None.
    An agency unknown on either side is not a reason (the years still must follow)."""
    year, last = current.get("year"), previous.get("year")
    if not isinstance(year, int) or not isinstance(last, int) or last != year - 1:
        return f"the previous report is for {last if last is not None else 'an unknown year'}, " \
               f"this one for {year if year is not None else 'an unknown year'}: not the year before"
    a, b = agency_key(current.get("agency")), agency_key(previous.get("agency"))
    if a and b and a != b:
        return f"the previous report is by {previous.get('agency')}, this one by {current.get('agency')}"
    return None


def _identify_one(path: str) -> Identity:
    """The identity of one input (a worker's task: top-level, so it pickles). An input that cannot
    be read has an unknown identity; its own check reports why, once."""
    from compliance.api import read_recent  # checking this input next finds it already read

    try:
        return identity_of(path, read_recent(path).data.get("metadata"))
    except Exception:
        return Identity(path, None, None)


def _no_setup() -> None:
    """Worker initializer: identifying needs no rule packs."""


def _unknown(path: str, reason: str) -> Identity:
    return Identity(path, None, None)


def identify(paths: Sequence[str], *, jobs: int = 1) -> list[Identity]:
    """The identity (agency, year) of each input, reading each document once; in ``jobs`` worker
    processes for a large batch."""
    if jobs <= 1 or len(paths) < 8:
        return [_identify_one(p) for p in paths]
    from compliance.api import chunk_size
    from compliance.batch import run_ordered

    workers = min(jobs, len(paths))
    return list(run_ordered(paths, _identify_one, jobs=workers, initializer=_no_setup, initargs=(),
                            on_crash=_unknown, chunk=chunk_size(len(paths), workers)))


def pair_inputs(paths: Sequence[str], *, jobs: int = 1) -> Pairing:
    """Identify every input and pair them (``pair_reports``): what a batch does unless told not to."""
    return pair_reports(identify(paths, jobs=jobs))

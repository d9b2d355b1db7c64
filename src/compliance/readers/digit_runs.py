"""Digit runs: the cells of a table row whose separators were lost, and the ways to split them back.

A crawler that flattens a page, or a PDF text extraction over narrow cells, writes a table row
as its label and then its numbers with nothing between them: "本年新收政府信息公开申请数量801000081"
is the seven cells 80 1 0 0 0 0 81. A run of exactly as many digits as the row has cells splits
one way; a longer run may split several ways. This module enumerates the splits (bounded: no
leading zeros, at most ``MAX_CELL_DIGITS`` digits a cell, at most ``MAX_READINGS`` readings) and
narrows them with what the row itself must satisfy (its identity, e.g. 总计 = the sum of the
other cells). What is left are the row's *readings*; the reader records which one it used and,
when there were several, all of them, so a rule never claims more than the text shows.

Knows nothing of tables or labels: callers say how many cells a row has and what must hold.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

Value = int | Decimal | None
Reading = tuple[Value, ...]

MAX_CELL_DIGITS = 7  # a count of ten million or more in one cell of these tables is not a count
MAX_READINGS = 2000  # readings kept per run; more than this many satisfying readings: unreadable
MAX_SPLITS = 200_000  # splits tried per run (a 26-digit run into 7 cells has ~177,000)
_BLANKS = frozenset("/／-－—–―")
_PIECE = re.compile(r"[0-9]+(?:\.[0-9]+)?|[/／\-－—–―]+")


@dataclass(frozen=True, slots=True)
class Split:
    """How a run was read: the reading used, every reading that was possible, and why.

    ``readings`` is empty when the run could not be split into the row's cells at all (too few
    digits, or more ways than the bound); ``consistent`` says whether ``reading`` satisfies the
    row's identity (False when no reading does: a real defect or an unreadable run).
    """

    run: str
    reading: Reading | None
    readings: tuple[Reading, ...]
    consistent: bool
    exact: bool  # the run had exactly one digit (or one separated group) per cell: nothing inferred

    @property
    def ambiguous(self) -> bool:
        """True when the text allows more than one reading."""
        return len(self.readings) > 1


def pieces(run: str) -> list[str]:
    """The groups of a run that are certainly separate: digit groups split at spaces, and blanks.

    A space (or line break) carried over from the markup is a cell boundary; a placeholder such
    as "/" or "—" is one blank cell of its own.
    """
    out: list[str] = []
    for match in _PIECE.finditer(run):
        text = match.group(0)
        if text[0] in _BLANKS:
            out.extend(text[0] for _ in text) if set(text) <= {"/", "／"} else out.append(text)
        else:
            out.append(text)
    return out


def _number(text: str) -> Value:
    if text[0] in _BLANKS:
        return None
    return Decimal(text) if "." in text else int(text)


@functools.lru_cache(maxsize=4096)
def _splits(group: str, parts: int) -> tuple[tuple[str, ...], ...]:
    """Every way to cut one digit group into ``parts`` numbers without leading zeros (cached:
    the same runs, "0000000" above all, recur in every table)."""
    if parts == 1:
        whole = "." in group or len(group) == 1 or (group[0] != "0" and len(group) <= MAX_CELL_DIGITS)
        return ((group,),) if whole else ()
    if "." in group or group[0] in _BLANKS or len(group) < parts:
        return ()
    if len(group) == parts:
        return (tuple(group),)
    out: list[tuple[str, ...]] = []
    for cut in range(1, min(len(group) - parts + 1, MAX_CELL_DIGITS) + 1):
        head = group[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        out.extend((head, *rest) for rest in _splits(group[cut:], parts - 1))
        if len(out) > MAX_SPLITS:  # beyond the bound: no reading rather than some of them
            return ()
    return tuple(out)


def _readings(groups: Sequence[str], cells: int) -> Iterator[tuple[str, ...]]:
    if not groups:
        if cells == 0:
            yield ()
        return
    first, rest = groups[0], groups[1:]
    most = 1 if first[0] in _BLANKS or "." in first else len(first)
    for parts in range(1, min(most, cells - len(rest)) + 1):
        for head in _splits(first, parts):
            for tail in _readings(rest, cells - parts):
                yield head + tail


def split_run(
    run: str,
    cells: int,
    identity: Callable[[Reading], bool] | None = None,
    prefer: Callable[[Reading], tuple[int, ...]] | None = None,
) -> Split:
    """Read ``run`` as ``cells`` values.

    Readings that satisfy ``identity`` are kept when there are any (else all readings are kept
    and the split is not ``consistent``); among the kept readings the one ``prefer`` ranks lowest
    is used (default: the smallest largest value, i.e. the most even split).
    """
    groups = pieces(run)
    exact = len(groups) == cells
    good: list[Reading] = []
    other: list[Reading] = []
    for steps, texts in enumerate(_readings(groups, cells)):
        if steps >= MAX_SPLITS or len(good) > MAX_READINGS:
            return Split(run, None, (), False, False)
        reading = tuple(_number(text) for text in texts)
        if identity is None or identity(reading):
            good.append(reading)
        elif len(other) < MAX_READINGS:
            other.append(reading)
    if identity is not None and _dropped_blanks(groups, cells, bool(good or other)):
        placed = list(_placements(groups, cells))
        fits = [reading for reading in placed if identity(reading)]
        if fits or not good:  # the numbers as written first, then the splits
            kept = (fits or placed) + sorted(good or other, key=prefer or _evenness)
            return Split(run, kept[0], tuple(kept[:MAX_READINGS]), bool(fits or good), False)
    if not good and not other:
        return Split(run, None, (), False, False)
    consistent = bool(good)
    kept = good or other
    kept.sort(key=prefer or _evenness)
    return Split(run, kept[0], tuple(kept), consistent, exact)


def _dropped_blanks(groups: Sequence[str], cells: int, splits: bool = True) -> bool:
    """True when a run may be a row whose blank cells were dropped rather than one whose digits ran
    together.

    The groups were separated in the text (a space, a line break, a no-break space: a text extractor
    put one between text nodes), there are fewer of them than the row has cells, and filling the
    row would split a group that is not all zeros ("821 35 2 1 859": 821 35 _ _ 2 1 859 with two
    blank cells left out, which splitting reads 8 21 35 2 1 8 59, made-up figures). Such a run is
    also read as its groups placed in the row's columns every way, the others blank
    (``_placements``): the placements that satisfy the identity come first, then the splits that
    do ("460 500 960" may be 46 0 5 0 0 9 60 too: the text allows both, and the rules that depend
    on it say so); when none does, every placement, then every split. A group of zeros
    ("6 000000") splits one way only, and a group with a leading zero ("1 0 0 0 0 01") is digits
    that ran together, not a number as written.
    So are groups that cannot be split into the row at all (``splits`` False: "5 2 7 8 1 9" for the
    fifteen cells of table 3), rather than read as one number (527819).
    """
    if not 1 < len(groups) < cells:
        return False
    if any(len(g) > 1 and g[0] == "0" and "." not in g for g in groups):
        return False  # "01", "000023" are no numbers as written: digits that ran together
    if any(len(g) > MAX_CELL_DIGITS and "." not in g for g in groups):
        return False  # nor is a group too long for one count
    return not splits or any(len(g) > 1 and g[0].isdigit() and "." not in g and g.strip("0") for g in groups)


def _placements(groups: Sequence[str], cells: int) -> Iterator[Reading]:
    """Each group one value, in order, in ``cells`` columns; the columns left over blank (at most
    ``MAX_READINGS``: 15 columns and 7 groups are 6,435 ways)."""
    values = [_number(group) for group in groups]
    for count, columns in enumerate(itertools.combinations(range(cells), len(values))):
        if count >= MAX_READINGS:
            return
        reading: list[Value] = [None] * cells
        for column, value in zip(columns, values, strict=True):
            reading[column] = value
        yield tuple(reading)


def _evenness(reading: Reading) -> tuple[int, ...]:
    return (max((len(str(v)) for v in reading if v is not None), default=0),)


def sums_to_last(reading: Reading, start: int = 0, end: int | None = None) -> bool:
    """True when the last value of ``reading[start:end]`` is the sum of the others (blanks as 0)."""
    part = reading[start:end]
    values = [v or 0 for v in part]
    return bool(values) and sum(values[:-1]) == values[-1]

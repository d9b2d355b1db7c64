"""``LineMemo``: what a pure function of one line answered, remembered for the lines that repeat.

Why: a report's text goes through several passes (conversion markup, glued headings, heading
candidates, table lines), each asking small questions of every line; the answers depend on the
line alone. Lines repeat within a document (blank lines, table rows) and across the reports of a
batch (headings, table labels, rows of zeros), so each distinct line is examined once, as
``labels.split_cells`` already splits each distinct line once.

A memo is a ``dict`` whose ``__missing__`` computes the answer: ``memo[line]`` on a line seen
before is one dictionary lookup in C, with no Python call (a ``functools.lru_cache`` wrapper
costs a call and its bookkeeping on every line of every pass). Only short lines are kept (a
flattened page can be one line of a hundred kilobytes: keeping thousands of those would hold
memory for nothing), and when ``maxsize`` lines are kept the memo starts again empty (at most
4,096 lines of at most 512 characters: a few megabytes per memo at worst, usually far less).
``cache_clear`` empties it, as it would an ``lru_cache`` (``benchmarks/read_timing.py cold``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["LONGEST", "LineMemo"]

T = TypeVar("T")

LONGEST = 512  # characters: longer lines are computed afresh each time


class LineMemo(dict[str, T]):
    """``memo[line]`` is ``fn(line)``, remembered for lines of at most ``LONGEST`` characters."""

    __slots__ = ("fn", "maxsize")

    def __init__(self, fn: Callable[[str], T], maxsize: int = 4096) -> None:
        super().__init__()
        self.fn = fn
        self.maxsize = maxsize

    def __missing__(self, line: str) -> T:
        value = self.fn(line)
        if len(line) <= LONGEST:
            if len(self) >= self.maxsize:
                self.clear()
            self[line] = value
        return value

    def cache_clear(self) -> None:
        """Forget every line."""
        self.clear()

"""``per_line``: remember what a pure function of one line answered, for the lines that repeat.

Why: a report's text goes through several passes (conversion markup, glued headings, heading
candidates), each asking small questions of every line; the answers depend on the line alone.
Lines repeat within a document (blank lines, table rows) and across the reports of a batch
(headings, table labels, rows of zeros), so each distinct line is examined once, as
``labels.split_cells`` already splits each distinct line once. Only short lines are kept (a
flattened page can be one line of a hundred kilobytes: keeping thousands of those would hold
memory for nothing), and at most ``maxsize`` of them, least recently used first out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

__all__ = ["per_line"]

T = TypeVar("T")

LONGEST = 512  # characters: longer lines are computed afresh each time


def per_line(maxsize: int = 8192) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorator: remember ``fn(line)`` for lines of at most ``LONGEST`` characters.

    The decorated function has ``cache_clear`` (as an ``lru_cache`` function has), so a benchmark
    can measure reading with nothing remembered.
    """

    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def call(line: str) -> T:
            return cached(line) if len(line) <= LONGEST else fn(line)

        call.__dict__["cache_clear"] = cached.cache_clear
        return call

    return wrap

"""One RE2 search of UTF-8 bytes without the per-call work of RE2's Python layer.

Why: the built-ins search short texts (a label, a cell, a clause) hundreds of times per report.
For bytes, ``re2``'s ``search`` clamps the offsets, starts a generator, asks the compiled regexp
for the spans of every group (one C call) and wraps them in a match object: 3.2 µs per search of a
ten-character label, of which the C call is 0.6 µs. ``search`` here makes that one C call and
keeps the spans in a small ``Hit`` with the few methods the built-ins read (``group``,
``groups``, ``start``, ``end``), with the same answers as ``re2``'s match object (property test:
``tests/lang/test_re2_search.py``). Should a ``re2`` release no longer have the compiled regexp
where it is looked for, the public ``search`` is used.
"""

from __future__ import annotations

from typing import Any

import re2

__all__ = ["Hit", "search"]

try:
    _UNANCHORED: Any = re2._Anchor.UNANCHORED
except AttributeError:  # another re2 layout: its public API only
    _UNANCHORED = None
_NULL = (-1, -1)


class Hit:
    """The first match of a regex in UTF-8 bytes: its spans, read like ``re2``'s match object."""

    __slots__ = ("_data", "_regex", "_spans")

    def __init__(self, regex: Any, data: bytes, spans: Any) -> None:
        self._regex = regex
        self._data = data
        self._spans = spans

    def group(self, group: int | str = 0) -> bytes | None:
        """The bytes of group ``group`` (a number or a name), None when it took no part; an
        unknown group is an ``IndexError``, as in ``re2``."""
        if isinstance(group, int):
            index = group
        else:
            try:
                index = self._regex.groupindex[group]
            except KeyError:
                raise IndexError("bad group name") from None
        if not 0 <= index <= self._regex.groups:
            raise IndexError("bad group index")
        span = self._spans[index]
        return None if span == _NULL else self._data[span[0]:span[1]]

    def groups(self) -> tuple[bytes | None, ...]:
        return tuple(self.group(g) for g in range(1, self._regex.groups + 1))

    def start(self) -> int:
        return int(self._spans[0][0])

    def end(self) -> int:
        return int(self._spans[0][1])


def search(regex: Any, data: bytes) -> Any:
    """The first match of ``regex`` (compiled by ``re2``) in ``data``, or None."""
    inner = getattr(regex, "_regexp", None)
    if inner is None or _UNANCHORED is None:
        return regex.search(data)
    spans = inner.Match(_UNANCHORED, data, 0, len(data))
    if spans[0] == _NULL:
        return None
    return Hit(regex, data, spans)

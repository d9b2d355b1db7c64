"""``Provenance``: the model's JSON pointer → location map, its table entries made when first asked.

A report's provenance has one entry per section, item, table, table row and kept table value:
≈250 for the seed, of which ≈215 are the rows and their values. Building a dict per value for every
report took a sixth of reading one, and most reports are only asked where a few failing values are.
So the readers hand the table entries over as *row records* (``RowPlaces``: the row's pointer, its
location, its cells' locations and the (column, cell) pairs it kept, all objects the reader already
has) and ``Provenance`` makes the entries from them only when something asks:

- one pointer (``in``, ``[]``, ``get``: ``Report.locate``, the engine's places, ``api``'s views) makes
  that entry alone, found through an index of the rows' pointers built on the first such question;
- anything that needs them all (iteration, ``len``, ``==``, ``repr``, any change, ``json.dumps``,
  ``dumps_json``, jsonschema) makes them all first, in the order an eager dict would have had, the
  entries already asked for kept (same objects: a caller may have changed one);
- ``pickle`` and ``copy.deepcopy`` carry the records, not the entries (fewer bytes between worker
  processes); a copy or unpickled model makes its entries on demand the same way.

Everything outside sees a ``dict`` with exactly the eager content. One thing it cannot intercept is
code that reads a dict's C storage directly (``json``'s encoder does so only to test emptiness, and
the storage is never empty while records wait: each table's own entry is stored at once).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

Location = dict[str, Any]
# (row pointer, the row's location, its cells' locations or None, the kept (column, cell) pairs):
# the entries ``pointer: dict(loc)`` then, per kept pair, ``pointer/values/column: the cell's
# location`` (``locs[k]`` copied, or ``{**loc, "column": k + 1}`` for a text line's cell k).
RowPlaces = tuple[str, Location, Sequence[Location] | None, tuple[tuple[str, int], ...]]
# A table's own entry (pointer, location) or one row's record, in the order the entries go.
Segment = tuple[str, Location] | RowPlaces

_VALUES = "/values/"


def row_entries(record: RowPlaces) -> Iterator[tuple[str, Location]]:
    """The entries one row record stands for, in order, each location a new dict."""
    pointer, loc, locs, kept = record
    yield pointer, dict(loc)
    prefix = pointer + _VALUES
    if locs is None:
        for name, k in kept:
            yield prefix + name, {**loc, "column": k + 1}
    else:
        for name, k in kept:
            yield prefix + name, dict(locs[k])


def entries(segments: Iterable[Segment]) -> Iterator[tuple[str, Location]]:
    """Every entry the segments stand for, in order (a table's own entry as given, not copied)."""
    for segment in segments:
        if len(segment) == 2:
            yield segment[0], segment[1]
        else:
            yield from row_entries(segment)


class Provenance(dict[str, Location]):
    """The model's provenance: a ``dict`` whose table entries are made on demand (module docstring).

    Built by ``Provenance.deferred``; a ``Provenance`` with nothing waiting is an ordinary dict.
    """

    __slots__ = ("_head", "_rows", "_segments")

    _head: int  # how many stored entries come before the segments' (the sections' and items')
    _rows: dict[str, RowPlaces] | None  # row pointer → record, built on the first lookup
    _segments: list[Segment] | None  # the entries still to make, in order; None: all made

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head = 0
        self._rows = None
        self._segments = None

    @classmethod
    def deferred(cls, head: dict[str, Location], segments: list[Segment]) -> dict[str, Location]:
        """``head``'s entries followed by the segments', the rows' made on demand (``head`` when
        there are no segments; a plain dict of everything when no table entry leads them)."""
        if not segments:
            return head
        self = cls(head)
        self._head = len(head)
        for segment in segments:
            if len(segment) == 2:
                if segment[0] in head:  # an eager dict would have overwritten it in place: do that
                    return dict(entries([*head.items(), *segments]))
                dict.__setitem__(self, segment[0], segment[1])
        if not dict.__len__(self):  # no stored entry: json's encoder would print {} without asking
            return dict(entries(segments))
        self._segments = segments
        return self

    # -- one entry -------------------------------------------------------------------------------

    def _index(self) -> dict[str, RowPlaces] | None:
        """Row pointer → record; None (after making everything) when a row pointer repeats or is
        also a table's own entry, where only the eager order decides which location wins."""
        rows: dict[str, RowPlaces] = {}
        for segment in self._segments or ():
            if len(segment) == 4:
                pointer = segment[0]
                if pointer in rows or dict.__contains__(self, pointer):
                    self._materialise()
                    return None
                rows[pointer] = segment
        self._rows = rows
        return rows

    def _find(self, key: object) -> Location | None:
        """The entry ``key`` when a waiting record stands for it (now stored), else None."""
        if not isinstance(key, str):
            return None
        with _MAKING:
            if self._segments is None:  # another thread made everything meanwhile
                return dict.get(self, key)
            return self._find_waiting(key)

    def _find_waiting(self, key: str) -> Location | None:
        rows = self._rows if self._rows is not None else self._index()
        if rows is None:  # everything was just made
            return dict.get(self, key)
        record = rows.get(key)
        if record is not None:
            value = dict(record[1])
        else:
            at = key.rfind(_VALUES)
            record = rows.get(key[:at]) if at > 0 else None
            if record is None:
                return None
            name = key[at + len(_VALUES):]
            _, loc, locs, kept = record
            for column, k in kept:
                if column == name:
                    value = {**loc, "column": k + 1} if locs is None else dict(locs[k])
                    break
            else:
                return None
        dict.__setitem__(self, key, value)
        return value

    def __missing__(self, key: str) -> Location:
        found = self._find(key) if self._segments is not None else None
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        return self._segments is not None and self._find(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        found = dict.get(self, key, _MISSING)
        if found is _MISSING:
            found = self._find(key) if self._segments is not None else None
            return default if found is None else found
        return found

    def __bool__(self) -> bool:
        return self._segments is not None or dict.__len__(self) > 0

    # -- everything --------------------------------------------------------------------------------

    def _stored(self) -> dict[str, Location]:
        """The entries made so far, as a plain dict (``dict.copy`` would ask ``keys()``: all of them)."""
        return dict(dict.items(self))

    def _materialise(self) -> None:
        """Make every waiting entry, in the eager order, keeping the entries already made."""
        if self._segments is None:
            return
        with _MAKING:
            segments = self._waiting()
            if segments is None:  # another thread made everything meanwhile
                return
            made = self._stored()
            out = dict(list(made.items())[: self._head])
            for key, value in entries(segments):
                out[key] = made.get(key, value)
            dict.clear(self)  # a lookup from another thread in between finds segments still waiting:
            dict.update(self, out)  # it waits for the lock, then reads the whole dict
            self._segments = None
            self._rows = None

    def _waiting(self) -> list[Segment] | None:
        """The records still waiting (read again under the lock: another thread may have made them)."""
        return self._segments

    def materialised(self) -> Provenance:
        """This provenance with every entry made (for code that reads the dict's storage)."""
        self._materialise()
        return self

    def __iter__(self) -> Iterator[str]:
        self._materialise()
        return dict.__iter__(self)

    def __reversed__(self) -> Iterator[str]:
        self._materialise()
        return dict.__reversed__(self)

    def __len__(self) -> int:
        self._materialise()
        return dict.__len__(self)

    def keys(self) -> Any:
        self._materialise()
        return dict.keys(self)

    def values(self) -> Any:
        self._materialise()
        return dict.values(self)

    def items(self) -> Any:
        self._materialise()
        return dict.items(self)

    def __repr__(self) -> str:
        self._materialise()
        return dict.__repr__(self)

    def __eq__(self, other: object) -> bool:
        self._materialise()
        if isinstance(other, Provenance):
            other._materialise()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._materialise()
        if isinstance(other, Provenance):
            other._materialise()
        return dict.__ne__(self, other)

    __hash__ = None

    def copy(self) -> dict[str, Location]:
        self._materialise()
        return self._stored()

    def __or__(self, other: Any) -> Any:
        self._materialise()
        return dict.__or__(self, other)

    def __ior__(self, other: Any) -> Any:
        self._materialise()
        return dict.__ior__(self, other)

    # Any change makes every entry first: a new key goes after them, as in an eager dict.
    def __setitem__(self, key: str, value: Location) -> None:
        self._materialise()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._materialise()
        dict.__delitem__(self, key)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._materialise()
        return dict.setdefault(self, key, default)

    def pop(self, key: str, *default: Any) -> Any:
        self._materialise()
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[str, Location]:
        self._materialise()
        return dict.popitem(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._materialise()
        dict.update(self, *args, **kwargs)

    def clear(self) -> None:
        self._segments = None
        self._rows = None
        dict.clear(self)

    # -- copies and pickles: the records, not the entries ------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        if self._segments is None:
            return (dict, (self._stored(),))  # everything made: a plain dict
        return (_restore, (self._stored(), self._head, self._segments))

    def __copy__(self) -> dict[str, Location]:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Location]:
        if self._segments is None:
            return copy.deepcopy(self._stored(), memo)
        return _restore(*copy.deepcopy((self._stored(), self._head, self._segments), memo))


_MISSING: Any = object()
# Held while entries are made (one lookup's, or all of them): a report read once may be asked from
# several threads (a thread pool of checks, Dask's threaded workers). Taken only when something is
# still waiting, so a provenance with everything made never touches it. Re-entrant: a lookup that
# finds a repeated row pointer makes everything.
_MAKING = threading.RLock()


def _restore(stored: dict[str, Location], head: int, segments: list[Segment]) -> Provenance:
    """A pickled or deep-copied ``Provenance``: its stored entries and its waiting records."""
    self = Provenance(stored)
    self._head = head
    self._segments = segments
    return self

"""Regular expressions compiled on first use, for the readers' module-level patterns.

Why: importing the readers compiled some 75 patterns (a few to 10 ms each under load), most of
which a given document never needs: the flattened-text, PDF and HTML patterns are not used to read
a plain-text report, and ``compliance check --example`` paid for all of them at start-up.
``lazy(pattern)`` stands in for ``re.compile(pattern)``: on the first attribute asked of it, it
compiles the pattern and keeps the compiled pattern's methods as its own attributes, so every
later ``_PATTERN.search(...)`` is one instance-attribute lookup, as fast as on a compiled pattern.
It is typed as ``re.Pattern[str]``; a lazy pattern cannot be handed to ``re.sub(pattern, …)``
(use its own methods, as the readers do).
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["lazy"]

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags",
            "groups", "groupindex")


class _LazyPattern:
    """A pattern and its flags until first use; the compiled pattern's methods after."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for names not yet set: the first use
        compiled = re.compile(self._source, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source!r})"


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", _LazyPattern(source, flags))

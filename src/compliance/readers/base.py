"""The ``Reader`` protocol: a document's bytes in, a report model out.

Readers produce the model only; they never import ``lang``, ``rules`` or ``engine``.
"""

from __future__ import annotations

from typing import Protocol

from compliance.model.report import Report


class Reader(Protocol):
    """Turns one kind of document into a ``Report``."""

    name: str
    suffixes: tuple[str, ...]

    def sniff(self, data: bytes) -> bool:
        """True when ``data`` looks like this reader's kind of document (content, not file name)."""
        ...

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read ``data`` (the document named ``uri``); raise ``DocumentError`` when it cannot."""
        ...

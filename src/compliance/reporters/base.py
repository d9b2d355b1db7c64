"""The ``Reporter`` protocol: results in, text out. Reporters consume results only."""

from __future__ import annotations

from typing import Protocol

from compliance.results import Results


class Reporter(Protocol):
    """Renders ``Results`` in one output format."""

    name: str
    media_type: str

    def render(self, results: Results, *, color: bool = False) -> str:
        """The whole output document."""
        ...

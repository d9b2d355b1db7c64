"""Named definitions: expressions a pack shares between its rules, optionally with parameters.

A definition may use names, functions and *earlier* definitions only, so definitions can never
recurse: the language stays non-Turing-complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.lang.nodes import Node
from compliance.lang.static_types import Type


@dataclass(frozen=True, slots=True)
class Definition:
    """``name(params…) = node``; ``type`` is the checked result type (parameters typed ``any``)."""

    name: str
    params: tuple[str, ...]
    node: Node
    type: Type
    text: str

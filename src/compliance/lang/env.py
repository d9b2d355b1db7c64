"""``Env``: the run-time scope of one evaluation (globals, locals, and a per-evaluation cache)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Env:
    """Names visible while evaluating: ``globals`` (model roots, constants), ``locals`` (bound
    variables and definition parameters) and ``cache`` (values of parameterless definitions,
    shared by every expression evaluated against the same globals)."""

    __slots__ = ("cache", "globals", "locals")

    def __init__(self, globals_: Mapping[str, Any], locals_: Mapping[str, Any] | None = None,
                 cache: dict[str, Any] | None = None) -> None:
        self.globals = globals_
        self.locals: Mapping[str, Any] = locals_ or {}
        self.cache: dict[str, Any] = {} if cache is None else cache

    def bind(self, name: str, value: Any) -> Env:
        """A child scope with ``name`` bound to ``value``."""
        return Env(self.globals, {**self.locals, name: value}, self.cache)

    def fresh(self, locals_: Mapping[str, Any]) -> Env:
        """A scope with only globals and ``locals_`` (how a definition body is evaluated)."""
        return Env(self.globals, locals_, self.cache)

    def lookup(self, name: str) -> Any:
        """A local, else a global, else null."""
        if name in self.locals:
            return self.locals[name]
        return self.globals.get(name)

"""A program: many checks compiled into **one** generated Python function.

A rule pack asks the same report dozens of questions; evaluated one expression at a time, each
question pays for an environment, a call into its own generated function, reading its global names
again and looking shared definitions up in the per-report cache. A ``Program`` generates a single
function for all of them (``codegen``'s emitter, one ``_Unit``): global names are read once at the
top, a check's paths are computed once for the whole check, loop-invariant parts of an item
condition are hoisted out of the item loop, and definitions are still shared through the cache.

The language knows nothing of rules: a ``Check`` is a guarded, optionally quantified condition
(guards that must not be null, a ``when`` that must be true, items bound to a variable, bindings
per item, a condition that must hold for each item). The program decides only the two common, quiet
outcomes — ``HOLDS`` (every condition true) and ``SKIPPED`` (``when`` false) — names the items
whose condition is not true (their positions, so the caller explains only those), and answers
``None`` for everything else (a null guard, a type error, an exhausted budget, anything the
generated code leaves aside; other exceptions, such as a time limit, go through as they do from one
expression): the caller then evaluates that check, or those items, the reference way, which
explains failures and reports errors with their positions. So the program can make a check cheaper,
never give it another outcome; a property test holds it to that.

A program pickles with its code frozen (``codegen.freeze``), so the pack cache and batch workers
receive code, not node trees to generate it from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from compliance.lang import nodes as n
from compliance.lang.codegen import Frozen, _Generator, _Unit, freeze, thaw
from compliance.lang.codegen_analysis import check_functions
from compliance.lang.definitions import Definition
from compliance.lang.generated import Shared
from compliance.lang.registry import FunctionRegistry
from compliance.lang.runtime import STATS
from compliance.lang.values import BUDGET_KEY

_ROOT = re.compile(r"[^.\[]*")  # the name a memoized path starts from

HOLDS = 1  # the guards were set, ``when`` true and the condition true for every item
SKIPPED = 2  # ``when`` was false


@dataclass(frozen=True, slots=True)
class Check:
    """One question: ``guards`` non-null, then ``when`` true (false: ``SKIPPED``), then for each
    item of ``items`` (or once, when None) bound to ``var``, the ``bindings`` in order and
    ``condition`` true (``HOLDS``). Items whose condition is not true are answered by their
    positions (a tuple; ``(0,)`` without items); anything else leaves the check undecided
    (``None``)."""

    condition: n.Node
    guards: tuple[n.Node, ...] = ()
    when: n.Node | None = None
    items: n.Node | None = None
    var: str | None = None
    bindings: tuple[tuple[str, n.Node], ...] = ()


class Program:
    """Checks compiled to one function ``(globals, cache) -> [HOLDS | SKIPPED | (positions…) | None, …]``,
    generated on the first run (or thawed from frozen code). A program that cannot be generated
    (Python's own limits) answers ``None`` for every check."""

    __slots__ = ("_fn", "_frozen", "checks", "definitions", "functions", "problem", "shared")

    def __init__(self, checks: Sequence[Check | None], functions: FunctionRegistry,
                 definitions: Mapping[str, Definition], shared: Shared, frozen: Frozen | None = None) -> None:
        self.checks = tuple(checks)  # None: a check the program leaves to the caller
        self.functions = functions
        self.definitions = definitions
        self.shared = shared  # generated definition functions, shared with single expressions
        self._fn: Any = None
        self._frozen = frozen
        self.problem: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        frozen = self._frozen
        if frozen is None and self._fn is not None and self.problem is None:
            frozen = freeze(self._fn)
        return (Program, (self.checks, self.functions, self.definitions, self.shared, frozen))

    def build(self) -> Any:
        """Generate and compile the function now (thaw it when frozen code came with the program)."""
        if self._fn is None and self._frozen is not None:
            try:
                self._fn = thaw(self._frozen, self._generator())
                STATS["thawed"] += 1
            except Exception:  # a plug-in's function gone, another Python: generate afresh
                self._fn = None
            self._frozen = None
        if self._fn is None and self.problem is None:
            try:
                for check in self.checks:
                    if check is not None:
                        for node in _nodes(check):
                            check_functions(node, self.functions, self.definitions, "")
                self._fn = _generate(self.checks, self._generator())
                STATS["generated"] += 1
            except Exception as exc:  # Python's limits (runtime.UNCOMPILABLE), an unknown function
                self.problem = f"{type(exc).__name__}: {str(exc)[:200]}"
                STATS["uncompilable"] += 1
        return self._fn

    def _generator(self) -> _Generator:
        return _Generator(self.functions, self.definitions, self.shared.definitions)

    def source(self) -> str:
        """The generated Python source (generated again for thawed code, which carries none)."""
        fn = self.build()
        if fn is not None and hasattr(fn, "__source__"):
            return str(fn.__source__)
        fresh = _generate(self.checks, _Generator(self.functions, self.definitions, {}))
        return str(fresh.__source__)

    def run(self, names: Mapping[str, Any], cache: dict[str, Any]) -> list[int | tuple[int, ...] | None]:
        """The outcome of every check against ``names`` (globals), sharing ``cache`` (definitions,
        memoized results) with whatever evaluates against the same names afterwards."""
        fn = self._fn if self._fn is not None else self.build()
        if fn is None:
            return [None] * len(self.checks)
        result: list[int | tuple[int, ...] | None] = fn(names, cache)
        return result


def _nodes(check: Check) -> list[n.Node]:
    out = [*check.guards, check.condition, *(node for _, node in check.bindings)]
    out += [node for node in (check.when, check.items) if node is not None]
    return out


def _generate(checks: Sequence[Check | None], gen: _Generator) -> Any:
    """The function's source, check by check; each check is a ``while True`` block left with
    ``break`` as soon as its outcome is known, inside a ``try`` whose exceptions (those that make a single
    expression fall back: ``runtime.FALLBACK_ERRORS``) leave it undecided; any other (a time limit)
    goes through, as it does from a single expression."""
    unit = _Unit(gen, {})
    unit.prologue.append(f"    _o = [None] * {len(checks)}")
    top = 3  # the depth of a check's statements: def → try → while
    for number, check in enumerate(checks):
        if check is None:
            continue
        unit.done, unit.hoisted, unit.scope = {}, {}, {}
        unit.depth = 1
        unit.line(f"c.pop({BUDGET_KEY!r}, None)")  # each check gets the whole evaluation budget
        unit.line("try:")
        unit.line("    while True:")
        unit.depth = unit.top = top
        _emit_check(unit, number, check)
        unit.line("break")
        unit.depth = 1
        unit.line("except _FALLBACK:")  # what makes one expression fall back; a time limit goes through
        unit.line(f"    _o[{number}] = None")
    unit.depth = unit.top = 1
    return unit.function(["g", "c"], "_o", None, "<compliance program>")


def _emit_check(unit: _Unit, number: int, check: Check) -> None:
    scope: dict[str, str] = {}
    for guard in check.guards:
        value = unit.emit(guard, scope)
        if value in unit.known and unit.known[value] is not None:
            continue
        unit.line(f"if {value} is None: break")
    if check.when is not None:
        applies = unit.var(unit.emit(check.when, scope))
        unit.line(f"if {applies} is False:")
        unit.line(f"    _o[{number}] = {SKIPPED}")
        unit.line("    break")
        unit.line(f"if {applies} is not True: break")
    if check.items is None:
        verdict = _emit_item(unit, check, scope)
        unit.line(f"_o[{number}] = {HOLDS} if {verdict} is True else (0,)")
        return
    collection = unit.emit(check.items, scope)
    items, var, bad, at = unit.new("i"), unit.new("v"), unit.new("k"), unit.new("n")
    unit.line(f"if type({collection}) is _list: {items} = {collection}")
    unit.line(f"elif type({collection}) is _dict: {items} = {collection}.values()")
    unit.line("else: break")
    if not check.bindings and check.var is not None:  # a binding may be what a part reads: no hoisting
        unit.hoist(check.condition, check.var, items, scope)
    unit.line(f"{bad} = []")
    unit.line(f"for {at}, {var} in enumerate({items}):")
    unit.depth += 1
    saved, outer = dict(unit.done), unit.top
    unit.top = unit.depth  # an item's paths are computed once per item
    shadowed = {check.var, *(name for name, _ in check.bindings)}  # paths through these mean the item now
    unit.done = {p: atom for p, atom in saved.items() if _ROOT.match(p).group(0) not in shadowed}  # type: ignore[union-attr]
    item_scope = {check.var: var} if check.var is not None else {}
    verdict = _emit_item(unit, check, item_scope)
    unit.line(f"if {verdict} is not True: {bad}.append({at})")
    unit.done, unit.top = saved, outer
    unit.depth -= 1
    unit.line(f"_o[{number}] = tuple({bad}) if {bad} else {HOLDS}")


def _emit_item(unit: _Unit, check: Check, scope: dict[str, str]) -> str:
    """The bindings, then the condition, in ``scope`` (extended by the bindings); its atom."""
    scope = dict(scope)
    unit.scope = scope  # paths of this item's scope are computed once
    for name, node in check.bindings:
        scope[name] = unit.var(unit.emit(node, scope))
        unit.scope = scope = dict(scope)
    return unit.var(unit.emit(check.condition, scope))

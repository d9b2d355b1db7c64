"""Built-ins that generated code computes in place, without calling them.

Why: a report's rules make ~4,000 built-in calls, most of them cheap tests (``exists``, ``len``,
``matches`` with a fixed pattern) or tries that fail at once (``find_all`` of a statement pattern
on a clause without its words). Each call costs a Python call, the built-in's own type tests and
the charge of its result, often more than the work. Here, for the language's own
implementations only (a registry that maps the name to another function is called as usual), the
code generator writes the common case in place and calls the built-in for everything else, so
results, errors and budget are those of the call:

- ``exists(x)`` is ``x is not None``; ``len(x)`` of a list, string or object is ``len(x)`` (a
  length never needs charging: ``values.charge`` ignores integers of 64 bits or less);
  ``is_integer(x)`` of an integer is true; ``number(x)`` of a small integer is ``x``, and of
  up to 18 ASCII digits ``int(x)`` (what the built-in reads them as);
- ``keys(x)`` of an object is ``list(x)``;
- ``matches(t, P)`` / ``find_all(t, P)`` with a literal pattern ``P``: a whole-text alternation of
  literal words is a set look-up, and a text without the words every match needs
  (``patterns.needle_test``, written in place) is ``false`` / ``[]``; other texts call the
  built-in. The pattern is compiled when the code is generated, so a pattern RE2 refuses is
  never written in place (the call reports it, as before);
- ``find_all(t, p)`` with a computed pattern looks the pattern's needle test up where the
  built-in keeps it (``functions._MATCHERS``) and tries it first.

Every case is exact: ``tests/lang/test_inline.py`` compares generated code with and without
inlining on random texts and patterns.
"""

from __future__ import annotations

from typing import Any, Protocol

from compliance.lang import functions as f
from compliance.lang.patterns import exact_set, first_chars, needle_test, translation

__all__ = ["CALL", "HELPERS", "LIST", "STRING", "TESTED", "emit"]

# Names every generated namespace holds for the code written here (``runtime.HELPERS`` too).
HELPERS: dict[str, Any] = {"_MT": f._MATCHERS}

TESTED = "tested"  # the result is a boolean or a small integer: nothing to charge or convert
LIST = "list"  # the result is the built-in's own fresh list (or []): charge it, no conversion
STRING = "string"  # the result is a string (or the call's result): charge and convert as for a call
CALL = "call"  # an ``if`` for the common case and an ``else:`` were written: the call goes under it
_SMALL = 2**63  # integers this small need no charge (``values.charge`` ignores 64 bits or less)


class Unit(Protocol):
    """What of the code generator's unit this module uses."""

    known: dict[str, Any]

    def line(self, text: str) -> None: ...

    def ref(self, obj: Any, prefix: str, key: Any) -> str: ...

    def new(self, prefix: str = "r") -> str: ...


def emit(unit: Unit, impl: Any, call: str, args: list[str], r: str, indent: str) -> str | None:
    """Write ``r = impl(args…)`` in place when ``impl`` is one of the cases above and return what
    the result needs (``TESTED`` or ``LIST``); None (nothing written) otherwise. ``call`` is the
    namespace name of ``impl`` for the cases the code still calls it."""
    if impl is f._exists and len(args) == 1:
        unit.line(f"{indent}{r} = {args[0]} is not None")
        return TESTED
    if impl is f._len and len(args) == 1:
        a = args[0]
        unit.line(f"{indent}if type({a}) is _list or type({a}) is str or type({a}) is _dict: {r} = len({a})")
        unit.line(f"{indent}else:")
        return CALL
    if impl is f._is_integer and len(args) == 1:
        unit.line(f"{indent}if type({args[0]}) is int: {r} = True")
        unit.line(f"{indent}else:")
        return CALL
    if impl is f._number and len(args) == 1:  # a model's count, or the digits a pattern captured
        a = args[0]
        unit.line(f"{indent}if type({a}) is int and {-_SMALL} < {a} < {_SMALL}: {r} = {a}")
        unit.line(f"{indent}elif type({a}) is str and 0 < len({a}) < 19 and {a}.isdigit() and {a}.isascii(): "
                  f"{r} = int({a})")
        unit.line(f"{indent}else:")
        return CALL
    if impl is f._keys and len(args) == 1 and args[0] not in unit.known:
        a = args[0]
        unit.line(f"{indent}{r} = list({a}) if type({a}) is _dict else {call}({a})")
        return LIST
    if (impl is f._matches or impl is f._find_all) and len(args) == 2:
        return _pattern_call(unit, impl, call, args, r, indent)
    if impl is f._replace and len(args) == 3:
        return _replace(unit, call, args, r, indent)
    if impl is f._flatten and len(args) == 1 and args[0] not in unit.known:
        a, x = args[0], unit.new("x")
        unit.line(f"{indent}if type({a}) is _list:")
        unit.line(f"{indent}    {r} = []")
        unit.line(f"{indent}    for {x} in {a}:")
        unit.line(f"{indent}        if type({x}) is _list: {r}.extend({x})")
        unit.line(f"{indent}        else:")
        unit.line(f"{indent}            {r} = {call}({a})")
        unit.line(f"{indent}            break")
        unit.line(f"{indent}else: {r} = {call}({a})")
        return LIST
    return None


def _replace(unit: Unit, call: str, args: list[str], r: str, indent: str) -> str | None:
    """``replace(t, P, L)`` with a literal pattern and replacement: a class of characters is
    ``str.translate``; a text without the pattern's words is the text itself."""
    text, pattern, replacement = args
    literal, by = unit.known.get(pattern), unit.known.get(replacement)
    if type(by) is not str or text in unit.known:
        return None
    test = _needle_test(unit, literal, text)
    table = translation(literal, by) if test is not None else None
    exact = None if table is None else f"{text}.translate({unit.ref(table, 'k', table)})"
    return _literal(unit, indent, r, text, f"{call}({text}, {pattern}, {replacement})", test, exact, text, STRING)


def _pattern_call(unit: Unit, impl: Any, call: str, args: list[str], r: str, indent: str) -> str | None:
    """``matches``/``find_all``: a literal pattern's test written in place, a computed pattern's
    test looked up where the built-in keeps it."""
    text, pattern = args
    fails, kind = ("False", TESTED) if impl is f._matches else ("[]", LIST)
    whole = f"{call}({text}, {pattern})"
    literal = unit.known.get(pattern)
    if type(literal) is not str:
        if text in unit.known:
            return None
        m = unit.new("m")  # what the built-in keeps for a computed pattern: (regex, needle test, words)
        unit.line(f"{indent}{m} = _MT.get({pattern}) if type({pattern}) is str and type({text}) is str else None")
        unit.line(f"{indent}if {m} is None: {r} = {whole}")
        if impl is f._matches:
            unit.line(f"{indent}elif {m}[2] is not None: {r} = {text} in {m}[2]")
        unit.line(f"{indent}elif {m}[1] is not None and not {m}[1]({text}): {r} = {fails}")
        unit.line(f"{indent}else: {r} = {whole}")
        return kind
    test = _needle_test(unit, literal, text)
    words = exact_set(literal) if test is not None and impl is f._matches else None
    exact = None if words is None else f"{text} in {unit.ref(words, 'k', words)}"
    return _literal(unit, indent, r, text, whole, test, exact, fails, kind)


def _literal(unit: Unit, indent: str, r: str, text: str, whole: str, test: str | None, exact: str | None,
             failed: str, kind: str) -> str | None:
    """A built-in with a literal pattern, for a string ``text``: ``exact`` (an answer without RE2:
    a set look-up, a translate table), else ``failed`` when the needle ``test`` fails; the call
    ``whole`` for anything else. None (nothing written) when the pattern cannot be read or there is
    neither an exact answer nor a test."""
    if test is None or (exact is None and not test):
        return None
    if exact is not None:
        unit.line(f"{indent}{r} = {exact} if type({text}) is str else {whole}")
    else:
        unit.line(f"{indent}{r} = {failed} if type({text}) is str and not ({test}) else {whole}")
    return kind


def _needle_test(unit: Unit, pattern: Any, text: str) -> str | None:
    """The needle test of a literal ``pattern`` on the variable ``text`` as source ("" when every
    text may match); None when the pattern is not a literal string, or one RE2 refuses or the
    analyses cannot read (the call then reports what it always did)."""
    if type(pattern) is not str:
        return None
    try:
        f._matcher(pattern)  # compiled now: a refused pattern stays a call
        first = first_chars(pattern)
        name = unit.ref(first, "k", first) if first is not None and len(first) > 3 else "_first"
        test = needle_test(pattern, text, name)
    except Exception:  # the analyses read Python's parse of the pattern; anything odd: a call
        return None
    return "" if test is None else test[0]

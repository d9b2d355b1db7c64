"""The built-in functions (``BUILTINS``): small pure functions over values, each with an example.

Regular expressions run on RE2 (linear time; no look-around or back-references) with a length
cap on patterns; null
arguments give null unless a function says otherwise (``exists``, ``len`` of null is null).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import re2

from compliance.errors import BudgetExceededError, EvaluationError
from compliance.hanzi import to_simplified
from compliance.lang.patterns import anchored, exact_set, never_empty, tester, translation
from compliance.lang.re2_search import search
from compliance.lang.registry import Function, FunctionRegistry
from compliance.lang.static_types import (
    ANY,
    BOOL,
    NUMBER,
    STRING,
    ListType,
    ObjectType,
    Type,
    element_type,
)
from compliance.lang.values import (
    MAX_VALUE_SIZE,
    Value,
    equals,
    exact_add,
    is_number,
    normalize_number,
    render,
    type_name,
)
from compliance.nfkc import nfkc

MAX_PATTERN_LENGTH = 2_000
MAX_RANGE = 10_000

MATCH_TYPE = ObjectType((("match", STRING), ("groups", ListType(STRING)), ("start", NUMBER)), None)


def _re2_options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # errors are raised as EvaluationError, not printed by the C++ library
    return options


_OPTIONS = _re2_options()


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used (too long, or not valid for the linear-time engine), or None.

    Regular expressions run on RE2, whose matching time is linear in the input whatever the
    pattern, so no rule can hang the checker by backtracking. RE2 has no look-around and no
    back-references; patterns that use them are rejected with this message.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"regular expression longer than {MAX_PATTERN_LENGTH} characters"
    try:
        _regex(pattern)
    except EvaluationError as exc:
        return exc.message
    return None


@functools.lru_cache(maxsize=512)
def _regex(pattern: str) -> Any:
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise EvaluationError(f"regular expression longer than {MAX_PATTERN_LENGTH} characters")
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
        hint = " (look-around and back-references are not supported)" \
            if any(m in pattern for m in ("(?<", "(?=", "(?!")) or re.search(r"\\[1-9]", pattern) else ""
        raise EvaluationError(f"invalid regular expression {pattern!r}: {reason}{hint}") from exc


def _numbers(items: Any, fname: str) -> list[int | Decimal]:
    if isinstance(items, Mapping):
        items = list(items.values())
    if not isinstance(items, list | tuple):
        raise EvaluationError(f"{fname}() needs a list, got a {type_name(items)}")
    out: list[int | Decimal] = []
    for item in items:
        if item is None:
            continue
        if not is_number(item):
            raise EvaluationError(f"{fname}() works on numbers, got a {type_name(item)}")
        out.append(item)
    return out


def _sum(items: Value) -> Value:
    total: int | Decimal = 0
    for number in _numbers(items, "sum"):
        total = exact_add(total, number)
    return total


def _count(items: Value) -> Value:
    if isinstance(items, Mapping):
        items = list(items.values())
    if not isinstance(items, list | tuple):
        raise EvaluationError(f"count() needs a list, got a {type_name(items)}")
    return sum(1 for x in items if x is not None)


def _len(x: Value) -> Value:
    if isinstance(x, str | list | tuple | Mapping):
        return len(x)
    raise EvaluationError(f"len() needs a string, list or object, got a {type_name(x)}")


def _extreme(fname: str, pick: Any) -> Any:
    def impl(*args: Value) -> Value:
        items = args[0] if len(args) == 1 and isinstance(args[0], list | tuple | Mapping) else list(args)
        nums = _numbers(items, fname)
        return pick(nums) if nums else None
    return impl


def _abs(x: Value) -> Value:
    if not is_number(x):
        raise EvaluationError(f"abs() needs a number, got a {type_name(x)}")
    return abs(x)


def _round(x: Value, digits: Value = 0) -> Value:
    if not is_number(x) or not is_number(digits):
        raise EvaluationError("round() needs numbers")
    return normalize_number(Decimal(x).quantize(Decimal(1).scaleb(-int(digits))))


def _text(x: Value, fname: str) -> str:
    if type(x) is str:  # the common case first: one type test (this runs for every string argument)
        return x
    if not isinstance(x, str):
        raise EvaluationError(f"{fname}() needs a string, got a {type_name(x)}")
    return x


def _contains(haystack: Value, needle: Value) -> Value:
    if isinstance(haystack, str):
        return needle is not None and _text(needle, "contains") in haystack
    if isinstance(haystack, Mapping):
        return isinstance(needle, str) and needle in haystack  # only strings are keys
    if isinstance(haystack, list | tuple):
        return any(equals(needle, x) for x in haystack)
    raise EvaluationError(f"contains() needs a string, list or object, got a {type_name(haystack)}")


@functools.lru_cache(maxsize=8192)
def _first_match(pattern: str, text: str) -> Any:
    """The first match of ``pattern`` in ``text`` (or None). Rules ask the same question of the
    same text many times (several rules match one section); RE2's per-call overhead makes the
    answer worth remembering. Match objects are only read, never changed. A text without one of
    the pattern's needles (``patterns.may_match``) has no match, and RE2 is not asked."""
    regex, may, _ = _matcher(pattern)  # refused patterns are refused whatever the text
    if may is not None and not may(text):
        return None
    return search(regex, utf8(text))


# RE2 works on UTF-8. Given a ``str``, its Python layer encodes the text and maps every offset back
# to characters on each call (14 µs for a search of a report's text, against 2 µs on the bytes);
# so the engine hands it bytes, encoded once per text (a report's text is searched by dozens of
# patterns), and decodes what it returns: groups, and the offsets ``find_all`` reports.
_ENCODED: dict[str, bytes] = {}
MAX_ENCODED = 512  # texts kept encoded (a report has a few hundred distinct texts at most)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, remembered for long texts."""
    if len(text) < 64:
        return text.encode()
    found = _ENCODED.get(text)
    if found is None:
        if len(_ENCODED) >= MAX_ENCODED:
            _ENCODED.clear()
        found = _ENCODED[text] = text.encode()
    return found


def _group(m: Any, group: int | str) -> str | None:
    value = m.group(group)
    return None if value is None else value.decode()


_MATCHERS: dict[str, tuple[Any, Any, frozenset[str] | None]] = {}


def _matcher(pattern: str) -> tuple[Any, Any, frozenset[str] | None]:
    """(RE2 regex, ``patterns.tester``, ``patterns.exact_set``) of ``pattern``, from one dict
    look-up after the first call."""
    found = _MATCHERS.get(pattern)
    if found is None:
        found = (_regex(pattern), tester(pattern), exact_set(pattern))
        if len(_MATCHERS) < 4096:  # a pack has a few hundred patterns; computed ones are bounded too
            _MATCHERS[pattern] = found
    return found


def _matches(text: Value, pattern: Value) -> Value:
    found = _MATCHERS.get(pattern) if type(pattern) is str else None
    if found is not None and found[2] is not None and type(text) is str:
        return text in found[2]  # ^(a|b|…)$: the whole text is one of the words
    return _first_match(_text(pattern, "matches"), _text(text, "matches")) is not None


def _search(text: Value, pattern: Value) -> Value:
    m = _first_match(_text(pattern, "search"), _text(text, "search"))
    return _group(m, 0) if m else None


def _capture(text: Value, pattern: Value, group: Value = 1) -> Value:
    m = _first_match(_text(pattern, "capture"), _text(text, "capture"))
    if m is None:
        return None
    try:
        return _group(m, group if isinstance(group, str) else int(group))
    except IndexError as exc:  # a missing group number or name
        raise EvaluationError(f"capture(): the pattern has no group {group!r}") from exc


MAX_MATCHES = 200_000  # find_all: each match is a small object; more is an attack, not a report


def _bounded(matches: Any) -> Any:
    for count, m in enumerate(matches):
        if count >= MAX_MATCHES:
            raise BudgetExceededError(f"evaluation budget exceeded: find_all() found more than {MAX_MATCHES:,} "
                                      "matches")
        yield m


def _find_all(text: Value, pattern: Value) -> Value:
    # Statement patterns are tried on every clause of a report: the known pattern and a string
    # text cost one look-up and one type test here.
    found = _MATCHERS.get(pattern) if type(pattern) is str else None
    regex, may, _ = found if found is not None else _matcher(_text(pattern, "find_all"))
    source = text if type(text) is str else _text(text, "find_all")
    out: list[dict[str, Any]] = []
    if may is not None and not may(source):
        return out
    if not never_empty(pattern):  # an empty match is stepped over one character at a time: str
        return [{"match": m.group(0), "groups": [g if g is not None else "" for g in m.groups()],
                 "start": m.start()} for m in _bounded(regex.finditer(source))]
    encoded = utf8(source)
    at_byte = at_char = 0  # offsets mapped back to characters as the matches advance: one pass
    for m in _bounded(regex.finditer(encoded)):
        start = m.start()
        at_char += len(encoded[at_byte:start].decode())
        at_byte = start
        out.append({"match": m.group(0).decode(),
                    "groups": [g.decode() if g is not None else "" for g in m.groups()], "start": at_char})
    return out


_PLANS: dict[tuple[str, str], tuple[Any, Any, dict[int, str] | None, bool]] = {}


def _plan(pattern: str, literal: str) -> tuple[Any, Any, dict[int, str] | None, bool]:
    """How ``replace`` does (pattern, literal): (regex, needle test, translate table or None,
    anchored at the start), worked out once (labels are keyed by the same few replacements)."""
    regex, may, _ = _matcher(pattern)
    plan = (regex, may, translation(pattern, literal), anchored(pattern))
    if len(_PLANS) < 4096:
        _PLANS[(pattern, literal)] = plan
    return plan


def _replace(text: Value, pattern: Value, replacement: Value) -> Value:
    # The replacement is literal. Given as a function: RE2's string replacement mangles
    # non-ASCII text ("。" came out as three Latin-1 characters).
    literal = replacement if type(replacement) is str else _text(replacement, "replace")
    source = text if type(text) is str else _text(text, "replace")
    plan = _PLANS.get((pattern, literal)) if type(pattern) is str else None
    if plan is None:
        plan = _plan(_text(pattern, "replace"), literal)  # refused patterns are refused whatever the text
    regex, may, table, at_start = plan
    if table is not None:  # a class of characters, each replaced by at most one: no regex needed
        return source.translate(table)
    if may is not None and not may(source):
        return source
    if at_start:  # one match at most, at the start: a search and a slice
        encoded = utf8(source)
        m = search(regex, encoded)
        if m is None:
            return source
        if len(literal) + len(source) > MAX_VALUE_SIZE:
            raise BudgetExceededError(f"evaluation budget exceeded: replace() would build more than "
                                      f"{MAX_VALUE_SIZE:,} characters")
        return literal + encoded[m.end():].decode()
    added = [0]
    replacement_bytes = literal.encode()

    def substitute(_m: Any) -> bytes:  # the result is bounded while it is built (replace(x, "", x))
        added[0] += len(literal)
        if added[0] + len(source) > MAX_VALUE_SIZE:
            raise BudgetExceededError(f"evaluation budget exceeded: replace() would build more than "
                                      f"{MAX_VALUE_SIZE:,} characters")
        return replacement_bytes

    if not never_empty(pattern):  # an empty match is stepped over one character at a time: str
        return regex.sub(lambda m: substitute(m).decode(), source)
    result: bytes = regex.sub(substitute, utf8(source))
    return result.decode()


# Whitespace as ``\s`` of Python's ``re`` matches it (``str.isspace``): what ``str.split`` splits
# at, so ``normalize`` deletes exactly these.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # every str.isspace() character (a test checks)


def _normalize(text: Value) -> Value:
    # NFKC folds full-width digits, letters and brackets to ASCII (（一） → (一), ２０２３ → 2023);
    # whitespace (WHITESPACE, including NBSP and the ideographic space) is then removed, so
    # "2023 年 1 月" and "2023年1月" read the same; traditional label characters become simplified.
    # Each step is a C loop (compliance.nfkc, str.split, hanzi.to_simplified's scan).
    return to_simplified("".join(nfkc(_text(text, "normalize")).split()))


def _number(x: Value) -> Value:
    if is_number(x):
        return x
    s = _normalize(_text(x, "number")).replace(",", "")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", s):
        return None
    try:
        return normalize_number(Decimal(s)) if "." in s else int(s)
    except InvalidOperation:
        return None


def _is_integer(x: Value) -> Value:
    return (isinstance(x, int) and not isinstance(x, bool)) or (
        isinstance(x, Decimal) and x.is_finite() and x == x.to_integral_value())


def _date(y: Value, m: Value, d: Value) -> Value:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError) as exc:
        raise EvaluationError(f"date({y}, {m}, {d}) is not a calendar date") from exc


def _date_part(index: int, fname: str) -> Any:
    def impl(text: Value) -> Value:
        try:
            parsed = date.fromisoformat(_text(text, fname))
        except ValueError as exc:
            raise EvaluationError(f"{fname}() needs a date like 2023-12-31, got {text!r}") from exc
        return (parsed.year, parsed.month, parsed.day)[index]
    return impl


def _range(start: Value, stop: Value) -> Value:
    if not is_number(start) or not is_number(stop):
        raise EvaluationError("range() needs whole numbers")
    a, b = int(start), int(stop)
    if b - a > MAX_RANGE:
        raise EvaluationError(f"range() is limited to {MAX_RANGE} items")
    return list(range(a, b))


def _keys(x: Value) -> Value:
    if not isinstance(x, Mapping):
        raise EvaluationError(f"keys() needs an object, got a {type_name(x)}")
    return list(x.keys())


def _values(x: Value) -> Value:
    if not isinstance(x, Mapping):
        raise EvaluationError(f"values() needs an object, got a {type_name(x)}")
    return list(x.values())


def _list(x: Value, fname: str) -> list[Any]:
    if type(x) is list:
        return list(x)
    if isinstance(x, Mapping):
        return list(x.values())
    if not isinstance(x, list | tuple):
        raise EvaluationError(f"{fname}() needs a list, got a {type_name(x)}")
    return list(x)


def _first(x: Value) -> Value:
    items = _list(x, "first")
    return items[0] if items else None


def _last(x: Value) -> Value:
    items = _list(x, "last")
    return items[-1] if items else None


def _unique(x: Value) -> Value:
    out: list[Any] = []
    for item in _list(x, "unique"):
        if not any(equals(item, seen) for seen in out):
            out.append(item)
    return out


def _sorted(x: Value) -> Value:
    items = _list(x, "sorted")
    if all(is_number(i) for i in items) or all(isinstance(i, str) for i in items):
        return sorted(items)
    raise EvaluationError("sorted() needs a list of numbers or a list of strings")


def _index_of(x: Value, item: Value) -> Value:
    if x is None:  # null_in_null_out is off so that null can be looked for; a null list gives null
        return None
    for i, candidate in enumerate(_list(x, "index_of")):
        if equals(candidate, item):
            return i
    return None


def _join(x: Value, sep: Value) -> Value:
    return _text(sep, "join").join(render(i) for i in _list(x, "join"))


def _split(text: Value, sep: Value) -> Value:
    return _text(text, "split").split(_text(sep, "split"))


def _startswith(text: Value, prefix: Value) -> Value:
    return _text(text, "startswith").startswith(_text(prefix, "startswith"))


def _endswith(text: Value, suffix: Value) -> Value:
    return _text(text, "endswith").endswith(_text(suffix, "endswith"))


def _exists(x: Value) -> Value:
    return x is not None


def _flatten(x: Value) -> Value:
    out: list[Any] = []
    for item in _list(x, "flatten"):
        if type(item) is list:
            out.extend(item)
        elif isinstance(item, list | tuple):
            out.extend(_list(item, "flatten"))
        else:
            out.append(item)
    return out


def _same_as_first(args: list[Type]) -> Type:
    return args[0] if args else ANY


def _element_list(args: list[Type]) -> Type:
    return ListType(element_type(args[0])) if args else ListType(ANY)


def _element(args: list[Type]) -> Type:
    return element_type(args[0]) if args else ANY


def _fn(name: str, impl: Any, params: tuple[str, ...], returns: Any, summary: str, example: str,
        **kw: Any) -> Function:
    return Function(name, impl, params, returns, summary=summary, example=example, **kw)


BUILTINS = FunctionRegistry({f.name: f for f in (
    _fn("sum", _sum, ("collection",), NUMBER, "Sum of the numbers in a list (nulls skipped; empty is 0).",
        "sum([1, 2, null]) == 3"),
    _fn("count", _count, ("collection",), NUMBER, "Number of non-null items.", "count([1, null, 3]) == 2"),
    _fn("len", _len, ("string|list|object",), NUMBER, "Length of a string, list or object.",
        'len("总体情况") == 4'),
    _fn("min", _extreme("min", min), ("any",), NUMBER, "Smallest number of a list or of the arguments.",
        "min(3, 1, 2) == 1", variadic=True),
    _fn("max", _extreme("max", max), ("any",), NUMBER, "Largest number of a list or of the arguments.",
        "max([3, 1, 2]) == 3", variadic=True),
    _fn("abs", _abs, ("number",), NUMBER, "Absolute value.", "abs(-2) == 2"),
    _fn("round", _round, ("number", "number"), NUMBER, "Round half-even to a number of decimal places.",
        "round(1.25, 1) == 1.2", optional=1),
    _fn("exists", _exists, ("any",), BOOL, "True when the value is present (not null).",
        "exists(1) and not exists(null)", null_in_null_out=False),
    _fn("contains", _contains, ("string|list|object", "any"), BOOL,
        "Substring, list item or object key.", 'contains("信息处理费", "处理费")'),
    _fn("matches", _matches, ("string", "string"), BOOL, "True when the regular expression matches somewhere.",
        r'matches("统计期限从2023年", "\d{4}年")', patterns=(1,)),
    _fn("search", _search, ("string", "string"), STRING, "The first match of a regular expression, or null.",
        r'search("共收到申请11件", "\d+件") == "11件"', patterns=(1,)),
    _fn("capture", _capture, ("string", "string", "any"), STRING,
        "A group (default 1) of the first match, or null.", r'capture("申请11件", "申请(\d+)件") == "11"',
        optional=1, patterns=(1,)),
    _fn("find_all", _find_all, ("string", "string"), ListType(MATCH_TYPE),
        "Every match, as objects {match, groups, start}.", r'len(find_all("1件 2件", "(\d)件")) == 2', patterns=(1,)),
    _fn("replace", _replace, ("string", "string", "string"), STRING,
        "Replace every match of a regular expression.", 'replace("a-b", "-", "+") == "a+b"', patterns=(1,)),
    _fn("normalize", _normalize, ("string",), STRING,
        "Fold full-width characters to ASCII (NFKC) and traditional label characters to simplified; drop whitespace.",
        'normalize("（一） ２０２３ 年") == "(一)2023年"'),
    _fn("number", _number, ("string|number",), NUMBER, "Read a number from text (full-width allowed), or null.",
        'number("１,２00") == 1200'),
    _fn("is_integer", _is_integer, ("any",), BOOL, "True for a whole number.", "is_integer(3) and not is_integer(2.5)"),
    _fn("startswith", _startswith, ("string", "string"), BOOL, "Prefix test.", 'startswith("一、总体情况", "一、")'),
    _fn("endswith", _endswith, ("string", "string"), BOOL, "Suffix test.", 'endswith("某某人民政府", "人民政府")'),
    _fn("date", _date, ("number", "number", "number"), STRING, "An ISO date string from year, month, day.",
        'date(2024, 1, 31) == "2024-01-31"'),
    _fn("year", _date_part(0, "year"), ("string",), NUMBER, "The year of an ISO date.", 'year("2024-01-31") == 2024'),
    _fn("month", _date_part(1, "month"), ("string",), NUMBER, "The month of an ISO date.",
        'month("2024-01-31") == 1'),
    _fn("day", _date_part(2, "day"), ("string",), NUMBER, "The day of an ISO date.", 'day("2024-01-31") == 31'),
    _fn("range", _range, ("number", "number"), ListType(NUMBER), "Whole numbers from start up to (not incl.) stop.",
        "range(1, 4) == [1, 2, 3]"),
    _fn("keys", _keys, ("object",), ListType(STRING), "The keys of an object, in order.",
        r'keys(first(find_all("a1", "a(\d)"))) == ["match", "groups", "start"]'),
    _fn("values", _values, ("object",), _element_list, "The values of an object, in order.",
        r'len(values(first(find_all("a1", "a(\d)")))) == 3'),
    _fn("first", _first, ("collection",), _element, "The first item, or null.", "first([4, 5]) == 4"),
    _fn("last", _last, ("collection",), _element, "The last item, or null.", "last([4, 5]) == 5"),
    _fn("unique", _unique, ("collection",), _element_list, "Items without repeats, first occurrence kept.",
        "unique([1, 1, 2]) == [1, 2]"),
    _fn("sorted", _sorted, ("collection",), _element_list, "Numbers or strings in ascending order.",
        "sorted([3, 1, 2]) == [1, 2, 3]"),
    _fn("index_of", _index_of, ("collection", "any"), NUMBER, "Position of the first equal item, or null.",
        "index_of([5, 6], 6) == 1", null_in_null_out=False),
    _fn("flatten", _flatten, ("collection",), ListType(ANY), "Concatenate a list of lists.",
        "flatten([[1], [2, 3]]) == [1, 2, 3]"),
    _fn("join", _join, ("collection", "string"), STRING, "Join items as text with a separator.",
        'join([1, 2], "+") == "1+2"'),
    _fn("split", _split, ("string", "string"), ListType(STRING), "Split text at a separator.",
        'split("a、b", "、") == ["a", "b"]'),
    _fn("type_of", type_name, ("any",), STRING, "The type name of a value.", 'type_of(1) == "number"',
        null_in_null_out=False),
    _fn("text", render, ("any",), STRING, "A value as text.", 'text(2.50) == "2.50"'),
)})

"""What a rule's regular expression lets the engine skip: two analyses of the pattern, made once.

Rule-authored patterns run on RE2 (linear time whatever the pattern), whose Python layer costs
several microseconds per call (the text is encoded to UTF-8 and offsets converted back). Two
classes of pattern are common in packs and need no regex engine for much of their work:

- **Needles.** What every match must contain, as sets of literal strings of which at least one
  appears (``现行有效(?:的)?规范性文件(\\d+)(?:件|个)`` needs ``现行有效``, ``规范性文件`` and one
  of ``件``/``个``; ``累计|历年|先后共`` needs one of its three words). When a set has no member
  in the text, there is no match: ``str`` searches (linear) answer without RE2. Most clauses of a
  report contain none of a statement pattern's words, so most calls end there (``may_match``).
- **Character sets.** A pattern that is one class of listed characters (``[、,;:"'()]``) replaces
  character by character: ``replace`` with it is ``str.translate`` (linear, no regex).

The pattern is read with Python's own regex parser, which accepts RE2's syntax where the two
agree; where they may not (POSIX classes ``[[:alpha:]]``, flags such as ``(?i)``, any syntax
Python rejects), no analysis is made and RE2 does all the work, so a result is never changed
(``tests/lang/test_patterns.py`` checks needles against RE2's own matches).
"""

from __future__ import annotations

import functools
import re
from typing import Any

try:  # Python 3.11+: the parser is re._parser (sre_parse is its deprecated alias)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons are not supported, but fail safe
    _sre_parse = None
    _c = None

MAX_SET = 512  # characters in a class read as a translate table


@functools.lru_cache(maxsize=1024)
def _parse(pattern: str) -> Any:  # one parse for every analysis of a pattern (they only read it)
    if _sre_parse is None or "[:" in pattern or "\\Q" in pattern:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # syntax Python does not share with RE2 (or not at all): no analysis
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return parsed


MAX_CHOICES = 16  # strings in one set of needles (each is a substring search of the text)


def _requirements(items: Any) -> list[frozenset[str]]:
    """Sets of strings, each with a member in every match of ``items`` (a parsed sequence)."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    def walk(seq: Any) -> None:
        for op, arg in seq:
            if op == _c.LITERAL:
                run.append(chr(arg))
                continue
            if op == _c.SUBPATTERN and not arg[1] and not arg[2]:  # a group matches its content once
                walk(arg[3])
                continue
            close()  # repeats, alternatives, classes, anchors: the run of literals ends here
            if op == _c.IN and 0 < len(arg) <= MAX_CHOICES and all(kind == _c.LITERAL for kind, _ in arg):
                found.append(frozenset(chr(value) for _, value in arg))  # one of these characters
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:  # at least once: its needs hold
                found.extend(_requirements(arg[2]))
            elif op == _c.BRANCH:  # one of the alternatives: one need of each, pooled
                choice: set[str] = set()
                for alternative in arg[1]:
                    needs = _requirements(alternative)
                    if not needs:
                        break  # an alternative that needs nothing: the whole needs nothing
                    choice |= max(needs, key=lambda need: (min(map(len, need)), -len(need)))
                else:
                    if len(choice) <= MAX_CHOICES:
                        found.append(frozenset(choice))
    walk(items)
    close()
    return found


@functools.lru_cache(maxsize=1024)
def requirements(pattern: str) -> tuple[tuple[str, ...], ...]:
    """What every match of ``pattern`` contains: for each tuple, at least one of its strings (the
    longest single strings first, so a failing test comes early). Empty: nothing is known."""
    parsed = _parse(pattern)
    if parsed is None:
        return ()
    needs = {tuple(sorted(need, key=lambda x: (-len(x), x))) for need in _requirements(parsed)}
    return tuple(sorted(needs, key=lambda need: (-min(map(len, need)), len(need), need)))


def needles(pattern: str) -> tuple[str, ...]:
    """The literal strings that every match of ``pattern`` contains (the one-string requirements)."""
    return tuple(need[0] for need in requirements(pattern) if len(need) == 1)


def may_match(pattern: str, text: str) -> bool:
    """False when ``text`` cannot hold a match of ``pattern`` (a requirement has no member in it);
    True means only that RE2 must be asked."""
    test = tester(pattern)
    return True if test is None else test(text)


def _first(items: Any) -> tuple[frozenset[str] | None, bool]:
    """(the characters a match of ``items`` can start with, whether it can match empty); None: any
    character (a class of categories, ``.``, a negation…)."""
    chars: set[str] = set()
    for op, arg in items:
        found, nullable = _first_of(op, arg)
        if found is None:
            return None, False
        chars |= found
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_of(op: Any, arg: Any) -> tuple[frozenset[str] | None, bool]:
    if op == _c.LITERAL:
        return frozenset(chr(arg)), False
    if op == _c.IN:
        chars = char_set_of(arg)
        return chars, False
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        found, nullable = _first(arg[2])
        return found, nullable or arg[0] == 0
    if op == _c.SUBPATTERN:
        return _first(arg[3]) if not arg[1] and not arg[2] else (None, False)
    if op == _c.BRANCH:
        union: set[str] = set()
        empty = False
        for alternative in arg[1]:
            found, nullable = _first(alternative)
            if found is None:
                return None, False
            union |= found
            empty = empty or nullable
        return frozenset(union), empty
    if op == _c.AT:  # zero-width: what follows decides (an over-approximation, never too small)
        return frozenset(), True
    return None, False


def _nullable(items: Any) -> bool:
    """Whether the parsed sequence ``items`` can match the empty string (True when unsure)."""
    return all(_item_nullable(op, arg) for op, arg in items)


def _item_nullable(op: Any, arg: Any) -> bool:
    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY, _c.CATEGORY):
        return False
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return arg[0] == 0 or _nullable(arg[2])
    if op == _c.SUBPATTERN:
        return _nullable(arg[3])
    if op == _c.BRANCH:
        return any(_nullable(alternative) for alternative in arg[1])
    return True  # anchors, look-arounds and anything else: zero-width, or unknown (the safe answer)


@functools.lru_cache(maxsize=1024)
def never_empty(pattern: str) -> bool:
    """True when no match of ``pattern`` is empty: iterating its matches over UTF-8 bytes then never
    has to step past an empty match (which RE2's Python layer does one byte at a time, inside a
    character)."""
    parsed = _parse(pattern)
    return parsed is not None and not _nullable(parsed)


@functools.lru_cache(maxsize=1024)
def exact_set(pattern: str) -> frozenset[str] | None:
    """The words of a pattern that matches a whole text equal to one of them (``^(|/|-|无)$``,
    ``^(?:是|否)$``): ``^`` and ``$`` (RE2: start and end of the text; no multi-line flag) around
    literal alternatives, so ``matches`` is a set look-up. None for anything else."""
    parsed = _parse(pattern)
    if parsed is None or parsed.state.flags & re.MULTILINE or len(parsed) < 2 \
            or parsed[0] != (_c.AT, _c.AT_BEGINNING) or parsed[-1] != (_c.AT, _c.AT_END):
        return None
    return _words(list(parsed)[1:-1])


def _words(items: Any) -> frozenset[str] | None:
    """The strings a parsed sequence of literals, groups and alternatives of them matches."""
    out = {""}
    for op, arg in items:
        if op == _c.LITERAL:
            choices: frozenset[str] | None = frozenset(chr(arg))
        elif op == _c.SUBPATTERN and not arg[1] and not arg[2]:
            choices = _words(arg[3])
        elif op == _c.BRANCH:
            found = [_words(alternative) for alternative in arg[1]]
            choices = None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]
        elif op == _c.IN:
            choices = char_set_of(arg)
        else:
            return None
        if choices is None or len(out) * len(choices) > MAX_SET:
            return None
        out = {a + b for a in out for b in choices}
    return frozenset(out)


@functools.lru_cache(maxsize=1024)
def anchored(pattern: str) -> bool:
    """True when every match of ``pattern`` starts at the start of the text (``^…`` without the
    multi-line flag, as RE2 and Python both read it): it matches once at most, so ``replace`` is
    one search and a slice instead of RE2's substitution loop."""
    parsed = _parse(pattern)
    return parsed is not None and not parsed.state.flags & re.MULTILINE and bool(len(parsed)) \
        and parsed[0] == (_c.AT, _c.AT_BEGINNING)


@functools.lru_cache(maxsize=1024)
def first_chars(pattern: str) -> frozenset[str] | None:
    """For a pattern anchored at the start of the text (``^…``, no multi-line flag) that cannot match
    the empty string, the characters its match can start with, so a text starting with another
    cannot match (``^\\(?[一二三]+[)、]`` and a label "行政许可"); None otherwise."""
    if not anchored(pattern):
        return None
    found, nullable = _first(list(_parse(pattern))[1:])
    return None if found is None or nullable or len(found) > MAX_SET else found


def needle_test(pattern: str, var: str = "t", first_name: str = "_first") -> tuple[str, frozenset[str] | None] | None:
    """``may_match`` for one pattern as Python source testing the variable ``var`` (a string),
    with the set the source names ``first_name`` (None when it names none); None when every text
    may match. One expression of ``in`` tests, the strings written with ``repr()``: no pattern
    text becomes code. ``var`` and ``first_name`` are identifiers the caller made up (``tester``;
    generated code writes the test in place, ``lang.inline``)."""
    needs = requirements(pattern)
    first = first_chars(pattern)
    if not needs and first is None:
        return None
    terms = [" or ".join(f"{choice!r} in {var}" for choice in need) for need in needs]
    tests = [f"({term})" if len(need) > 1 else term for term, need in zip(terms, needs, strict=True)]
    if first is not None:  # the anchored start first: one slice and one set look-up
        if len(first) <= 3:
            tests.insert(0, f"{var}[:1] in {sorted(first)!r}")
            first = None
        else:
            tests.insert(0, f"{var}[:1] in {first_name}")
    return " and ".join(tests), first


@functools.lru_cache(maxsize=1024)
def tester(pattern: str) -> Any:
    """``may_match`` for one pattern as a function of the text alone (None: every text may match),
    compiled once per pattern from ``needle_test``. Rules try a statement pattern on every clause
    of a report, so this runs ~2,000 times per report; one call and a few ``in`` tests is its
    whole cost."""
    found = needle_test(pattern)
    if found is None:
        return None
    source, first = found
    return eval(compile("lambda t: " + source, "<pattern needles>", "eval"),
                {"__builtins__": {}, "_first": first})


@functools.lru_cache(maxsize=1024)
def char_set(pattern: str) -> frozenset[str] | None:
    """The characters of a pattern that is exactly one class of listed characters and small
    ranges (``[、,;:]``, ``[0-9]``), else None (negated classes, ``\\d``-style categories…)."""
    parsed = _parse(pattern)
    if parsed is None or len(parsed) != 1:
        return None
    op, arg = parsed[0]
    if op == _c.LITERAL:
        return frozenset(chr(arg))
    if op != _c.IN:
        return None
    return char_set_of(arg)


def char_set_of(arg: Any) -> frozenset[str] | None:
    """The characters of a parsed class (``IN``) of listed characters and small ranges, else None."""
    chars: set[str] = set()
    for kind, value in arg:
        if kind == _c.LITERAL:
            chars.add(chr(value))
        elif kind == _c.RANGE and value[1] - value[0] < MAX_SET:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
        if len(chars) > MAX_SET:
            return None
    return frozenset(chars)


@functools.lru_cache(maxsize=256)
def translation(pattern: str, replacement: str) -> dict[int, str] | None:
    """The ``str.translate`` table that does ``replace(text, pattern, replacement)`` when the
    pattern is a character set (``char_set``) and the replacement at most one character (so the
    text cannot grow), else None."""
    chars = char_set(pattern)
    if chars is None or len(replacement) > 1:
        return None
    return {ord(c): replacement for c in chars}

"""What a rule's regular expression lets the engine skip: two analyses of the pattern, made once.

Rule-authored patterns run on RE2 (linear time whatever the pattern), whose Python layer costs
several microseconds per call (the text is encoded to UTF-8 and offsets converted back). Two
classes of pattern are common in packs and need no regex engine for much of their work:

- **Needles.** Literal strings every match must contain (``现行有效(?:的)?规范性文件(\\d+)件``
  needs ``现行有效``, ``规范性文件`` and ``件``). When one is not in the text, there is no match:
  a ``str`` search (linear) answers without RE2. Most clauses of a report contain none of a
  statement pattern's words, so most calls end there.
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


def _parse(pattern: str) -> Any:
    if _sre_parse is None or "[:" in pattern or "\\Q" in pattern:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # syntax Python does not share with RE2 (or not at all): no analysis
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return parsed


@functools.lru_cache(maxsize=1024)
def needles(pattern: str) -> tuple[str, ...]:
    """Literal strings that every match of ``pattern`` contains (possibly none)."""
    parsed = _parse(pattern)
    if parsed is None:
        return ()
    found: list[str] = []
    run: list[str] = []

    def close() -> None:
        if run:
            found.append("".join(run))
            run.clear()

    def walk(items: Any) -> None:
        for op, arg in items:
            if op == _c.LITERAL:
                run.append(chr(arg))
            elif op == _c.SUBPATTERN and not arg[1] and not arg[2]:  # a group matches its content once
                walk(arg[3])
            else:  # repeats, alternatives, classes, anchors: the run of literals ends here
                close()
    walk(parsed)
    close()
    return tuple(sorted(set(found), key=len, reverse=True))


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

"""Output that cannot be hijacked or broken by what a document or a file name contains.

Strings in results come from untrusted documents and file names. Two things must never reach
an output raw:

- **Control characters** (ESC sequences, carriage returns, newlines inside a name, NUL…): on a
  terminal they rewrite the screen or forge lines, and most of them make XML (JUnit) invalid.
  ``printable`` shows each as a visible escape (``\\x1b``, ``\\n``, ``\\u202e`` for bidi
  overrides). Text, CSV, Markdown, HTML and JUnit reporters escape every string of the results
  this way (``@escaped``); JSON and SARIF keep the data exact (JSON escapes controls itself).
- **Lone surrogates** (``"\\ud800"`` from a JSON model, or a file name that is not UTF-8): no
  encoder can write them, so one of them used to turn the whole batch's output into 0 bytes.
  Every reporter's output passes through ``encodable``, which writes each as the text
  ``\\udxxx`` — in JSON that is the same escape the input used, so nothing is lost.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls except tab, DEL, lone surrogates, and the bidi overrides/isolates that can
# reorder what a terminal or browser shows.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")

F = TypeVar("F", bound=Callable[..., str])


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters, bidi overrides and lone surrogates as visible escapes."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def encodable(text: str) -> str:
    """``text`` with any lone surrogate written as ``\\udxxx`` (so it encodes as UTF-8)."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def escape_strings(value: Any) -> Any:
    """``value`` (results, a report result, their parts) with every string ``printable``.

    Objects with nothing to escape are returned as they are (no copy).
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple | list):
        items = [escape_strings(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, Mapping):
        pairs = [(escape_strings(k), escape_strings(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = escape_strings(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


_INSIDE = threading.local()  # set while an ``escaped`` method runs: its arguments are escaped already


def escaped(method: F) -> F:
    """A reporter method whose results (any argument) have their strings ``printable``, and whose
    output is ``encodable``. A call from inside another escaped method (``render`` calling
    ``report`` for each report) passes its arguments through: they were escaped once, on entry."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> str:
        if getattr(_INSIDE, "active", False):
            return method(self, *args, **kwargs)
        _INSIDE.active = True
        try:
            return encodable(method(self, *(escape_strings(a) for a in args), **kwargs))
        finally:
            _INSIDE.active = False

    return wrapper  # type: ignore[return-value]


def exact(method: F) -> F:
    """A reporter method (JSON, SARIF) whose output is only made ``encodable``: data stays exact."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> str:
        return encodable(method(self, *args, **kwargs))

    return wrapper  # type: ignore[return-value]

"""``JsonModelReader``: a report model written as JSON (by ``compliance extract`` or by hand).

A JSON file is untrusted input, so parsing is bounded before anything else looks at it
(readers/limits.py, docs/security.md): a number literal longer than ``MAX_JSON_NUMBER_CHARS``
or with more than ``MAX_NUMBER_DIGITS`` places either side of the point (``1e-999999999`` would
print as a billion digits, ``1e999999999`` as Infinity further on) and nesting deeper than
``MAX_JSON_DEPTH`` are refused. A string with a lone surrogate (``"\\ud800"``) is valid JSON but
no output format can write it, so the model is refused here (``ReportModelError``), and only
that input fails, never the batch's output.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from compliance.errors import DocumentError, LimitExceededError, ReportModelError
from compliance.model.report import Report, validate_model
from compliance.readers.lazy_re import lazy
from compliance.readers.limits import MAX_JSON_DEPTH, MAX_JSON_NUMBER_CHARS, MAX_NUMBER_DIGITS
from compliance.source import SourceRef

_SURROGATE = lazy("[\ud800-\udfff]")


def _number(text: str) -> None:
    if len(text) > MAX_JSON_NUMBER_CHARS:
        raise LimitExceededError(f"a number of {len(text):,} characters ({text[:20]}…); the limit is "
                                 f"{MAX_JSON_NUMBER_CHARS}")


def _int(text: str) -> int:
    _number(text)
    return int(text)


def _decimal(text: str) -> Decimal:
    _number(text)
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the JSON scanner only passes numbers
        raise ValueError(f"not a number: {text}") from None
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    if value and (abs(value.adjusted()) > MAX_NUMBER_DIGITS or places > MAX_NUMBER_DIGITS):
        raise LimitExceededError(f"the number {text} is out of range: at most {MAX_NUMBER_DIGITS} digits "
                                 "either side of the decimal point")
    return value


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads_bounded(text: str) -> Any:
    """Parse a report model's JSON text with exact numbers, within the bounds above.

    Raises:
        LimitExceededError: a number or the nesting is beyond its bound.
        ValueError: not JSON.
    """
    try:
        return json.loads(text, parse_float=_decimal, parse_int=_int, parse_constant=_constant)
    except RecursionError:
        raise LimitExceededError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None


def check_tree(data: Any) -> None:
    """Refuse nesting beyond ``MAX_JSON_DEPTH`` (``LimitExceededError``) and strings with a lone
    surrogate (``ReportModelError``, naming the JSON path)."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, pointer, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise LimitExceededError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep (at {pointer})")
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                raise ReportModelError(f"not a valid report model: at {pointer or '/'}: a lone surrogate "
                                       f"\\u{ord(found.group()):04x} is not a character; no output can hold it")
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{pointer}/{key}"
                if _SURROGATE.search(key):
                    stack.append((key, child, depth + 1))
                stack.append((item, child, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(value))


class JsonModelReader:
    """Reads a report model from JSON and validates it against ``report.schema.json``."""

    name = "json"
    suffixes: tuple[str, ...] = (".json",)

    def sniff(self, data: bytes) -> bool:
        """A JSON object: the first non-blank character (after a BOM) is ``{``."""
        head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
        return head.startswith(b"{")

    def read(self, data: bytes, *, uri: str) -> Report:
        """Parse and validate; errors name the JSON path of the first problem."""
        source = SourceRef(uri)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"a report model must be UTF-8 JSON: {exc.reason} at byte {exc.start}", source=source
            ) from exc
        try:
            model = loads_bounded(text)
            check_tree(model)
        except (LimitExceededError, ReportModelError) as exc:
            exc.source = source
            raise
        except ValueError as exc:
            raise DocumentError(f"not valid JSON: {exc}", source=source) from exc
        validate_model(model, source=source)
        return Report(model, source)

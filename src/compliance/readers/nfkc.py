"""NFKC for report text: the same result as ``unicodedata.normalize("NFKC", text)``, faster on the
text reports are made of.

Why: ``readers.metadata`` folds the introduction and section 一 (NFKC, no whitespace) to find the
year, the period, the agency and the level; NFKC of a 1,400-character section took 0.1–0.15 ms,
a tenth of reading the seed. Report prose is CJK ideographs, ASCII, CJK punctuation and full-width
forms. Each of those characters is *safe*: it is not a combining mark, and no canonical
composition joins two safe characters; an ideograph, ASCII and most CJK punctuation are their own
NFKC, and a full-width form (，（）：；１Ａ, the ideographic space) maps to ASCII. So for a text of
safe characters only, NFKC is character by character: each mapped character replaced by its
image (``str.replace`` per distinct character, in C). Any other character (a combining mark, a
compatibility character such as ① or ﬁ, Hangul, Latin letters with accents, a half-width katakana)
sends the whole text to ``unicodedata``. ``tests/readers/test_one_pass.py`` checks the premises
over every code point and the result against ``unicodedata`` on random text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["nfkc"]

# Ranges whose safe characters are found by asking unicodedata, once (≈ 520 characters): Latin-1, general
# punctuation, CJK symbols and punctuation, half-width and full-width forms.
_SMALL_RANGES = ((0x00A0, 0x00FF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))


@functools.cache
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(any unsafe character, any mapped character, mapped character → its ASCII image)."""
    same: list[str] = []
    mapped: dict[str, str] = {}
    for first, last in _SMALL_RANGES:
        for point in range(first, last + 1):
            char = chr(point)
            if unicodedata.combining(char) or unicodedata.category(char) == "Cn":
                continue
            image = unicodedata.normalize("NFKC", char)
            if image == char:
                same.append(char)
            elif image.isascii():
                mapped[char] = image
    # ASCII and the CJK Unified Ideographs (U+4E00–U+9FFF) are their own NFKC and compose with nothing.
    safe = [(0x00, 0x7F), (0x4E00, 0x9FFF), *_runs(sorted(ord(char) for char in same + list(mapped)))]
    unsafe = re.compile("[^" + "".join(_span(first, last) for first, last in safe) + "]")
    any_mapped = re.compile("[" + "".join(_span(first, last) for first, last in _runs(sorted(map(ord, mapped)))) + "]")
    return unsafe, any_mapped, mapped


def _runs(points: list[int]) -> list[tuple[int, int]]:
    """Consecutive code points as (first, last) ranges: a short character class compiles fast."""
    out: list[tuple[int, int]] = []
    for point in points:
        if out and out[-1][1] == point - 1:
            out[-1] = (out[-1][0], point)
        else:
            out.append((point, point))
    return out


def _span(first: int, last: int) -> str:
    return re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}"


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``."""
    if text.isascii():
        return text
    unsafe, any_mapped, mapped = _tables()
    if unsafe.search(text):
        return unicodedata.normalize("NFKC", text)
    for char in set(any_mapped.findall(text)):
        text = text.replace(char, mapped[char])
    return text

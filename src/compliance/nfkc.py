"""NFKC for report text: the same result as ``unicodedata.normalize("NFKC", text)``, faster on the
text reports are made of.

Why: ``readers.metadata`` folds the introduction and section 一 (NFKC, no whitespace) to find the
year, the period, the agency and the level; NFKC of a 1,400-character section took 0.1–0.15 ms,
a tenth of reading the seed; the language's ``normalize()`` folds a report's whole text the same
way (this module sits beside ``hanzi.py`` so that both may use it). Nearly all NFKC changes in a
report is full-width ASCII (，（）：；１Ａ) and the ideographic space, whose NFKC is one ASCII
character. So the full-width characters present are replaced by their ASCII images
(``str.replace``, in C), and if the result is already NFKC (``unicodedata.is_normalized``: a quick
check in C) it is the answer; otherwise the text goes to ``unicodedata.normalize``.

Why that is exact: a character whose NFKC is ASCII has that ASCII as its full compatibility
decomposition too (composition never yields ASCII), so replacing it leaves the text's NFKD, and
therefore its NFKC, unchanged; a text that is its own NFKC is the NFKC of the original.
``tests/readers/test_one_pass.py`` checks every replacement against ``unicodedata`` and compares
the two on random text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfkc"]

_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")  # the ideographic space and full-width ASCII variants


def image(char: str) -> str:
    """The ASCII a full-width character (or the ideographic space) stands for."""
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``."""
    if text.isascii():
        return text
    mapped = text
    for char in set(_FULL_WIDTH.findall(text)):
        mapped = mapped.replace(char, image(char))
    if unicodedata.is_normalized("NFKC", mapped):
        return mapped
    return unicodedata.normalize("NFKC", text)

"""Bytes → text for every text-based input, with the encoding found from the content.

Order: a byte-order mark (UTF-8, UTF-16); for HTML, the charset a ``<meta>`` declares (GBK and
GB2312 are read as their superset GB18030); then UTF-8; then GB18030. Empty and binary input is a
``DocumentError`` with a one-line reason.
"""

from __future__ import annotations

import codecs
import re

from compliance.errors import DocumentError
from compliance.readers.labels import clean
from compliance.source import SourceRef

# Control characters other than tab, newline, form feed and vertical tab (Unicode category Cc).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\r]")
_CONTROL_SHARE = 0.05
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def meta_charset(data: bytes) -> str | None:
    """The encoding an HTML ``<meta charset>`` / ``http-equiv`` declares in the first 4 KB, if known."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _SUPERSETS.get(name, name)
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    # A <meta> that names UTF-16/32 cannot be true of the ASCII bytes it is written in: browsers
    # ignore it (HTML's "prescan" rule) and so do we.
    return None if found.startswith(("utf-16", "utf-32", "utf_16", "utf_32")) else found


def _undecodable(data: bytes) -> str:
    """Why text that is neither UTF-8 nor GB18030 throughout cannot be read, in words that fit."""
    controls = sum(1 for b in data[:65536] if b < 9 or 13 < b < 32)
    if controls > _CONTROL_SHARE * min(len(data), 65536):
        return "binary data, not a text report"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_at = exc.start
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as exc:
        gb_at = exc.start
    return (f"text in mixed or unknown encodings: not UTF-8 (from byte {utf8_at:,}) nor GB18030 (from byte "
            f"{gb_at:,}); save it in one encoding (UTF-8)")


def decode_text(data: bytes, *, uri: str = "<memory>", html: bool = False) -> str:
    """Decode document bytes into text with ``\\n`` line ends.

    Raises ``DocumentError`` for empty or binary input.
    """
    source = SourceRef(uri)
    candidates: list[str] = []
    bom = _bom(data)
    if bom:
        candidates.append(bom)
    elif b"\x00" in data:
        raise DocumentError("binary data, not a text report", source=source)
    if html and not bom:
        declared = meta_charset(data)
        if declared:
            candidates.append(declared)
    candidates += ["utf-8", "gb18030"]
    text: str | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        raise DocumentError(_undecodable(data), source=source)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not clean(text):
        raise DocumentError("empty document", source=source)
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > _CONTROL_SHARE * len(text):
        raise DocumentError("binary data, not a text report", source=source)
    return text

"""``TextReader``: a plain-text copy of an annual report (UTF-8 or GB18030) read into the report model.

Each line is a block (``document.build_model``: title, intro, sections, items); tables come from
cell-separated lines in any of the layouts of ``text_tables``. Every value records its line and cell.
"""

from __future__ import annotations

from typing import Any

from compliance.errors import DocumentError
from compliance.model.report import Report, check_reader_output
from compliance.readers.decoding import decode_text
from compliance.readers.document import build_model, find_headings, unglue_headings
from compliance.readers.text_tables import find_tables
from compliance.source import SourceRef

__all__ = ["TextReader", "decode_text", "model_from_text"]


def model_from_text(text: str, *, uri: str, reader: str = "text") -> dict[str, Any]:
    """Read decoded report text into a report model (not yet validated).

    Raises ``DocumentError`` when the text has neither section headings nor tables.
    """
    lines, numbers = unglue_headings(text.split("\n"))
    headings = find_headings(lines)
    found = find_tables(lines, skip={heading.line for heading in headings})
    model = build_model(lines, headings, found, uri=uri, reader=reader)
    if len(numbers) != numbers[-1]:  # a heading was split off: point back at the original lines
        for location in model["provenance"].values():
            for key in ("line", "end_line"):
                if key in location:
                    location[key] = numbers[location[key] - 1]
    return model


class TextReader:
    """Reads plain-text annual reports (``.txt``), as saved from a portal page or a word processor."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text")
    media_types: tuple[str, ...] = ("text/plain",)

    def sniff(self, data: bytes) -> bool:
        """True when ``data`` decodes as text and is neither HTML nor JSON."""
        try:
            text = decode_text(data)
        except DocumentError:
            return False
        head = text.lstrip()[:1024].lower()
        if head.startswith(("{", "[")):
            return False
        return not (head.startswith("<") or "<html" in head or "<!doctype" in head)

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read report text ``data`` named ``uri``; raise ``DocumentError`` when it is not a report."""
        source = SourceRef(uri)
        model = model_from_text(decode_text(data, uri=uri), uri=uri)
        check_reader_output(model, source=source)
        return Report(model, source)

"""``TextReader``: a plain-text copy of an annual report (UTF-8 or GB18030) read into the report model.

Each line is a block (``document.build_model``: title, intro, sections, items); tables come from
cell-separated lines in any of the layouts of ``text_tables``. Every value records its line and cell.
"""

from __future__ import annotations

from typing import Any

from compliance.errors import DocumentError
from compliance.model.report import Report, check_reader_output
from compliance.readers.blocks import model_from_blocks
from compliance.readers.column_dump import keep_alternatives
from compliance.readers.column_dump import mark_text as mark_unreadable
from compliance.readers.conversions import clean_lines
from compliance.readers.decoding import decode_text
from compliance.readers.document import build_model, find_headings, unglue_headings
from compliance.readers.flattened import Header, annotate, blocks_of, header, is_flattened, mentioned_numbers
from compliance.readers.html_reader import iso_date
from compliance.readers.metadata import body_candidates, metadata
from compliance.readers.text_tables import find_tables
from compliance.source import SourceRef

__all__ = ["TextReader", "decode_text", "model_from_text"]


def _read_lines(lines: list[str], *, uri: str, reader: str) -> dict[str, Any]:
    """Text whose tables keep their cell separators (tabs, bars, spaces, one cell per line)."""
    lines, numbers = unglue_headings(lines)
    headings = find_headings(lines)
    found = find_tables(lines, skip={heading.line for heading in headings})
    model = build_model(lines, headings, found, uri=uri, reader=reader)
    if len(numbers) != numbers[-1]:  # a heading was split off: point back at the original lines
        for location in model["provenance"].values():
            for key in ("line", "end_line"):
                if key in location:
                    location[key] = numbers[location[key] - 1]
    return model


def _read_flattened(lines: list[str], head: Header, *, uri: str, reader: str) -> dict[str, Any]:
    """Text whose layout was flattened (crawler page text, PDF text): blocks found in running text."""
    title = head.fields.get("title")
    lines = clean_lines(lines)  # conversion markup and page furniture off, one line per line
    blocks, zones = blocks_of(lines, head.lines, title, mentioned_numbers("\n".join(lines)))
    model = model_from_blocks(blocks, uri=uri, reader=reader)
    annotate(model, zones)
    from compliance.readers.resolve import resolve  # start-up: only flattened text needs it

    resolve(model)
    return model


_TABLE_MARKERS = {"active_disclosure": "第二十条", "applications": "本年新收", "review_litigation": "未经复议"}


def _content(model: dict[str, Any] | None) -> tuple[int, int]:
    if model is None:
        return (-1, -1)
    return (sum(1 for table in model["tables"].values() if table), len(model["sections"]))


def model_from_text(text: str, *, uri: str, reader: str = "text") -> dict[str, Any]:
    """Read decoded report text into a report model (not yet validated).

    A crawler's ``key: value`` header block gives the title, publication date and URL. The text is
    read line by line first; when its tables are missing while their labels are there (a page's
    text on one line, PDF text with run-together cells), it is read again as flattened text and
    the reading that finds more is kept. Raises ``DocumentError`` when neither finds a report.
    """
    lines = text.split("\n")
    head = header(lines)
    if head.fields:  # the header's lines are not the report's text; its title stands at its line
        lines = ["" if number in head.lines else line for number, line in enumerate(lines, 1)]
        if "title" in head.fields:
            value, number = head.fields["title"]
            lines[number - 1] = value
    model: dict[str, Any] | None = None
    error: DocumentError | None = None
    try:
        model = _read_lines(lines, uri=uri, reader=reader)
    except DocumentError as exc:
        error = exc
    missing = model is None or any(model["tables"].get(kind) is None and marker in text
                                   for kind, marker in _TABLE_MARKERS.items())
    if missing or is_flattened(lines):
        try:
            flat = _read_flattened(lines, head, uri=uri, reader=reader)
        except DocumentError:
            flat = None
        if flat is not None and _content(flat) > _content(model):
            model = flat
    if model is None:
        assert error is not None
        raise error
    mark_unreadable(model, lines)  # tables a converter wrote column by column: marked, never guessed
    _drop_stale_alternatives(model)
    if head.fields:
        _apply_header(model, head)
    return model


def _drop_stale_alternatives(model: dict[str, Any]) -> None:
    """Readings of a row that is no longer in the model (a table marked unreadable drops the rows it
    cannot show right) are no readings of anything: a rule must not be checked against them."""
    if model.get("alternatives"):
        keep_alternatives(model, lambda row: _row_exists(model, row))


def _row_exists(model: dict[str, Any], pointer: str) -> bool:
    _, _, kind, _, row = pointer.split("/", 4)
    return row in ((model["tables"].get(kind) or {}).get("rows") or {})


def _apply_header(model: dict[str, Any], head: Header) -> None:
    """The header's title as a candidate, its date as ``published`` and its link as ``url``."""
    meta = model["metadata"]
    candidates = [(value, "header") for value, _ in [head.fields["title"]]] if "title" in head.fields else []
    published = iso_date(head.fields["published"][0]) if "published" in head.fields else None
    url = head.fields["url"][0] if "url" in head.fields else None
    model["metadata"] = metadata(meta.get("title"), meta.get("source"), meta.get("reader"),
                                 candidates + body_candidates(model),
                                 published=published or meta.get("published"), url=url or meta.get("url"),
                                 publisher=head.fields["publisher"][0] if "publisher" in head.fields else None)


class TextReader:
    """Reads plain-text annual reports (``.txt``), as saved from a portal page or a word processor."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text")
    media_types: tuple[str, ...] = ("text/plain",)

    # The text ``sniff`` decoded, for ``read`` of the same bytes object (``read_bytes`` sniffs, then
    # reads): decoded once, not twice. Kept by identity, so other bytes are always decoded afresh.
    _sniffed: tuple[bytes, str] | None = None

    def sniff(self, data: bytes) -> bool:
        """True when ``data`` decodes as text and is neither HTML nor JSON."""
        try:
            text = decode_text(data)
        except DocumentError:
            return False
        head = text.lstrip()[:1024].lower()
        if head.startswith(("{", "[", "<")) or "<html" in head or "<!doctype" in head:
            return False
        self._sniffed = (data, text)
        return True

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read report text ``data`` named ``uri``; raise ``DocumentError`` when it is not a report."""
        source = SourceRef(uri)
        sniffed, self._sniffed = self._sniffed, None
        text = sniffed[1] if sniffed is not None and sniffed[0] is data else decode_text(data, uri=uri)
        model = model_from_text(text, uri=uri)
        check_reader_output(model, source=source)
        return Report(model, source)

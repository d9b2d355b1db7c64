"""``JsonModelReader``: a report model written as JSON (by ``compliance extract`` or by hand)."""

from __future__ import annotations

from compliance.errors import DocumentError
from compliance.model.report import Report, loads_json, validate_model
from compliance.source import SourceRef


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
            model = loads_json(text)
        except ValueError as exc:
            raise DocumentError(f"not valid JSON: {exc}", source=source) from exc
        validate_model(model, source=source)
        return Report(model, source)

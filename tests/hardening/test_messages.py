"""Issue 11 item 15: messages that name the real cause — mixed encodings are not "binary data",
a ``<meta charset=utf-16>`` on a UTF-8 page is ignored as browsers do, a report nested in 250
``div``s is read, deeper nesting is a limit (not "no content"), and every reader error names
the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.api import example_path
from compliance.errors import DocumentError, LimitExceededError
from compliance.readers import read_bytes

PAGE = Path("/work/shared/corpus/pingtan-2023.html")


def _page() -> bytes:
    if not PAGE.is_file():
        pytest.skip("the shared corpus is not here")
    return PAGE.read_bytes()


def test_mixed_encodings_are_named() -> None:
    seed = example_path().read_text(encoding="utf-8")
    half = len(seed) // 2
    with pytest.raises(DocumentError, match="mixed or unknown encodings") as caught:
        read_bytes(seed[:half].encode("utf-8") + seed[half:].encode("gb18030"), uri="mixed.txt")
    assert "binary" not in str(caught.value)
    with pytest.raises(DocumentError, match="binary data"):
        read_bytes(bytes(range(1, 256)) * 40, uri="noise.bin")


def test_a_meta_charset_utf16_on_a_utf8_page_is_ignored() -> None:
    page = _page().replace(b'<meta charset="utf-8"', b'<meta charset="utf-16"', 1)
    assert b'charset="utf-16"' in page
    assert read_bytes(page, uri="p.html").data["tables"] == read_bytes(_page(), uri="p.html").data["tables"]


def _nested(depth: int) -> bytes:
    page = _page()
    start = page.find(b">", page.find(b"<body")) + 1
    end = page.find(b"</body>")
    return page[:start] + b"<div>" * depth + page[start:end] + b"</div>" * depth + page[end:]


def test_a_report_nested_in_250_divs_is_read() -> None:
    tables = read_bytes(_nested(250), uri="deep.html").data["tables"]
    assert tables == read_bytes(_page(), uri="p.html").data["tables"]


def test_nesting_beyond_the_parser_limit_is_named() -> None:
    with pytest.raises(LimitExceededError, match="more than 2,048 deep") as caught:
        read_bytes(_nested(3000), uri="deeper.html")
    assert str(caught.value).startswith("deeper.html: ")

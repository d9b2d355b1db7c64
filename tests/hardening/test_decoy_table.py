"""Issue 11 item 3: a decoy table of absurd spans anywhere on an HTML page is skipped (with a
warning), and the report's own tables are read as before."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from compliance.readers import read_bytes

CORPUS = Path("/work/shared/corpus")
DECOY = (b"<table>" + b"".join(b"<tr>" + b"<td rowspan=100 colspan=1000>x</td>" * 50 + b"</tr>" for _ in range(10))
         + b"</table>")


def _page() -> bytes:
    pages = sorted(CORPUS.glob("*.html"))
    if not pages:
        pytest.skip("the shared corpus is not here")
    return pages[-1].read_bytes()


@pytest.mark.parametrize("where", [b"<body>", b"</body>"])
def test_a_decoy_table_is_skipped_and_the_rest_read(where: bytes, caplog: pytest.LogCaptureFixture) -> None:
    page = _page()
    at = page.find(where) + (len(where) if where == b"<body>" else 0)
    assert at > 0
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="compliance.readers"):
        decoyed = read_bytes(page[:at] + DECOY + page[at:], uri="decoy.html")
    assert time.monotonic() - start < 20
    plain = read_bytes(page, uri="plain.html")
    assert decoyed.data["tables"] == plain.data["tables"]
    assert any("skipped" in r.getMessage() and "500,000 cells" in r.getMessage() for r in caplog.records)

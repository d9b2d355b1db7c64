"""Reports by URL: ``compliance check https://…`` fetches the page and reads it as a file.

Why here and not in a reader: a reader turns bytes into a model and does no I/O; fetching is
I/O with its own failures (time-outs, redirects, sizes) that must each become one line naming
the address. The bytes fetched go through ``read_bytes``, so the charset is found exactly as for
a saved file (BOM, ``<meta charset>``, GB18030/GBK by content).

Bounds: a time-out per request (``COMPLIANCE_FETCH_TIMEOUT``, seconds, default 30), the
document size limit of files (``COMPLIANCE_MAX_DOCUMENT_BYTES``; the body is read up to it and
no further, whatever ``Content-Length`` says), at most ``MAX_REDIRECTS`` redirects, and http(s)
only (a redirect to ``file:`` or ``ftp:`` is refused).

Many portals publish the report as an attachment of a short notice page (附件：….pdf). When a
page is not a report itself (it cannot be read as one, or has fewer than two of the six
sections) and links one attachment in a format of reports (PDF, DOC/DOCX, WPS, XLS/XLSX), that
attachment is fetched and read instead, and the model says so: ``metadata.url`` is the
attachment's address and ``metadata.attachment_of`` the page's. Formats with no reader (DOC, WPS,
XLS) give a one-line error naming the attachment.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import IO, Any
from urllib.parse import unquote, urljoin, urlsplit

from compliance.errors import ComplianceError, DocumentError, LimitExceededError
from compliance.model.report import Report
from compliance.source import SourceRef

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 30.0
USER_AGENT = "ogi-compliance (annual report checker; +https://pypi.org/project/ogi-compliance/)"
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".xlsx", ".xls")
READABLE_SUFFIXES = (".pdf", ".docx")
_URL = re.compile(r"^https?://", re.IGNORECASE)


def is_url(text: str) -> bool:
    """True for an http(s) address (what ``check`` fetches instead of opening a file)."""
    return bool(_URL.match(text))


def fetch_timeout() -> float:
    """Seconds a request may take (``COMPLIANCE_FETCH_TIMEOUT``)."""
    try:
        value = float(os.environ.get("COMPLIANCE_FETCH_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response: the address asked for, the address answered (after redirects), the body."""

    url: str
    final_url: str
    data: bytes
    content_type: str
    retrieved: str  # ISO 8601, UTC, seconds

    @property
    def sha256(self) -> str:
        """The SHA-256 of the body, as the HTML report shows it."""
        return hashlib.sha256(self.data).hexdigest()


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise DocumentError(f"redirected to {newurl}, which is not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float | None = None, limit: int | None = None) -> Fetched:
    """GET ``url`` (bounded: see the module docstring).

    Raises:
        DocumentError: the address cannot be fetched (HTTP error, time-out, refused, too many
            redirects) — one line, naming it; ``LimitExceededError`` when the body is too large.
    """
    from compliance.readers.limits import max_document_bytes, read_bounded

    limit = max_document_bytes() if limit is None else limit
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout or fetch_timeout()) as response:
            data = read_bounded(response, limit)
            if data is None:
                raise LimitExceededError(f"the page is larger than the limit of {limit:,} bytes "
                                         "(set COMPLIANCE_MAX_DOCUMENT_BYTES to raise it)", source=SourceRef(url))
            return Fetched(url, response.geturl(), data, response.headers.get("Content-Type", ""),
                           datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    except ComplianceError as exc:
        exc.source = exc.source or SourceRef(url)
        raise
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            location = exc.headers.get("Location") if exc.headers is not None else None
            target = urljoin(exc.geturl() or url, location or "")
            if not is_url(target):  # urllib refuses it before asking redirect_request
                raise DocumentError(f"redirected to {target}, which is not an http(s) address",
                                    source=SourceRef(url)) from None
            raise DocumentError(f"more than {MAX_REDIRECTS} redirects", source=SourceRef(url)) from None
        raise DocumentError(f"the server answered HTTP {exc.code} {exc.reason}", source=SourceRef(url)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        text = "timed out" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)
        raise DocumentError(f"cannot fetch: {text}", source=SourceRef(url)) from None
    except TimeoutError:
        raise DocumentError(f"cannot fetch: timed out after {timeout or fetch_timeout():g} s",
                            source=SourceRef(url)) from None
    except (OSError, ValueError) as exc:  # a malformed address, a reset connection
        raise DocumentError(f"cannot fetch: {exc}", source=SourceRef(url)) from None


class _Links(HTMLParser):
    """The ``<a href>`` links of a page with their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def _suffix(href: str) -> str:
    path = unquote(urlsplit(href).path).lower()
    return next((s for s in ATTACHMENT_SUFFIXES if path.endswith(s)), "")


def attachment_links(html: str, base: str) -> list[tuple[str, str]]:
    """(absolute URL, link text) of the attachments a page links in a format of reports, those
    whose text or name says 年度报告 first (a notice page may link other files too)."""
    parser = _Links()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # a malformed page: whatever was parsed
        pass
    found = [(urljoin(base, href), text) for href, text in parser.links
             if href and _suffix(href) and is_url(urljoin(base, href))]
    return sorted(dict.fromkeys(found), key=lambda link: "年度报告" not in link[1] + unquote(link[0]))


def _decoded(data: bytes) -> str:
    from compliance.readers.decoding import decode_text

    try:
        return decode_text(data, html=True)
    except ComplianceError:  # a page that is not text has no links to follow
        return ""


def _is_report(report: Report) -> bool:
    return len(report.data.get("sections") or []) >= 2


def _stamp(report: Report, fetched: Fetched, page: Fetched | None) -> Report:
    data = dict(report.data)
    data["metadata"] = {**data["metadata"], "url": fetched.final_url, "retrieved": fetched.retrieved,
                        "sha256": fetched.sha256, **({"attachment_of": page.final_url} if page else {})}
    return Report(data, report.source)


def read_url(url: str) -> Report:
    """The report at ``url``: the page itself, or the attachment it links (see the module docstring).

    Raises:
        DocumentError: the page (or its attachment) cannot be fetched or read.
    """
    from compliance.readers import read_bytes

    page = fetch(url)
    problem: ComplianceError | None = None
    try:
        report = read_bytes(page.data, uri=url)
        if _is_report(report):
            return _stamp(report, page, None)
    except ComplianceError as exc:
        problem = exc
    links = attachment_links(_decoded(page.data), page.final_url)
    if not links:
        if problem is not None:
            raise problem
        return _stamp(report, page, None)
    link, text = links[0]
    suffix = _suffix(link)
    if suffix not in READABLE_SUFFIXES:
        raise DocumentError(f"the page links its report as an attachment ({text or link}, {suffix[1:].upper()}), "
                            "a format that is not read: save it as DOCX or PDF and check that file",
                            source=SourceRef(url))
    attachment = fetch(link)
    try:
        return _stamp(read_bytes(attachment.data, uri=link), attachment, page)
    except ComplianceError as exc:
        exc.message = f"the attachment {link} the page links: {exc.message}"
        exc.source = SourceRef(url)
        raise

"""Reports by URL (``compliance.fetch``): a local HTTP server on 127.0.0.1 serves the shared
pages and the attachment cases; no test needs the internet.

A URL checks exactly as the same bytes saved to a file; the model records the address and the
time of retrieval; redirects, sizes, time-outs and HTTP errors each give one line naming the
address; a notice page that only links its report as an attachment (附件) is followed, and says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import importlib
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from compliance.api import check, example_path
from compliance.cli import main
from compliance.errors import DocumentError
from compliance.fetch import attachment_links, is_url, read_url
from compliance.readers import read_document
from compliance.schemas import issues

CORPUS = Path(__file__).parent / "readers" / "corpus"
PAGES = sorted(p.name for p in CORPUS.glob("*.html"))
FLATTENED = sorted(p.name for p in (CORPUS / "flattened").glob("*.txt"))

NOTICE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告公告</title></head><body>
<h1>聊城市人力资源和社会保障局2023年政府信息公开工作年度报告</h1>
<p>现将本机关2023年政府信息公开工作年度报告予以公布。</p>
<p>附件：<a href="/files/{name}">聊城市人力资源和社会保障局2023年政府信息公开工作年度报告.{suffix}</a></p>
<p><a href="/files/guide.pdf">政府信息公开指南</a></p>
</body></html>"""


def _docx() -> bytes:
    pytest.importorskip("docx", reason="python-docx (the 'docx' extra) is not installed")
    documents = importlib.import_module("tests.rendering.documents")
    return bytes(documents.docx_bytes(dict(read_document(example_path()).data)))


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:  # the name http.server calls
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path.startswith("/corpus/"):
            file = CORPUS / self.path.removeprefix("/corpus/")
            status, headers, body = (200, {"Content-Type": "text/html"}, file.read_bytes()) if file.is_file() \
                else (404, {}, b"not found")
        else:
            status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped (size, time-out)
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    text = (CORPUS / "flattened" / "pingtan-2023.txt").read_text(encoding="utf-8")
    _Handler.routes = {
        "/redirect": (302, {"Location": "/corpus/pingtan-2023.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/slow": (200, {"Content-Type": "text/html"}, b"<html></html>"),
        "/gb18030.txt": (200, {"Content-Type": "text/plain"}, text.encode("gb18030")),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/notice-docx.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                              NOTICE.format(name="report.docx", suffix="docx").encode()),
        "/notice-doc.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                             NOTICE.format(name="report.doc", suffix="doc").encode()),
        "/notice-none.html": (200, {"Content-Type": "text/html"}, "<html><body><p>通知</p></body></html>".encode()),
        "/files/report.docx": (200, {"Content-Type": "application/octet-stream"}, _docx()),
        "/files/report.doc": (200, {"Content-Type": "application/msword"}, b"\xd0\xcf\x11\xe0" + b"\0" * 100),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _findings(result: Any) -> list[dict[str, Any]]:
    return [f.to_dict() for f in result.findings]


@pytest.mark.parametrize("name", PAGES)
def test_a_page_by_url_checks_the_same_as_the_file(server: str, name: str) -> None:
    by_url = check(f"{server}/corpus/{name}")
    by_file = check(CORPUS / name)
    assert _findings(by_url) == _findings(by_file)
    assert by_url.sections == by_file.sections
    assert by_url.sha256 == by_file.sha256 == hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", FLATTENED)
def test_a_text_copy_by_url_checks_the_same_as_the_file(server: str, name: str) -> None:
    assert _findings(check(f"{server}/corpus/flattened/{name}")) == _findings(check(CORPUS / "flattened" / name))


def test_the_charset_is_found_as_for_files(server: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes((CORPUS / "flattened" / "pingtan-2023.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert _findings(check(f"{server}/gb18030.txt")) == _findings(check(path))


def test_the_model_records_the_url_and_the_time_of_retrieval(server: str) -> None:
    url = f"{server}/redirect"
    report = read_document(url)
    meta = report.data["metadata"]
    assert meta["url"] == f"{server}/corpus/pingtan-2023.html"  # after the redirect
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta["retrieved"])
    assert meta["sha256"] == hashlib.sha256((CORPUS / "pingtan-2023.html").read_bytes()).hexdigest()
    assert "attachment_of" not in meta
    assert issues("report", dict(report.data)) == ()
    result = check(url)
    assert (result.url, result.retrieved) == (meta["url"], meta["retrieved"])


def test_a_notice_page_that_links_its_report_as_an_attachment_is_followed(server: str) -> None:
    report = read_url(f"{server}/notice-docx.html")
    meta = report.data["metadata"]
    assert meta["url"] == f"{server}/files/report.docx"
    assert meta["attachment_of"] == f"{server}/notice-docx.html"
    assert meta["reader"] == "docx"
    assert issues("report", dict(report.data)) == ()
    seed = check(example_path())
    failing = {f.rule for f in check(report).failures()}
    assert failing == {f.rule for f in seed.failures()}


def test_the_cli_says_it_read_the_attachment(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", f"{server}/notice-docx.html"]) == 1
    out = capsys.readouterr().out
    assert f"页面以附件发布报告，已读取附件 {server}/files/report.docx" in out
    assert main(["check", f"{server}/notice-docx.html", "--lang", "en", "--format", "html", "-q"]) == 1
    page = capsys.readouterr().out
    assert f"<dt>Attachment of</dt><dd>{server}/notice-docx.html</dd>" in page
    assert "<dt>Retrieved</dt>" in page


def test_an_attachment_in_a_format_without_reader_is_one_line_naming_it(server: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_url(f"{server}/notice-doc.html")
    message = str(caught.value)
    assert message.startswith(f"{server}/notice-doc.html: the page links its report as an attachment")
    assert "DOC" in message
    assert "save it as DOCX or PDF" in message


def test_the_report_attachment_is_preferred_to_other_links() -> None:
    html = NOTICE.format(name="r.pdf", suffix="pdf").replace('href="/files/guide.pdf"', 'href="a/guide.PDF"')
    links = attachment_links(html, "http://example.org/x/notice.html")
    assert links[0] == ("http://example.org/files/r.pdf",
                        "聊城市人力资源和社会保障局2023年政府信息公开工作年度报告.pdf")
    assert links[1][0] == "http://example.org/x/a/guide.PDF"
    assert attachment_links("<a href='javascript:x.pdf'>x</a><a>no href</a>", "http://e.org/") == []


@pytest.mark.parametrize(("path", "env", "expected"), [
    ("/missing", {}, "the server answered HTTP 404"),
    ("/loop", {}, "more than 5 redirects"),
    ("/to-file", {}, "which is not an http(s) address"),
    ("/slow", {"COMPLIANCE_FETCH_TIMEOUT": "0.3"}, "timed out"),
    ("/corpus/pingtan-2023.html", {"COMPLIANCE_MAX_DOCUMENT_BYTES": "1000"}, "larger than the limit of 1,000 bytes"),
    ("/notice-none.html", {}, "no annual-report content found on the page"),
])
def test_what_cannot_be_fetched_is_one_line_naming_the_address(server: str, path: str, env: dict[str, str],
                                                                 expected: str, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["check", f"{server}{path}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"compliance: {server}{path}: ")
    assert expected in err
    assert len(err.splitlines()) == 1


def test_a_batch_reads_a_file_listing_urls(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# the shared pages\n{server}/corpus/pingtan-2022.html\n\n{server}/corpus/pingtan-2023.html\n"
                       f"{server}/missing\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["check", "--from", str(listing), "-o", str(out), "--jobs", "1", "-q", "--no-pairing"]) == 2
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [r["source"] for r in document["reports"]] == [f"{server}/corpus/pingtan-2022.html",
                                                          f"{server}/corpus/pingtan-2023.html", f"{server}/missing"]
    assert document["reports"][2]["error"].startswith("the server answered HTTP 404")
    assert f"compliance: {server}/missing: the server answered HTTP 404" in capsys.readouterr().err
    by_file = check(CORPUS / "pingtan-2023.html")
    assert document["reports"][1]["findings"] == [f.to_dict() for f in by_file.findings]


def test_a_listing_that_lists_nothing_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# nothing\n\n", encoding="utf-8")
    assert main(["check", "--from", str(listing)]) == 2
    assert capsys.readouterr().err == f"compliance: --from {listing}: lists no path or URL\n"
    assert main(["check", "--from", str(tmp_path / "absent.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_is_url() -> None:
    assert is_url("https://www.gov.cn/x.html")
    assert is_url("HTTP://a")
    assert not is_url("report.html")
    assert not is_url("file:///etc/passwd")

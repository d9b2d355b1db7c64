"""Extract the text of real portal pages with real HTML-to-text tools, as crawlers do.

Why: the checker is judged mostly on "flattened text" -- the text a crawler extracted from a portal page.
Our real flattened fixtures all come from one crawler (the 平潭 archive's page.txt). Other crawlers use other
extraction tools, and each flattens a page's tables its own way: no separator between cells, a space or a
newline per text node, a Markdown table, a tab-aligned layout, dropped tables. This script runs the common tools
on every real portal page whose verdicts are known by hand (the three 平潭 pages and 上海市人民政府办公厅 2019),
so the corpus set ``extracted`` measures the readers on what those tools really write:

    <id>-bs4.txt          BeautifulSoup(html, "lxml").get_text()          (no separator: text nodes as written)
    <id>-bs4-space.txt    BeautifulSoup(...).get_text(" ", strip=True)     (one space between text nodes)
    <id>-bs4-newline.txt  BeautifulSoup(...).get_text("\\n", strip=True)  (one line per text node)
    <id>-lxml.txt         lxml.html.fromstring(html).text_content()        (the body's, as lxml gives it)
    <id>-html2text.md     html2text.HTML2Text().handle(html)               (Markdown, tables as | rows)
    <id>-trafilatura.txt  trafilatura.extract(html)                         (tables as | rows)
    <id>-inscriptis.txt   inscriptis.get_text(html)                         (tables laid out in columns)
    <id>-w3m.txt          w3m -dump -T text/html -cols 200                  (a text browser: ruled table)
    <id>-lynx.txt         lynx -dump -nolist -width 200 -assume_charset=utf-8 -display_charset=utf-8

Also tried and not kept: Scrapy's idiom ``"".join(parsel.Selector(html).xpath("//body//text()").getall())``
(byte for byte the same text as ``lxml`` on all four pages); trafilatura.extract(include_tables=False) (drops
the three tables whole: no cell to read, only the prose of ``trafilatura``); readability-lxml then text_content()
(the article's text as lxml gives it, the same runs of cells); jusText (with no Chinese stop list it keeps
nothing; in its language-independent mode, stopwords_low=high=0, one text node a line, as ``bs4-newline``).
``--all`` writes those too, to /tmp/extracted-tried, to look at.

Each output is a tool's text, as it gives it, with a trailing newline; nothing is edited. The hand verdicts
are the source page's (manifest entries ``verdicts_of``); a tool that drops a table says so in its entry.

NOT run by the test suite or CI (they have none of these tools). To reproduce (Debian):

    apt-get install -y w3m lynx
    python3 -m venv /tmp/extract-venv && /tmp/extract-venv/bin/pip install beautifulsoup4 lxml \\
        lxml_html_clean html2text trafilatura inscriptis readability-lxml justext parsel
    /tmp/extract-venv/bin/python tests/corpus/extracted/make.py

Versions used for the committed files: beautifulsoup4 4.15.0, lxml 6.1.3, parsel 1.12.1, html2text 2025.4.15,
trafilatura 2.3.1, inscriptis 2.7.6, readability-lxml 0.9, jusText 3.0.2, w3m 0.5.3, lynx 2.9.0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

SOURCES = {
    "pingtan-2021": ROOT / "tests/readers/corpus/pingtan-2021.html",
    "pingtan-2022": ROOT / "tests/readers/corpus/pingtan-2022.html",
    "pingtan-2023": ROOT / "tests/readers/corpus/pingtan-2023.html",
    "shanghai-bgt-2019": ROOT / "tests/corpus/whole/shanghai-bgt-2019.html",
}


def _soup(html: str) -> object:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml")


def bs4_plain(html: str) -> str:
    return str(_soup(html).get_text())  # type: ignore[attr-defined]


def bs4_space(html: str) -> str:
    return str(_soup(html).get_text(" ", strip=True))  # type: ignore[attr-defined]


def bs4_newline(html: str) -> str:
    return str(_soup(html).get_text("\n", strip=True))  # type: ignore[attr-defined]


def _lxml_root(html: str) -> object:
    import lxml.html

    return lxml.html.fromstring(html)


def lxml_text(html: str) -> str:
    root = _lxml_root(html)
    body = root.find(".//body")  # type: ignore[attr-defined]
    return str((body if body is not None else root).text_content())


def parsel_text(html: str) -> str:
    from parsel import Selector

    return "".join(Selector(text=html).xpath("//body//text()").getall())


def html2text_md(html: str) -> str:
    import html2text

    handler = html2text.HTML2Text()
    return str(handler.handle(html))


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_no_tables(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=False) or ""


def inscriptis_text(html: str) -> str:
    import inscriptis

    return str(inscriptis.get_text(html))


def readability_text(html: str) -> str:
    import lxml.html
    from readability import Document

    return str(lxml.html.fromstring(Document(html).summary()).text_content())


def justext_text(html: str) -> str:
    import justext

    # No Chinese stop list ships with jusText: its language-independent mode (no stop-word density test).
    paragraphs = justext.justext(html.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0,
                                 encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _browser(command: list[str]) -> Callable[[str], str]:
    def dump(html: str) -> str:
        done = subprocess.run(command, input=html.encode("utf-8"), capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return dump


W3M = _browser(["w3m", "-dump", "-T", "text/html", "-cols", "200", "-I", "UTF-8", "-O", "UTF-8"])
LYNX = _browser(["lynx", "-dump", "-nolist", "-width", "200", "-stdin", "-assume_charset=utf-8",
                 "-display_charset=utf-8"])

# name -> (suffix, tool); the kept ones are committed, the others written only with --all.
KEPT: dict[str, tuple[str, Callable[[str], str]]] = {
    "bs4": (".txt", bs4_plain),
    "bs4-space": (".txt", bs4_space),
    "bs4-newline": (".txt", bs4_newline),
    "lxml": (".txt", lxml_text),
    "html2text": (".md", html2text_md),
    "trafilatura": (".txt", trafilatura_text),
    "inscriptis": (".txt", inscriptis_text),
    "w3m": (".txt", W3M),
    "lynx": (".txt", LYNX),
}
TRIED: dict[str, tuple[str, Callable[[str], str]]] = {
    "parsel": (".txt", parsel_text),
    "trafilatura-notables": (".txt", trafilatura_no_tables),
    "readability": (".txt", readability_text),
    "justext": (".txt", justext_text),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where the kept outputs go (default: here)")
    parser.add_argument("--all", action="store_true", help="also the tools not kept, to /tmp/extracted-tried")
    args = parser.parse_args(argv)
    tools = dict(KEPT)
    for name, source in SOURCES.items():
        html = source.read_text(encoding="utf-8")
        for tool, (suffix, extract) in tools.items():
            text = extract(html)
            path = args.out / f"{name}-{tool}{suffix}"
            path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
            print(f"{path.name}: {len(text)} characters", file=sys.stderr)
        if args.all:
            tried = Path("/tmp/extracted-tried")
            tried.mkdir(exist_ok=True)
            for tool, (suffix, extract) in TRIED.items():
                text = extract(html)
                (tried / f"{name}-{tool}{suffix}").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

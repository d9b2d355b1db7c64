"""Reading in one pass (issue 12 items 1 and 5, session 16): the shortcuts taken for speed give
exactly what the plain computation gives, and a text check does not load what only other formats need.

The whole-model bar (every model byte for byte against the base commit) is
``benchmarks/read_models.py``; these tests pin each shortcut on its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.hanzi import TO_SIMPLIFIED, TRADITIONAL, to_simplified
from compliance.model.provenance import row_entries
from compliance.readers import metadata as meta
from compliance.readers.grid import Cell, Row
from compliance.readers.lazy_re import lazy
from tests.hypothesis_budget import examples

# Text like a report's: CJK, traditional forms, full-width and ASCII punctuation, digits, spaces,
# combining marks and compatibility characters (①, ﬁ, ㈠, full-width letters).
_ALPHABET = st.sampled_from(
    list("年度报告政府信息公开统计期限自至止我局本单位县镇") + list(TRADITIONAL[:40])
    + list("，。；：（）、“”《》０１２３ＡＢ　 \t\n0123456789-/.e") + ["\u0301", "\u0327", "①", "ﬁ", "㈠", "Å", "한"]
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=80)


def _reference_plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_TEXTS, max_size=5))
def test_fold_is_the_plain_computation_and_folds_a_join_piece_by_piece(texts: list[str]) -> None:
    """fold/_plain (remembered per report, translated only when a traditional character is there)
    equal NFKC + no whitespace + the simplified table; and folding texts joined by newlines equals
    joining their folds (how ``self_level`` now folds each text once)."""
    for text in texts:
        assert meta._plain(text) == _reference_plain(text)
        assert meta.fold(text) == _reference_plain(text).translate(TO_SIMPLIFIED)
        assert to_simplified(text) == text.translate(TO_SIMPLIFIED)
    joined = "\n".join(texts)
    assert "".join(meta.fold(text) for text in texts) == _reference_plain(joined).translate(TO_SIMPLIFIED)
    meta._PLAIN.clear()
    meta._FOLDED.clear()


def test_nothing_is_remembered_from_one_report_to_the_next() -> None:
    narrative = "２０２３年，我局认真贯彻《条例》。統計期限自2023年1月1日起至2023年12月31日止。"
    first = meta.metadata(None, "a.txt", "text", [(narrative, "narrative")])
    assert not meta._PLAIN
    assert not meta._FOLDED
    assert (first["year"], first["year_from"], first["level"]) == (2023, "period", "department")
    again = meta.metadata(None, "a.txt", "text", [(narrative, "narrative")])
    assert again == first


def test_the_remembered_texts_are_bounded() -> None:
    for number in range(meta._PLAIN_MAX * 3):
        meta.fold(f"第{number}行　文字")
    assert len(meta._PLAIN) <= meta._PLAIN_MAX
    assert len(meta._FOLDED) <= meta._PLAIN_MAX
    meta._PLAIN.clear()
    meta._FOLDED.clear()


_PATTERNS = [r"([0-9]{4})\s*年", r"[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]", r"\s+", r"(a|b)+c?", r"^第(\d+)页$"]


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(_PATTERNS), st.text(alphabet=st.sampled_from(list("2023年 （一）(三)abc第页\n1")), max_size=30))
def test_a_lazy_pattern_answers_as_the_compiled_one(source: str, text: str) -> None:
    compiled, pattern = re.compile(source), lazy(source)

    def spans(matches: object) -> list[tuple[int, int]]:
        return [m.span() for m in matches]  # type: ignore[attr-defined]

    assert bool(pattern.search(text)) == bool(compiled.search(text))
    assert bool(pattern.match(text)) == bool(compiled.match(text))
    assert bool(pattern.fullmatch(text)) == bool(compiled.fullmatch(text))
    assert spans(pattern.finditer(text)) == spans(compiled.finditer(text))
    assert pattern.findall(text) == compiled.findall(text)
    assert pattern.sub("_", text) == compiled.sub("_", text)
    assert pattern.split(text) == compiled.split(text)
    assert (pattern.pattern, pattern.groups) == (compiled.pattern, compiled.groups)


def test_a_lazy_pattern_compiles_on_first_use_only() -> None:
    pattern = lazy(r"(unbalanced")  # an error shows when the pattern is used, not when the module loads
    try:
        pattern.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a bad pattern must raise re.error on first use")
    ok = lazy(r"\d+")
    assert "search" not in vars(ok)
    assert ok.findall("a1b22") == ["1", "22"]
    assert "search" in vars(ok)  # compiled once; its methods are now plain attributes


def test_a_row_built_from_cells_keeps_their_texts_locations_and_columns() -> None:
    cells = [Cell("规章", {"line": 3, "column": 1}, 0, 2), Cell("5", {"page": 1, "row": 2, "cell": 3}, 2)]
    row = Row.of_cells(cells, {"line": 3}, 3)
    assert row.texts == ("规章", "5")
    assert row.cells == tuple(cells)
    assert row.cell_loc(1) == {"page": 1, "row": 2, "cell": 3}
    assert row.cell_loc(1) is not cells[1].loc  # the caller's to keep
    assert [row.covers(0, 1), row.covers(0, 2), row.covers(1, 2)] == [True, False, True]
    assert row.ungridded().cols is None
    assert row.ungridded().cell_loc(0) == cells[0].loc
    assert (row.at_block(9).block, row.block) == (9, 3)
    prov = dict(row_entries(("/r", row.loc, row.locs, (("a", 1), ("b", 0)))))
    assert prov == {"/r": {"line": 3}, "/r/values/a": cells[1].loc, "/r/values/b": cells[0].loc}
    assert list(prov) == ["/r", "/r/values/a", "/r/values/b"]
    assert prov["/r/values/a"] is not cells[1].loc  # a new dict per entry


_PROBE = """
import io, json, sys, contextlib
from compliance.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(["check", "--example", "-q"])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def test_checking_a_text_report_loads_no_html_parser_or_process_pool() -> None:
    """``check --example`` (a text report, one input: no workers) imports neither lxml nor the page
    walker, nor multiprocessing (``batch`` imports ``BrokenProcessPool`` when it needs it)."""
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "compliance.readers.text_reader" in loaded
    assert not [name for name in loaded if name.startswith(("lxml", "compliance.readers.html_blocks"))]
    assert not [name for name in loaded if name.startswith(("multiprocessing", "concurrent.futures.process"))]


def test_the_text_sniffed_is_reused_only_for_the_same_bytes() -> None:
    """``read_bytes`` sniffs then reads: the text reader decodes once; bytes sniffed but not read
    never stand in for other bytes."""
    from compliance.readers.text_reader import TextReader

    reader = TextReader()
    first = "一、总体情况\n甲。\n二、主动公开政府信息情况\n乙。".encode()
    other = "一、总体情况\n丙。\n二、主动公开政府信息情况\n丁。".encode("gb18030")
    assert reader.sniff(first)
    assert reader.read(other, uri="b.txt").data["sections"][0]["text"] == "丙。"
    assert reader.sniff(first)
    assert reader.read(first, uri="a.txt").data["sections"][0]["text"] == "甲。"
    assert reader._sniffed is None  # nothing kept after the read
    assert not reader.sniff(b"<html><body>x</body></html>")
    assert reader._sniffed is None


def test_each_full_width_replacement_is_its_nfkc_and_nfkd() -> None:
    """The fast NFKC replaces the ideographic space and U+FF01–U+FF5E by their ASCII images: each
    image is the character's NFKC and its full decomposition (NFKD), so replacing it keeps the
    text's NFKC; nothing else is replaced."""
    from compliance.nfkc import _FULL_WIDTH, image

    replaced = [chr(point) for point in range(0x110000) if _FULL_WIDTH.fullmatch(chr(point))]
    assert len(replaced) == 95
    for char in replaced:
        assert unicodedata.normalize("NFKC", char) == image(char) == unicodedata.normalize("NFKD", char)
        assert image(char).isascii()


_NFKC_ALPHABET = st.one_of(
    _ALPHABET,
    st.characters(min_codepoint=0x00, max_codepoint=0x24F),
    st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
    st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.sampled_from(["\u0301", "\u0338", "\u3099", "\u1100", "\u1161", "\u11a8", "\uac00", "<", "=", "Ａ", "ｶ", "ﾞ"]),
)


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=_NFKC_ALPHABET, max_size=60))
def test_the_fast_nfkc_is_unicodedata_nfkc(text: str) -> None:
    from compliance.nfkc import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def _near_miss_every_window(text: str, word: str) -> bool:
    size = len(word)
    if size < 4 or word in text:
        return False
    return any(sum(a != b for a, b in zip(text[start : start + size], word, strict=True)) == 1
               for start in range(len(text) - size + 1))


_SLIP_CHARS = list("本年废止纸件数规章行政")
_SLIP_WORDS = ["本年废止件数", "规章", "行政许可", "废止件数", "本年本年", "止件止件数"]


@st.composite
def _texts_near(draw: st.DrawFn) -> tuple[str, str]:
    """A keyword and a text around it, often with one character of it changed (anywhere in it)."""
    word = draw(st.sampled_from(_SLIP_WORDS))
    inner = list(word)
    for _ in range(draw(st.integers(0, 2))):
        inner[draw(st.integers(0, len(inner) - 1))] = draw(st.sampled_from(_SLIP_CHARS))
    around = st.text(alphabet=st.sampled_from(_SLIP_CHARS), max_size=5)
    text = draw(around) + "".join(inner) + draw(around)
    return draw(st.one_of(st.just(text), st.text(alphabet=st.sampled_from(_SLIP_CHARS), max_size=14))), word


@settings(max_examples=examples(500), deadline=None)
@given(_texts_near())
def test_near_miss_compares_only_windows_holding_half_the_word(case: tuple[str, str]) -> None:
    """labels.near_miss (one character written differently) as when it compared every window."""
    from compliance.readers.labels import near_miss

    text, word = case
    assert near_miss(text, word) == _near_miss_every_window(text, word)
    assert near_miss("本本废止件数", "本年废止件数")  # the slip in the first half
    assert near_miss("本年废纸件数", "本年废止件数")  # … and in the second

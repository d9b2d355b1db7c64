"""Pattern analyses (``lang/patterns.py``) never change an answer: needles are in every match RE2
finds, a character set replaces as RE2 does, and the built-ins give RE2's results."""

from __future__ import annotations

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.lang.functions import BUILTINS, WHITESPACE
from compliance.lang.patterns import (
    char_set,
    exact_set,
    first_chars,
    may_match,
    needles,
    never_empty,
    requirements,
    translation,
)
from compliance.rules import load_default_pack
from tests.hypothesis_budget import examples

ALPHABET = "ab件规章。,-"
_atom = st.sampled_from([*ALPHABET, ".", r"\d", "[ab]", "[^a]", "[件章]", "(?:a|b)", "(a)", "^", "$", r"\b",
                         "[[:alpha:]]", "(?i)a", "[一-十]", r"\.", "[-,]", "(?:ab|件)", "(?:规章|a|)", "(?:a|b+c)",
                         "(?:ab|ac)", "|"])
_quant = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{0,3}", "{,2}", "??"])
_patterns = st.lists(st.tuples(_atom, _quant), min_size=1, max_size=6).map(lambda xs: "".join(a + q for a, q in xs))
_texts = st.text(alphabet=ALPHABET + "0123456789 ", max_size=40)


def _compiles(pattern: str) -> bool:
    try:
        re2.compile(pattern)
    except re2.error:
        return False
    return True


@settings(max_examples=examples(400), deadline=None)
@given(pattern=_patterns, text=_texts)
def test_every_match_contains_the_needles(pattern: str, text: str) -> None:
    if not _compiles(pattern):
        return
    found = False
    for m in re2.compile(pattern).finditer(text):
        found = True
        assert all(n in m.group(0) for n in needles(pattern)), (pattern, text, m.group(0))
        assert all(any(c in m.group(0) for c in need) for need in requirements(pattern)), (pattern, m.group(0))
    assert may_match(pattern, text) or not found


@settings(max_examples=examples(400), deadline=None)
@given(pattern=_patterns.map(lambda p: "^" + p), text=_texts)
def test_an_anchored_match_starts_with_one_of_its_first_characters(pattern: str, text: str) -> None:
    if not _compiles(pattern):
        return
    found = re2.compile(pattern).search(text)
    first = first_chars(pattern)
    if found is not None and first is not None:
        assert text[:1] in first, (pattern, text)
    assert may_match(pattern, text) or found is None
    replace = BUILTINS.get("replace")
    assert replace is not None
    assert replace.impl(text, pattern, "+") == re2.compile(pattern).sub(lambda _m: "+", text)  # search and slice


def test_first_characters_of_anchored_patterns() -> None:
    assert first_chars("^\\(?[一二三]+[)、]") == frozenset("(一二三")
    assert first_chars("^(?:[一二]+[、.]|第[一二]+部分)") == frozenset("一二第")
    assert first_chars("^a?b") == frozenset("ab")
    assert first_chars("^\\d+[.、]") is None  # a category: any digit of any script
    for pattern in ("^a*", "^(?:a|)", "(?m)^a", "a^", "^.", "^[^a]", "b"):  # empty match, lines, not anchored…
        assert first_chars(pattern) is None, pattern
    assert not may_match("^\\(?[一二三]+[)、]", "行政许可")
    assert may_match("^\\(?[一二三]+[)、]", "(一)行政许可")


@settings(max_examples=examples(300), deadline=None)
@given(chars=st.lists(st.sampled_from([*ALPHABET, "a-b", "0-9", r"\-", "。-。"]), min_size=1, max_size=5),
       text=_texts, replacement=st.sampled_from(["", "+", "件"]))
def test_a_character_set_replaces_as_re2_does(chars: list[str], text: str, replacement: str) -> None:
    pattern = "[" + "".join(chars) + "]"
    if not _compiles(pattern):
        return
    table = translation(pattern, replacement)
    if table is None:  # a range too large to list (a-件): left to RE2
        return
    assert text.translate(table) == re2.compile(pattern).sub(lambda _m: replacement, text)


@settings(max_examples=examples(300), deadline=None)
@given(pattern=_patterns, text=_texts)
def test_the_built_ins_give_re2_answers(pattern: str, text: str) -> None:
    if not _compiles(pattern):
        return
    regex = re2.compile(pattern)
    find_all = BUILTINS.get("find_all")
    matches = BUILTINS.get("matches")
    replace = BUILTINS.get("replace")
    assert find_all is not None
    assert matches is not None
    assert replace is not None
    assert [m["match"] for m in find_all.impl(text, pattern)] == [m.group(0) for m in regex.finditer(text)]
    assert matches.impl(text, pattern) is (regex.search(text) is not None)
    assert replace.impl(text, pattern, "+") == regex.sub(lambda _m: "+", text)


def test_the_default_packs_statement_patterns_have_needles() -> None:
    constants = load_default_pack().constants
    assert all(needles(s["pattern"]) for s in constants["disclosure_statements"])
    cumulative = requirements(constants["disclosure_cumulative_pattern"])
    assert [set(need) for need in cumulative] == [{"先后共", "累计", "历年"}]
    assert not may_match(constants["disclosure_caveat_pattern"], "本年度制发规范性文件3件")
    assert char_set("[、,;:\"'“”‘’「」()]") is not None


def test_what_the_analyses_leave_to_re2() -> None:
    for pattern in ("[[:alpha:]]", "(?i)abc", r"\pN", "[^a]", r"[\d]", "[一-龥]"):
        assert char_set(pattern) is None
    assert needles("(?i)abc") == ()
    assert needles("[[:alpha:]]x") == ()


def test_whitespace_is_every_isspace_character() -> None:
    every = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert every == WHITESPACE


@settings(max_examples=examples(300), deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*ALPHABET, *WHITESPACE, "（", "）", "２", "Ａ", "\u0301", "e", "個",
                                              "臺", "資", "料", "①", "…", "行", "政"]), max_size=40))
def test_normalize_is_nfkc_without_whitespace_and_traditional_characters(text: str) -> None:
    import unicodedata

    from compliance.hanzi import TO_SIMPLIFIED

    fold = {**TO_SIMPLIFIED, **dict.fromkeys(map(ord, WHITESPACE))}  # the fold as one table: the reference
    normalize = BUILTINS.get("normalize")
    assert normalize is not None
    assert normalize.impl(text) == unicodedata.normalize("NFKC", text).translate(fold)


@settings(max_examples=examples(300), deadline=None)
@given(pattern=_patterns, text=st.text(alphabet=ALPHABET + "0123456789 行政许可、（）", max_size=40))
def test_matching_utf8_bytes_gives_the_answers_of_matching_text(pattern: str, text: str) -> None:
    """The built-ins hand RE2 UTF-8 bytes (functions.utf8): the same matches, groups, character
    offsets and replacements as RE2 on the text itself, empty matches included."""
    if not _compiles(pattern):
        return
    regex = re2.compile(pattern)
    find_all, search, replace = (BUILTINS.get(name) for name in ("find_all", "search", "replace"))
    assert find_all is not None
    assert search is not None
    assert replace is not None
    assert find_all.impl(text, pattern) == [
        {"match": m.group(0), "groups": [g if g is not None else "" for g in m.groups()], "start": m.start()}
        for m in regex.finditer(text)]
    first = regex.search(text)
    assert search.impl(text, pattern) == (first.group(0) if first else None)
    assert replace.impl(text, pattern, "件") == regex.sub(lambda _m: "件", text)
    assert never_empty(pattern) is False or all(m.group(0) for m in regex.finditer(text))


@settings(max_examples=examples(300), deadline=None)
@given(words=st.lists(st.text(alphabet="ab无/-", max_size=3), min_size=1, max_size=4),
       text=st.sampled_from(["", "a", "b", "ab", "无", "/", "-", "a\n", "\na", "无无", "ba"]),
       group=st.sampled_from(["({})", "(?:{})", "{}"]))
def test_a_whole_text_of_literal_words_is_a_set_look_up(words: list[str], text: str, group: str) -> None:
    import re

    pattern = "^" + group.format("|".join(map(re.escape, words))) + "$"
    if not _compiles(pattern):
        return
    matches = BUILTINS.get("matches")
    assert matches is not None
    matches.impl("warm", pattern)  # the second call uses the analysis
    if group != "{}":  # ^a|b$ is (^a)|(b$): not one whole-text set
        assert exact_set(pattern) is not None
    assert matches.impl(text, pattern) is (re2.compile(pattern).search(text) is not None), (pattern, text)

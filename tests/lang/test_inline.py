"""Built-ins written in place by generated code (``lang/inline.py``) against the same code calling
them and against the reference interpreter: same values, same errors at the same places, for
literal and computed patterns, with the pattern already known to the built-in or not."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.errors import EvaluationError
from compliance.lang import BUILTINS, codegen, parse, unparse
from compliance.lang import functions as f
from compliance.lang import nodes as n
from compliance.lang.env import Env
from compliance.lang.generated import Compiler
from compliance.lang.interpreter import interpret
from compliance.source import Span

from ._values import same_value
from .test_properties import SETTINGS

S = Span(1, 1)

# Patterns of the kinds the default pack writes, and a few edge cases: a whole-text alternation of
# words (a set look-up), anchored patterns (first characters), needles, classes (translate), a
# pattern that matches the empty string, one RE2 refuses, one without needles.
PATTERNS = (
    "^(|/|-|—|–|―|无)$",
    "^[-+]?[0-9][0-9,]*(?:[.][0-9]+)?$",
    "^(?:[一二三四五六七八九十]+[、.,]|第[一二三四五六七八九十]+部分:?)",
    "^\\(?[一二三四五六七八九十]+[)、.,][^\\d]*?\\d+[.、,]",
    "[、,;:.。\"'“”‘’()《》]",
    "[;；]",
    "现行有效(?:的)?(?:行政)?规范性文件(?:共计|共|为)?(\\d+)(?:件|个|份)",
    "(\\d+)件",
    "累计|历年|先后共",
    "a*",
    "(",
    "\\d",
    "^第",
    "件$",
)
ALPHABET = st.sampled_from("现行有效规范性文件件个份共计为12390一二三十第部分、,.;；:。()（）/-—无 a《》累计")
TEXTS = st.one_of(st.text(ALPHABET, max_size=14), st.sampled_from(("", "0", "12", "/", "无", "行政许可")))
NUMBERS = st.one_of(st.integers(-3, 3), st.sampled_from((2**63 - 1, 2**63, -(2**63), 10**30, 2**64)),
                    st.decimals(-5, 5, places=1), st.booleans(),
                    st.sampled_from(("0123", "１２", "1,200", "12.5", "-3", "9" * 18, "9" * 19, "٣")))
VALUES = st.one_of(TEXTS, st.none(), NUMBERS, st.lists(TEXTS, max_size=3),
                   st.dictionaries(st.sampled_from("kmn"), TEXTS, max_size=3),
                   st.lists(st.one_of(st.lists(TEXTS, max_size=2), TEXTS), max_size=3))


def outcome(run: Any) -> tuple[str, Any]:
    try:
        return ("value", run())
    except EvaluationError as exc:
        return ("error", (exc.message, exc.span))


def compiled(text: str, inline: bool) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(codegen, "INLINE", inline)
        run = Compiler(BUILTINS, {}, {}, text).compile(parse(text), frozenset())
        run.build()  # generated now, with INLINE as set here
        return run


def call(name: str, *args: n.Node) -> str:
    return unparse(n.Call(name, tuple(args), S))


def lit(value: Any) -> n.Node:
    return n.Literal(value, S)


def name(x: str) -> n.Node:
    return n.Name(x, S)


@st.composite
def cases(draw: st.DrawFn) -> str:
    pattern = draw(st.one_of(st.sampled_from(PATTERNS).map(lit), st.just(name("p"))))
    text = draw(st.sampled_from((name("x"), lit(draw(TEXTS)))))
    kind = draw(st.sampled_from(("matches", "find_all", "replace", "len", "exists", "keys", "flatten", "number",
                                 "is_integer")))
    if kind in ("matches", "find_all"):
        return call(kind, text, pattern)
    if kind == "replace":
        return call(kind, text, pattern, lit(draw(st.sampled_from(("", "-", "ab")))))
    return call(kind, draw(st.sampled_from((name("x"), name("p")))))


@SETTINGS
@given(cases(), VALUES, st.sampled_from(PATTERNS), st.booleans())
def test_inlined_built_ins_agree_with_calls_and_the_interpreter(text: str, x: Any, p: str, known: bool) -> None:
    if known:  # the built-in has seen the pattern (its needle test is where inlined code looks)
        with contextlib.suppress(EvaluationError):
            f._matcher(p)
    else:
        f._MATCHERS.pop(p, None)
    names = {"x": x, "p": p}
    fast, slow = compiled(text, True), compiled(text, False)
    got, want = outcome(lambda: fast(Env(names))), outcome(lambda: slow(Env(names)))
    assert got[0] == want[0], (text, names, got, want)
    if got[0] == "value":
        assert same_value(got[1], want[1]), (text, names, got, want)
        assert same_value(got[1], interpret(parse(text), names, BUILTINS)), (text, names)
    else:
        assert got[1] == want[1], (text, names, got, want)


@pytest.mark.parametrize(("text", "x"), [
    ('matches(x, "^(|/|-|无)$")', "12"),  # a set look-up
    ('find_all(x, "(\\d+)件")', "行政许可"),  # a text without the pattern's words
    ('replace(x, "[;；]", "。")', "a;b；c"),  # a translate table
    ('replace(x, "^第", "")', "行政"),  # a text that cannot start a match
    ("exists(x)", "a"), ("len(x)", "ab"), ("keys(x)", {"k": 1}), ("flatten(x)", [["a"], ["b"]]),
    ("number(x)", 7), ("number(x)", "0120"), ("is_integer(x)", 3),
    ("matches(x, p)", "无"), ("find_all(x, p)", "无"),  # a computed pattern the built-in has seen
])
def test_the_common_cases_call_no_built_in(text: str, x: Any) -> None:
    f._matcher("(\\d+)件")
    run = compiled(text, True)
    want = compiled(text, False)(Env({"x": x, "p": "(\\d+)件"}))
    codes = {fn.__code__ for fn in (f._matches, f._find_all, f._replace, f._exists, f._len, f._keys,
                                    f._flatten, f._number, f._is_integer, f._first_match.__wrapped__)}
    called: list[str] = []

    def watch(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code in codes:
            called.append(frame.f_code.co_name)

    sys.setprofile(watch)
    try:
        got = run(Env({"x": x, "p": "(\\d+)件"}))
    finally:
        sys.setprofile(None)
    assert called == [], (text, called)
    assert same_value(got, want), (text, got, want)

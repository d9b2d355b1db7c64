"""``re2_search.search`` against ``re2``'s own ``search``: the same match or none, the same groups
(by number and by name, None for a group that took no part), the same offsets, the same errors
for a group that does not exist."""

from __future__ import annotations

from typing import Any

import pytest
import re2
from hypothesis import given
from hypothesis import strategies as st

from compliance.lang.re2_search import Hit, search

from .test_properties import SETTINGS

PIECES = ("件", "(\\d+)", "(?P<n>\\d+)", "[一二三]+", "[、,.]", "(?:共|共计)?", "(a|b)?", "^", "$", "\\D", "x*",
          "(第)?")
TEXT = st.text(st.sampled_from("件12一二三、,.共计abx第 "), max_size=16)


def outcome(fn: Any) -> tuple[str, Any]:
    try:
        return ("value", fn())
    except IndexError as exc:
        return ("error", str(exc))


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5), TEXT)
def test_search_answers_as_re2_does(pieces: list[str], text: str) -> None:
    pattern = "".join(pieces)
    try:
        regex = re2.compile(pattern)
    except re2.error:
        return  # two groups of one name: re2 refuses the pattern before any search
    data = text.encode()
    got, want = search(regex, data), regex.search(data)
    assert (got is None) == (want is None), (pattern, text)
    if got is None:
        return
    assert isinstance(got, Hit)
    assert (got.start(), got.end()) == (want.start(), want.end())
    assert got.groups() == want.groups()
    for group in [*range(-1, regex.groups + 2), *regex.groupindex, "missing"]:
        assert outcome(lambda g=group: got.group(g)) == outcome(lambda g=group: want.group(g)), (pattern, group)


def test_the_public_search_when_re2_keeps_its_regexp_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    import compliance.lang.re2_search as module

    monkeypatch.setattr(module, "_UNANCHORED", None)
    regex = re2.compile("(\\d+)件")
    found = search(regex, "共12件".encode())
    assert not isinstance(found, Hit)
    assert found.group(1) == b"12"

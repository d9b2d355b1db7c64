"""Issue 11 items 4 and 5: rule packs cannot build unbounded values. Strings and lists that
double, numbers squared again and again, and large function results are bounded or charged to
the evaluation budget; each ends with one clear error finding in bounded time and memory."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from compliance.api import check, example_path, load_packs
from compliance.errors import BudgetExceededError
from compliance.lang import values as v


def _pack(tmp_path: Path, definitions: dict[str, str], require: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(parents=True)
    header = 'name: growth\nversion: "1.0"\n' + ("definitions:\n" if definitions else "")
    (folder / "pack.yaml").write_text(header + "".join(f"  {k}: {json.dumps(e)}\n" for k, e in definitions.items()),
                                      encoding="utf-8")
    (folder / "rules.yaml").write_text("rules:\n  - id: local.growth\n    title: {zh: x, en: x}\n"
                                       f"    severity: error\n    require: {json.dumps(require)}\n"
                                       "    message: {zh: x, en: x}\n", encoding="utf-8")
    return folder


def _error_of(tmp_path: Path, definitions: dict[str, str], require: str) -> str:
    packs = load_packs([_pack(tmp_path, definitions, require)], default=False)
    start = time.monotonic()
    result = check(example_path(), packs)
    assert time.monotonic() - start < 30
    [finding] = result.findings
    assert finding.status.value == "error"
    return finding.message


def test_doubling_strings_stop_at_the_value_bound(tmp_path: Path) -> None:
    definitions = {"d0": "metadata.agency + metadata.agency"} | {f"d{i}": f"d{i - 1} + d{i - 1}" for i in range(1, 36)}
    assert "a value of" in _error_of(tmp_path, definitions, "len(d35) > 0")


def test_squaring_numbers_stop_at_the_value_bound(tmp_path: Path) -> None:
    definitions = {"s0": "metadata.year * 1000000007"} | {f"s{i}": f"s{i - 1} * s{i - 1}" for i in range(1, 40)}
    assert "digits" in _error_of(tmp_path, definitions, "s39 > 0")


def test_doubling_lists_stop_at_the_value_bound(tmp_path: Path) -> None:
    definitions = {"l0": "[metadata.year, metadata.year]"} | {f"l{i}": f"l{i - 1} + l{i - 1}" for i in range(1, 30)}
    assert "a list of" in _error_of(tmp_path, definitions, "len(l29) > 0")


def test_function_results_are_charged_to_the_budget() -> None:
    cache: dict[str, object] = {}
    v.charge(cache, "x" * 6400)
    v.charge(cache, list(range(1000)))
    assert cache[v.BUDGET_KEY] == 101 + 1001
    with pytest.raises(BudgetExceededError, match="a value of"):
        v.charge(cache, "x" * (v.MAX_VALUE_SIZE + 1))


def test_a_huge_product_is_refused_before_it_is_computed() -> None:
    big = 10 ** 200_000
    start = time.monotonic()
    with pytest.raises(BudgetExceededError, match="digits"):
        v.arithmetic("*", big ** 2, big ** 2)
    assert time.monotonic() - start < 5


def test_replace_and_find_all_are_bounded_while_they_build(tmp_path: Path) -> None:
    """``replace(x, "", x)`` nested grows quadratically inside one call; ``find_all(x, "")`` gives
    a match per character: both stop at their bound instead of exhausting memory."""
    nested = "intro"
    for _ in range(6):
        nested = f'replace({nested}, "", intro)'
    assert "replace() would build more than" in _error_of(tmp_path, {}, f"len({nested}) > 0")
    many = 'find_all(replace(replace(intro, "", intro), "", intro), "")'
    assert "find_all() found more than" in _error_of(tmp_path / "b", {}, f"len({many}) > 0")

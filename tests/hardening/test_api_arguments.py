"""Issue 11 item 17: the Python API validates its arguments and raises ``UsageError`` (CE500)
instead of iterating a string's characters, a KeyError, or silently accepting nonsense."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.api import check, check_paths, example_path, iter_check, load_packs, results_for
from compliance.errors import UsageError


def test_a_single_path_is_refused_not_iterated() -> None:
    packs = load_packs()
    with pytest.raises(UsageError, match="list of paths"):
        list(iter_check(str(example_path()), packs))
    with pytest.raises(UsageError, match="list of paths"):
        check_paths(example_path(), packs)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="list of paths"):
        load_packs("f.yaml")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"lang": "fr"}, "lang must be one of zh, en"),
    ({"published": "2024-13-45"}, "published must be a date"),
    ({"published": "20240101"}, "published must be a date"),
    ({"published": 2024}, "published must be a date"),
])
def test_check_validates_its_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check(example_path(), **kwargs)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"jobs": 0}, "jobs must be a whole number"),
    ({"jobs": 1.5}, "jobs must be a whole number"),
    ({"lang": "fr"}, "lang must be one of"),
    ({"timeout": 1e308}, "timeout must be None or between"),
    ({"timeout": -1}, "timeout must be None or between"),
])
def test_iter_check_validates_its_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        list(iter_check([example_path()], load_packs(), **kwargs))


def test_packs_must_be_a_list_of_packs() -> None:
    pack = load_packs()[0]
    with pytest.raises(UsageError, match="packs must be a list"):
        check(example_path(), pack)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="lang must be one of"):
        results_for([], [pack], lang="fr")

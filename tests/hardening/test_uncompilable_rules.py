"""Issue 11 item 12: a rule whose generated Python code does not compile (too many nested
blocks, a literal too long to write as text) runs with the closure compiler, ``rules lint``
reports it (CR016), and deep expressions reach worker processes (no crashed workers, no
traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.api import example_path, iter_check, load_packs
from compliance.cli import main

BIG = "9" * 4000


def _branches() -> str:
    text = "metadata.year"
    for i in range(100):
        text = f"if metadata.year == {i} then {i} else {text}"
    return f"({text}) > 0"


RULES = {
    "branches": _branches(),
    "sum300": " + ".join(["metadata.year"] * 300) + " > 0",
}


def _rule(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"rules:\n  - id: local.{name}\n    title: {{zh: x, en: x}}\n    severity: error\n"
                    f"    require: \"{RULES[name]}\"\n    message: {{zh: x, en: x}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(RULES))
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_rule_is_evaluated_in_every_process(tmp_path: Path, name: str, jobs: int,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    packs = load_packs([_rule(tmp_path, name)], default=False)
    results = list(iter_check([example_path(), example_path()], packs, jobs=jobs))
    assert [r.error for r in results] == [None, None]
    assert [[(f.rule, f.status.value) for f in r.findings] for r in results] == [[(f"local.{name}", "pass")]] * 2
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("name", ["branches"])
def test_lint_reports_code_that_does_not_compile(tmp_path: Path, name: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    main(["rules", "lint", "--no-default-rules", str(_rule(tmp_path, name))])
    err = capsys.readouterr()
    assert f"CR016 rule 'local.{name}'" in err.out + err.err


@pytest.mark.parametrize("literal", [BIG, "0." + BIG])
def test_a_huge_number_literal_is_a_one_line_error(tmp_path: Path, literal: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 11 item 5: not "internal error … 4300 digits"."""
    RULES["big"] = f"{literal} * {literal} > metadata.year"
    try:
        path = _rule(tmp_path, "big")
    finally:
        del RULES["big"]
    assert main(["check", "-q", "--no-default-rules", "--rules", str(path), str(example_path())]) == 2
    err = capsys.readouterr().err
    assert "big.yaml:5:15: CR004 a number literal of" in err
    assert err.count("\n") == 1


def test_a_worker_that_cannot_load_the_packs_reports_each_input(monkeypatch: pytest.MonkeyPatch,
                                                                capfd: pytest.CaptureFixture[str]) -> None:
    from compliance import api

    packs = load_packs()
    monkeypatch.setattr(api, "_worker_payload", lambda p: ("recipe", (("/no/such/pack", {}, None, ()),)))
    results = list(iter_check([example_path()] * 2, packs, jobs=2))
    assert all(r.error is not None and "could not load the rule packs" in r.error for r in results)
    assert "Traceback" not in capfd.readouterr().err


def test_deep_expressions_are_shipped_to_workers_as_compiled_packs(tmp_path: Path) -> None:
    """Pickling a deep node tree recurses ~3 levels per node: it must not fall back to reloading
    (which, deeper in a worker's stack, could refuse the expression the parent accepted)."""
    import sys

    from compliance import api

    packs = load_packs([_rule(tmp_path, "sum300")], default=False)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(600)
    try:
        kind, _ = api._pack_payload(packs)
    finally:
        sys.setrecursionlimit(limit)
    assert kind == "packs"

"""Packs as a unit: manifest requirements, ``extends`` with overrides, third-party packs and
custom functions through entry points (never code from a rule folder)."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.errors import RulePackError
from compliance.rules import find_pack, load_pack, without_extended
from compliance.rules.packs import load_default_pack
from compliance.rules.plugins import installed_packs, satisfies

RULE = """\
  - id: {id}
    title: {{zh: 标题, en: title}}
    severity: {severity}
    {override}require: {require}
    message: {{zh: 不符, en: does not hold}}
    examples:
      - {{name: base, expect: {base}}}
      - {{name: changed, expect: {other}, set: {{/metadata/year: 2020}}}}
"""


def rule(rid: str, require: str = "metadata.year >= 2021", *, severity: str = "warning",
         override: bool = False) -> str:
    return RULE.format(id=rid, require=require, severity=severity, base="pass", other="fail",
                       override="override: true\n    " if override else "")


def write_pack(folder: Path, manifest: str, rules: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (folder / "10-local.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    return folder


def test_a_pack_extends_ogi_2021_adds_rules_and_overrides_two(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "local", """\
        name: shandong
        version: "1.0"
        requires: {compliance: ">=0.1"}
        extends: [ogi-2021]
        """, rule("local.year") + rule("tables.labels", "metadata.year >= 2021", severity="info", override=True)
        + rule("timeliness.deadline", "metadata.year >= 2021", severity="warning", override=True))
    pack = load_pack(folder)
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(load_default_pack().rules) + 1
    assert ids[-1] == "local.year"
    base = [r.id for r in load_default_pack().rules]
    assert ids.index("tables.labels") == base.index("tables.labels")  # the override keeps the base rule's place
    labels = pack.rule("tables.labels")
    assert labels is not None
    assert labels.severity.value == "info"
    assert pack.extends[0].name == "ogi-2021"
    assert pack.example_base is not None
    assert pack.example_base.endswith("ogi-2021/examples/base.json")
    assert main(["rules", "test", "--no-default-rules", str(folder), "--rule", "local.year"]) == 0


def test_override_of_a_missing_rule_and_a_silent_duplicate_are_errors(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "local", "name: local\nversion: '1.0'\nextends: [ogi-2021]\n",
                        rule("review.total") + rule("tables.label", override=True))
    with pytest.raises(RulePackError, match=r"CR009 rule id 'review.total' is already a rule of the extended"):
        load_pack(folder)
    (folder / "10-local.yaml").write_text("rules:\n" + rule("tables.label", override=True), encoding="utf-8")
    with pytest.raises(RulePackError, match=r"CR014 .*no rule 'tables.label'; did you mean 'tables.labels'"):
        load_pack(folder)


def test_unknown_base_pack_and_unmet_version(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "a", "name: a\nversion: '1.0'\nextends: [ogi-2012]\n", rule("a.b"))
    with pytest.raises(RulePackError, match=r"CR014 no pack 'ogi-2012'.*did you mean 'ogi-2021'"):
        load_pack(folder)
    folder = write_pack(tmp_path / "b", "name: b\nversion: '1.0'\nrequires: {compliance: '>=99'}\n", rule("a.b"))
    with pytest.raises(RulePackError, match=r"CR013 pack b needs compliance >=99"):
        load_pack(folder)


@pytest.mark.parametrize(("version", "spec", "ok"), [
    ("0.1.0", ">=0.1", True), ("0.1.0", ">=0.1, <1", True), ("1.2.0", "<1", False), ("1.2.3", "~=1.2", True),
    ("2.0", "~=1.2", False), ("0.1.0", "==0.1", True), ("0.1.0", "!=0.1.0", False),
])
def test_version_requirements(version: str, spec: str, ok: bool) -> None:
    assert satisfies(version, spec) is ok


@pytest.fixture
def plugin(tmp_path: Path) -> Iterator[Path]:
    """An installed distribution (a dist-info folder on sys.path) with a pack and a function."""
    site = tmp_path / "site"
    module = site / "acme_rules"
    write_pack(module / "pack", "name: acme\nversion: '0.1'\n", rule("acme.twice", "twice(metadata.year) > 4041"))
    (module / "pack" / "examples").mkdir()
    (module / "pack" / "examples" / "base.json").write_text(
        (Path(__file__).resolve().parents[2] / "rules/ogi-2021/examples/base.json").read_text(encoding="utf-8"),
        encoding="utf-8")
    (module / "__init__.py").write_text(textwrap.dedent('''\
        from pathlib import Path
        from compliance.lang import Function
        from compliance.lang.static_types import NUMBER

        PACK = Path(__file__).parent / "pack"
        TWICE = Function("twice", lambda x: x * 2, ("number",), NUMBER, summary="Twice a number.")
        '''), encoding="utf-8")
    info = site / "acme_rules-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[compliance.packs]\nacme = acme_rules:PACK\n\n"
                                           "[compliance.functions]\ntwice = acme_rules:TWICE\n", encoding="utf-8")
    sys.path.insert(0, str(site))
    metadata.distributions.cache_clear() if hasattr(metadata.distributions, "cache_clear") else None
    yield site
    sys.path.remove(str(site))
    sys.modules.pop("acme_rules", None)


def test_third_party_pack_and_function_through_entry_points(plugin: Path) -> None:
    assert installed_packs()["acme"] == plugin / "acme_rules" / "pack"
    pack = load_pack(find_pack("acme"))
    assert [r.id for r in pack.rules] == ["acme.twice"]
    assert main(["rules", "test", "--no-default-rules", str(find_pack("acme"))]) == 0


def test_a_custom_function_is_checked_statically(plugin: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("rules:\n" + rule("x.y", 'twice("a") > 1'), encoding="utf-8")
    with pytest.raises(RulePackError, match="CR007"):
        load_pack(path)


def test_nothing_is_imported_from_a_rule_folder(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "evil", "name: evil\nversion: '1.0'\n", rule("e.f"))
    (folder / "__init__.py").write_text("raise SystemExit('imported!')\n", encoding="utf-8")
    (folder / "functions.py").write_text("raise SystemExit('imported!')\n", encoding="utf-8")
    assert [r.id for r in load_pack(folder).rules] == ["e.f"]


def test_without_extended_drops_a_base_that_a_later_pack_includes(tmp_path: Path) -> None:
    from compliance.rules import load_default_pack

    folder = write_pack(tmp_path / "local", "name: local\nversion: '1.0'\nextends: [ogi-2021]\n", rule("l.m"))
    local = load_pack(folder, base=load_default_pack())
    assert [p.name for p in without_extended([load_default_pack(), local])] == ["local"]

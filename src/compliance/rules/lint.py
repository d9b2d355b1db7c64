"""``compliance rules lint``: every problem of the given packs in one pass, sorted by place.

Beyond what loading rejects, lint reports rules without a passing and a failing example,
conditions that never read the report, and the same rule id in two packs loaded together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compliance.errors import RulePackError
from compliance.rules.diagnostics import Diagnostic, Diagnostics, diagnostic
from compliance.rules.loader import read_pack
from compliance.rules.packs import default_pack_path, is_default_pack, load_default_pack, without_extended
from compliance.rules.rule import RulePack


@dataclass
class LintResult:
    """The packs as loaded (those that loaded) and every problem found."""

    packs: list[RulePack] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problem (warnings aside)."""
        return not self.problems

    @property
    def problems(self) -> list[Diagnostic]:
        """The diagnostics that fail lint."""
        return [d for d in self.diagnostics if not d.warning]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Advice: a rule without basis or fix, evidence without a label."""
        return [d for d in self.diagnostics if d.warning]


def _lines(uri: str) -> list[str]:
    try:
        return Path(uri).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _cross_pack_duplicates(packs: Sequence[RulePack], linted: set[int], diags: Diagnostics) -> None:
    first: dict[str, tuple[RulePack, str]] = {}
    for pack in without_extended(packs):
        for rule in pack.rules:
            for rid in (rule.id, *rule.aliases):
                if rid in first and first[rid][0] is not pack and id(pack) in linted:
                    other, where = first[rid]
                    span = rule.source.span
                    diags.add(diagnostic("CR009", f"rule id '{rid}' is also a rule of pack {other.name} (at {where}); "
                                         "ids must be unique across the packs loaded together", rule.source.uri,
                                         span, _lines(rule.source.uri)))
                first.setdefault(rid, (pack, str(rule.source)))


def lint(paths: Sequence[str | Path] = (), *, default: bool = True) -> LintResult:
    """Lint the packs at ``paths`` (loaded on top of the default pack, as ``check --rules`` does);
    without ``paths``, lint the default pack itself."""
    diags = Diagnostics()
    result = LintResult()
    linted: set[int] = set()
    paths = [p for p in paths if not is_default_pack(p)] if default else list(paths)
    if not paths:
        pack = read_pack(default_pack_path(), diags)
        result.packs.append(pack)
        linted.add(id(pack))
    else:
        base = load_default_pack() if default else None
        if base is not None:
            result.packs.append(base)
        for path in paths:
            try:
                pack = read_pack(path, diags, base=None if is_default_pack(path) else base)
            except RulePackError as exc:
                span = exc.source.span if exc.source is not None else None
                uri = exc.source.uri if exc.source is not None else str(path)
                code, _, message = exc.message.partition(" ")
                if not (len(code) == 5 and code.startswith("CR")):
                    code, message = "CR002", exc.message
                diags.add(diagnostic(code, message, uri, span, _lines(uri)))
                continue
            result.packs.append(pack)
            linted.add(id(pack))
    _cross_pack_duplicates(result.packs, linted, diags)
    result.diagnostics = sorted(diags, key=lambda d: (d.source.uri, d.source.span.line if d.source.span else 0,
                                                      d.source.span.column if d.source.span else 0, d.code))
    return result

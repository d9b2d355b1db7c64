"""``compliance rules …``: the rule-authoring tools: list, lint, test, docs.

``lint`` and ``test`` exit 1 when they find a problem, 2 on a usage error; ``docs --check``
exits 1 when the file given is not what would be generated.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.api import load_packs
from compliance.cli.common import Parser, write_output
from compliance.engine import check_report
from compliance.model.report import Report
from compliance.rules import RulePack, is_default_pack, load_default_pack
from compliance.source import SourceRef

if TYPE_CHECKING:
    from compliance.rules.examples import ExampleRun, FindingLike


def add_parser(sub: Any) -> None:
    """Register ``rules`` and its sub-commands."""
    rules = sub.add_parser("rules", help="rule-pack tools: list, lint, test, docs")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, parser_class=Parser)
    listing = rules_sub.add_parser("list", help="list the rules of the active packs")
    listing.add_argument("--rules", action="append", default=[], metavar="PATH")
    listing.add_argument("--no-default-rules", action="store_true")
    listing.add_argument("--config", metavar="PATH", help="apply a compliance.toml (or pyproject.toml)")
    listing.add_argument("--lang", default="zh", choices=["zh", "en"])
    listing.set_defaults(run=run_list)

    linting = rules_sub.add_parser("lint", help="report every problem of rule packs (default: the default pack)")
    linting.add_argument("paths", nargs="*", metavar="PATH", help="rule files or pack folders")
    linting.add_argument("--no-default-rules", action="store_true", help="do not load them on top of ogi-2021")
    linting.set_defaults(run=run_lint)

    testing = rules_sub.add_parser("test", help="run the rules' examples (default: the default pack's)")
    testing.add_argument("paths", nargs="*", metavar="PATH", help="rule files or pack folders")
    testing.add_argument("--no-default-rules", action="store_true", help="do not load them on top of ogi-2021")
    testing.add_argument("--rule", action="append", default=None, metavar="ID", help="only this rule (repeatable)")
    testing.add_argument("-v", "--verbose", action="store_true", help="list every example and every unvaried path")
    testing.set_defaults(run=run_test)

    docs = rules_sub.add_parser("docs", help="generate the rule catalogue (Markdown, or HTML)")
    docs.add_argument("paths", nargs="*", metavar="PATH", help="packs to document (default: the default pack)")
    docs.add_argument("-o", "--output", metavar="FILE", help="write the Markdown to FILE (default: stdout)")
    docs.add_argument("--html", metavar="FILE", help="also write an HTML page")
    docs.add_argument("--check", metavar="FILE", help="exit 1 if FILE is not what would be generated")
    docs.set_defaults(run=run_docs)


def run_list(args: argparse.Namespace) -> int:
    """Run ``rules list``."""
    if args.config:
        from compliance.config import load_config

        config = load_config(args.config)
        use_config = config.packs is not None and not args.rules and not args.no_default_rules
        packs = config.load_packs() if use_config else load_packs(args.rules, default=not args.no_default_rules)
        packs = config.apply(packs)
    else:
        packs = load_packs(args.rules, default=not args.no_default_rules)
    for pack in packs:
        print(f"{pack.name} {pack.version} ({len(pack.rules)} rules)")
        for rule in pack.rules:
            print(f"  {rule.id:40} {rule.severity.value:8} {rule.title.get(args.lang)}")
    return 0


def run_lint(args: argparse.Namespace) -> int:
    """Run ``rules lint``: every problem and warning, ``file:line:col: CODE message`` and a caret,
    then one summary line — all on stdout, so ``> file`` or a pipe keeps them together; exit 1 if
    there is a problem (warnings alone exit 0)."""
    from compliance.rules.lint import lint

    result = lint(args.paths, default=not args.no_default_rules)
    for d in result.diagnostics:
        print(d.render())
    rules = sum(len(p.rules) for p in result.packs[-len(args.paths):]) if args.paths else len(result.packs[0].rules)
    warned = ""
    if result.warnings:
        codes = Counter(d.code for d in result.warnings)
        warned = f"{len(result.warnings)} warning(s) ({', '.join(f'{c} ×{n}' for c, n in sorted(codes.items()))})"
    if result.problems:
        codes = Counter(d.code for d in result.problems)
        listing = ", ".join(f"{code} ×{n}" for code, n in sorted(codes.items()))
        print(f"{len(result.problems)} problem(s) ({listing}){'; ' + warned if warned else ''}; see docs/errors.md")
        return 1
    print(f"ok: {rules} rule(s), no problems{'; ' + warned + ', see docs/errors.md' if warned else ''}")
    return 0


def _packs(paths: Sequence[str], default: bool) -> list[RulePack]:
    if not paths:
        return [load_default_pack()]
    base = load_default_pack() if default else None
    from compliance.rules.loader import load_pack

    return [load_pack(p, base=None if is_default_pack(p) else base) for p in paths]


def engine_check(model: Mapping[str, Any], pack: RulePack, lang: str,
                 previous: Mapping[str, Any] | None = None) -> Sequence[FindingLike]:
    """Check a report model with one pack: the engine, as ``run_examples`` needs it."""
    last = None if previous is None else Report(previous, SourceRef("<example: previous>"))
    return check_report(Report(model, SourceRef("<example>")), [pack], lang=lang, previous=last).findings


def print_run(run: ExampleRun, packs: Sequence[RulePack], verbose: bool) -> None:
    """The outcome of ``rules test``: failures with their place, then coverage."""
    for o in run.outcomes:
        if not o.ok:
            print(f"{o.example.source}: CR030 {o.rule} › {o.example.name}: {o.detail}")
        elif verbose:
            print(f"ok   {o.rule} › {o.example.name} ({o.actual})")
    rules = [r for p in packs for r in p.rules if r.id in run.coverage]
    both = [r.id for r in rules if {"pass", "fail"} <= run.coverage[r.id].statuses]
    statuses = Counter(s for c in run.coverage.values() for s in c.statuses)
    print(f"examples: {len(run.outcomes)}, passed {len(run.outcomes) - len(run.failed)}, failed {len(run.failed)}")
    print(f"rules: {len(rules)}, with a passing and a failing example: {len(both)}; statuses exercised: "
          + ", ".join(f"{s} {statuses.get(s, 0)}" for s in ("pass", "fail", "skip", "error")))
    without = [r.id for r in rules if r.id not in both]
    if without:
        print(f"  without both kinds: {', '.join(without)}")
    pairs = sum(len(c.reads) for c in run.coverage.values())
    unvaried: dict[str, list[str]] = {}
    for cov in run.coverage.values():
        for path in cov.unvaried():
            unvaried.setdefault(path, []).append(cov.rule)
    missed = sum(len(ids) for ids in unvaried.values())
    print(f"model paths read (rule × path): {pairs}; varied by one of the rule's examples: {pairs - missed}"
          + ("" if verbose or not missed else " (-v lists the others)"))
    if verbose:
        for path, ids in sorted(unvaried.items()):
            print(f"  not varied: {path} ({', '.join(ids)})")


def run_test(args: argparse.Namespace) -> int:
    """Run ``rules test``: every example of every rule; exit 1 if one does not give what it expects."""
    packs = _packs(args.paths, not args.no_default_rules)
    from compliance.rules.examples import run_examples

    run = run_examples(packs, engine_check, args.rule)
    if args.rule:
        missing = set(args.rule) - set(run.coverage)
        if missing:
            from compliance.errors import UsageError
            from compliance.rules.diagnostics import suggest

            name = sorted(missing)[0]
            raise UsageError(f"no rule '{name}' in the packs tested"
                             f"{suggest(name, [r.id for p in packs for r in p.rules])}")
    print_run(run, packs, args.verbose)
    return 1 if run.failed else 0


def run_docs(args: argparse.Namespace) -> int:
    """Run ``rules docs``."""
    packs = _packs(args.paths, default=True)
    from compliance.rules.docs import render_html, render_markdown

    text = render_markdown(packs)
    if args.html:
        Path(args.html).write_text(render_html(packs), encoding="utf-8")
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).is_file() else ""
        if current != text:
            print(f"compliance: {args.check} is stale; regenerate it with `compliance rules docs -o {args.check}`",
                  file=sys.stderr)
            return 1
        return 0
    write_output(text, args.output)
    return 0

"""``compliance rules …``: the rule-authoring tools."""

from __future__ import annotations

import argparse
from typing import Any

from compliance.api import load_packs
from compliance.cli.common import Parser


def add_parser(sub: Any) -> None:
    """Register ``rules`` and its sub-commands."""
    rules = sub.add_parser("rules", help="rule-pack tools")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, parser_class=Parser)
    listing = rules_sub.add_parser("list", help="list the rules of the active packs")
    listing.add_argument("--rules", action="append", default=[], metavar="PATH")
    listing.add_argument("--no-default-rules", action="store_true")
    listing.add_argument("--lang", default="zh", choices=["zh", "en"])
    listing.set_defaults(run=run_list)


def run_list(args: argparse.Namespace) -> int:
    """Run ``rules list``."""
    packs = load_packs(args.rules, default=not args.no_default_rules)
    for pack in packs:
        print(f"{pack.name} {pack.version} ({len(pack.rules)} rules)")
        for rule in pack.rules:
            print(f"  {rule.id:40} {rule.severity.value:8} {rule.title.get(args.lang)}")
    return 0

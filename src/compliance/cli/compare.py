"""``compliance compare A B``: two reports side by side (cells, changed text, cross-year findings).

Exit codes: 0 compared (differences are the output, not a failure); 2 an input cannot be read
(one line naming the file) or a usage error.
"""

from __future__ import annotations

import argparse
from typing import Any

from compliance.cli.common import check_output_path, write_output
from compliance.errors import UsageError


def add_parser(sub: Any) -> None:
    """Register ``compare``."""
    from compliance.compare_render import FORMATS

    compare = sub.add_parser("compare", help="compare two reports: every table cell, changed text, cross-year findings")
    compare.add_argument("a", metavar="A", help="a report (any readable input), e.g. last year's")
    compare.add_argument("b", metavar="B", help="the other report, e.g. this year's")
    compare.add_argument("--format", default="text", choices=FORMATS, help="output format (default text)")
    compare.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    compare.add_argument("--lang", default="zh", choices=["zh", "en"], help="language of labels and messages")
    compare.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``compare``."""
    import os

    from compliance.compare import compare
    from compliance.compare_render import render

    for path in (args.a, args.b):
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file")
    if args.output:
        check_output_path(args.output)
    write_output(render(compare(args.a, args.b, lang=args.lang), args.format), args.output)
    return 0

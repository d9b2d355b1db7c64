"""``compliance extract``: print a document's report model as JSON (with provenance)."""

from __future__ import annotations

import argparse
from typing import Any

from compliance.cli.common import write_output


def add_parser(sub: Any) -> None:
    """Register ``extract``."""
    extract = sub.add_parser("extract", help="print a document's report model as JSON")
    extract.add_argument("path", metavar="PATH")
    extract.add_argument("-o", "--output", metavar="FILE")
    extract.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``extract``."""
    from compliance.model.report import dumps_json
    from compliance.readers import read_document

    report = read_document(args.path)
    write_output(dumps_json(dict(report.data)) + "\n", args.output)
    return 0

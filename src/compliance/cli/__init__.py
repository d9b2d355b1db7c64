"""The command line: ``compliance check | extract | rules | compare``. The only package that prints.

Each sub-command is a module with ``add_parser(sub)`` and a ``run(args) -> int``. Exit codes
(contract.md): 0 nothing at or above ``--fail-on``; 1 something is; 2 usage error, unreadable
input or invalid rule pack — one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from compliance.api import version
from compliance.cli import check, compare, extract, rules
from compliance.cli.common import Parser, quiet_broken_pipe
from compliance.errors import ComplianceError, UsageError
from compliance.reporters.safe import printable

COMMANDS = (check, extract, rules, compare)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = Parser(prog="compliance", description="Check government information-disclosure annual reports "
                    "(政府信息公开工作年度报告) against Art. 50 and the 2021 format.")
    parser.add_argument("--version", action="version", version=f"compliance {version()}")
    parser.add_argument("--debug", action="store_true", help="show a traceback with any error")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    cut = arguments.index("--") if "--" in arguments else len(arguments)
    debug = "--debug" in arguments[:cut]  # accepted anywhere before `--`, after the sub-command too
    arguments = [a for a in arguments[:cut] if a != "--debug"] + arguments[cut:]
    try:
        args = build_parser().parse_args(arguments)
        with quiet_broken_pipe():
            code: int = args.run(args)
        return code
    except ComplianceError as exc:
        if debug and not isinstance(exc, UsageError):  # a usage error is the user's, not the code's
            traceback.print_exc()
        print(f"compliance: {printable(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): not an error of ours
        return 1
    except (MemoryError, RecursionError) as exc:
        if debug:
            traceback.print_exc()
        print(f"compliance: out of resources ({type(exc).__name__}); the input exceeds what this machine can "
              "check", file=sys.stderr)
        return 2
    except Exception as exc:  # the last line of defence: never a traceback for users
        if debug:
            traceback.print_exc()
        print(f"compliance: internal error ({type(exc).__name__}: {printable(str(exc))}); please report it, "
              "with --debug for details", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("compliance: interrupted", file=sys.stderr)
        return 130


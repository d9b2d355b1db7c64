"""The command line: ``compliance check | extract | rules | compare``. The only package that prints.

Each sub-command is a module with ``add_parser(sub)`` and a ``run(args) -> int``. Exit codes
(contract.md): 0 nothing at or above ``--fail-on``; 1 something is; 2 usage error, unreadable
input or invalid rule pack — one line on stderr, never a traceback.

Start-up: only the sub-command named on the command line is imported (``COMMANDS``); the others
are registered by name and help text alone, so ``compliance --version`` and ``--help`` import
no engine, reader or pack (docs/performance.md, "Start-up").
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from compliance._version import VERSION
from compliance.cli.common import Parser, quiet_broken_pipe
from compliance.errors import ComplianceError, UsageError

# name → (module, help). A module's ``add_parser`` gives the same help text.
COMMANDS = {
    "check": ("compliance.cli.check", "check documents or report models"),
    "extract": ("compliance.cli.extract", "print a document's report model as JSON"),
    "rules": ("compliance.cli.rules", "rule-pack tools: list, lint, test, docs"),
    "compare": ("compliance.cli.compare", "compare two reports: every table cell, changed text, cross-year findings"),
}


def build_parser(command: str | None = "*") -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests): every sub-command in full
    (``"*"``), only ``command`` in full and the others by name, or (``None``) all by name."""
    parser = Parser(prog="compliance", description="Check government information-disclosure annual reports "
                    "(政府信息公开工作年度报告) against Art. 50 and the 2021 format.")
    parser.add_argument("--version", action="version", version=f"compliance {VERSION}")
    parser.add_argument("--debug", action="store_true", help="show a traceback with any error")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name, (module, help_text) in COMMANDS.items():
        if command == "*" or name == command:
            importlib.import_module(module).add_parser(sub)
        else:
            sub.add_parser(name, help=help_text)  # never chosen in this run: not imported
    return parser


def _traceback() -> None:
    import traceback

    traceback.print_exc()


def _printable(text: str) -> str:
    from compliance.reporters.safe import printable  # only on an error (start-up)

    return printable(text)


def _command(arguments: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first word that is not an option), if any."""
    for word in arguments:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    cut = arguments.index("--") if "--" in arguments else len(arguments)
    debug = "--debug" in arguments[:cut]  # accepted anywhere before `--`, after the sub-command too
    arguments = [a for a in arguments[:cut] if a != "--debug"] + arguments[cut:]
    if not arguments:  # `compliance` alone: what it can do, not "the following arguments are required"
        with quiet_broken_pipe():  # `compliance | head`: the reader may go away
            print(build_parser(None).format_help().rstrip("\n"))
            print("\nStart with: compliance check --example")
        return 0
    try:
        args = build_parser(_command(arguments)).parse_args(arguments)
        with quiet_broken_pipe():
            code: int = args.run(args)
        return code
    except ComplianceError as exc:
        if debug and not isinstance(exc, UsageError):  # a usage error is the user's, not the code's
            _traceback()
        print(f"compliance: {_printable(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): not an error of ours
        return 1
    except (MemoryError, RecursionError) as exc:
        if debug:
            _traceback()
        print(f"compliance: out of resources ({type(exc).__name__}); the input exceeds what this machine can "
              "check", file=sys.stderr)
        return 2
    except Exception as exc:  # the last line of defence: never a traceback for users
        if debug:
            _traceback()
        print(f"compliance: internal error ({type(exc).__name__}: {_printable(str(exc))}); please report it, "
              "with --debug for details", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("compliance: interrupted", file=sys.stderr)
        return 130


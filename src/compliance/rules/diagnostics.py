"""Problems found in a rule pack, each with a stable code, a place and the source line.

Loading stops at the first *fatal* problem (``RulePackError``); ``compliance rules lint`` collects
every problem of every file in one pass. Each code is explained in ``docs/errors.md``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from compliance.errors import ExpressionError, ExpressionSyntaxError, RulePackError
from compliance.source import SourceRef, Span

CODES: dict[str, str] = {
    "CR001": "invalid YAML or unreadable file",
    "CR002": "a value has the wrong form or a required key is missing (schema)",
    "CR003": "unknown key",
    "CR004": "expression syntax error",
    "CR005": "unknown name or report path",
    "CR006": "unknown function",
    "CR007": "type or arity error in an expression",
    "CR008": "a message placeholder does not compile",
    "CR009": "duplicate rule id or alias",
    "CR010": "constant condition: it never reads the report",
    "CR011": "a rule lacks a passing or a failing example",
    "CR012": "invalid example",
    "CR013": "the pack needs another version of compliance",
    "CR014": "unknown pack in extends, or an override of a rule that does not exist",
    "CR015": "invalid custom function or pack entry point",
    "CR016": "an expression too complex for generated code (it runs with the closure compiler)",
    "CR017": "warning: a rule has no basis or no fix (or gives one in a single language)",
    "CR018": "warning: an evidence value has no readable label",
    "CR019": "warning: a `let` binding is never used",
    "CR020": "invalid configuration",
    "CR021": "configuration names a rule that does not exist",
    "CR022": "invalid parameter override",
    "CR023": "invalid waiver",
    "CR024": "a `let` name hides a constant, a definition, a report model name or the for_each variable",
    "CR030": "an example did not give the expected result",
}


def suggest(name: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the closest candidate, or an empty string."""
    import difflib  # a did-you-mean is only worked out for an error

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def expression_code(exc: ExpressionError) -> str:
    """The code of an expression error: syntax, unknown name/path, unknown function, or types."""
    if isinstance(exc, ExpressionSyntaxError):
        return "CR004"
    if exc.message.startswith("unknown function"):
        return "CR006"
    if exc.message.startswith(("unknown name", "unknown field")):
        return "CR005"
    return "CR007"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: ``code``, ``message``, where (``source``), and the source line it is on."""

    code: str
    message: str
    source: SourceRef
    line_text: str | None = None
    fatal: bool = True
    warning: bool = False  # advice (``rules lint`` shows it but still succeeds)

    def __str__(self) -> str:
        return f"{self.source}: {self.code} {'warning: ' if self.warning else ''}{self.message}"

    def render(self) -> str:
        """``file:line:col: CODE message``, then the source line with a caret under the problem."""
        head = str(self)
        span = self.source.span
        if self.line_text is None or span is None:
            return head
        line = self.line_text.rstrip("\n")
        start = min(max(span.column - 1, 0), len(line))
        end = start + 1
        if span.end_column is not None and span.end_line in (None, span.line):
            end = max(start + 1, min(span.end_column - 1, len(line)))
        pad = " " * _width(line[:start])
        return f"{head}\n    {line}\n    {pad}{'^' * max(1, _width(line[start:end]))}"

    def error(self) -> RulePackError:
        """This problem as the exception ``load_pack`` raises."""
        return RulePackError(f"{self.code} {self.message}", source=self.source)


@dataclass
class Diagnostics:
    """A collector of problems; ``fatal`` ones make a pack unloadable."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record ``diagnostic`` (an identical one at the same place is kept once)."""
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def fatal(self) -> list[Diagnostic]:
        """The problems that stop a pack from loading."""
        return [d for d in self.items if d.fatal]

    def raise_first(self) -> None:
        """Raise the first fatal problem, if any, as ``RulePackError``."""
        for d in self.items:
            if d.fatal:
                raise d.error()


def diagnostic(code: str, message: str, uri: str, span: Span | None = None, lines: list[str] | None = None,
               *, fatal: bool = True, warning: bool = False) -> Diagnostic:
    """A ``Diagnostic`` with the source line looked up in ``lines`` (the file's text)."""
    line_text = None
    if span is not None and lines and 1 <= span.line <= len(lines):
        line_text = lines[span.line - 1]
    return Diagnostic(code, message, SourceRef(uri, span), line_text, fatal, warning)

"""The one exception tree of ``compliance``; it imports only ``compliance.source``.

Findings are data (``compliance.results``); an exception means the tool could not do its job.
Every class has a stable ``code`` (users and scripts may match on it; docs/security.md lists
them)::

    ComplianceError          CE000  base of everything raised on purpose
    ├── RulePackError        CE100  a pack cannot be loaded (file:line:col)
    ├── ExpressionError      CE200  the expression language (span + caret)
    │   ├── ExpressionSyntaxError  CE201  the text does not parse
    │   ├── ExpressionCheckError   CE202  static check: unknown name/path/function, arity, types
    │   └── EvaluationError        CE203  run time; the engine turns it into an ``error`` finding
    │       └── BudgetExceededError  CE204  an evaluation used more than its cost budget
    ├── ReportModelError     CE300  a report model fails report.schema.json
    ├── DocumentError        CE400  a reader cannot read a document
    │   └── LimitExceededError     CE401  a document is larger than the configured bounds
    ├── UsageError           CE500  bad command-line or API use
    └── TimeLimitError       CE600  checking an input took longer than its time limit
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.source import SourceRef, Span


class ComplianceError(Exception):
    """Base class of every error ``compliance`` raises on purpose."""

    code = "CE000"

    def __init__(self, message: str, *, source: SourceRef | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source is None:
            return self.message
        return f"{self.source}: {self.message}"


class RulePackError(ComplianceError):
    """A rule pack cannot be loaded: invalid YAML, schema violation, bad expression, duplicate id."""

    code = "CE100"


class ExpressionError(ComplianceError):
    """An error in an expression, with the span inside the expression text."""

    code = "CE200"

    def __init__(self, message: str, *, text: str = "", span: Span | None = None) -> None:
        super().__init__(message)
        self.text = text
        self.span = span

    def __str__(self) -> str:
        if self.span is None:
            return self.message
        return f"{self.span.line}:{self.span.column}: {self.message}"

    def context(self) -> str:
        """The offending line of the expression with a caret under the error (lark ``get_context``)."""
        if self.span is None or not self.text:
            return ""
        lines = self.text.splitlines() or [""]
        line = lines[min(self.span.line, len(lines)) - 1]
        width = 1
        if self.span.end_column is not None and (self.span.end_line in (None, self.span.line)):
            width = max(1, self.span.end_column - self.span.column)
        return f"{line}\n{' ' * (self.span.column - 1)}{'^' * width}"


class ExpressionSyntaxError(ExpressionError):
    """The expression text does not parse."""

    code = "CE201"


class ExpressionCheckError(ExpressionError):
    """Static checking rejected the expression (unknown name, path or function; arity; types)."""

    code = "CE202"


class EvaluationError(ExpressionError):
    """Evaluation failed at run time (for example a string added to a number)."""

    code = "CE203"


class BudgetExceededError(EvaluationError):
    """An evaluation used more steps than its budget (a runaway rule cannot hang a batch)."""

    code = "CE204"


class ReportModelError(ComplianceError):
    """A report model does not validate against ``report.schema.json``."""

    code = "CE300"

    def __init__(self, message: str, *, source: SourceRef | None = None,
                 issues: Sequence[str] = ()) -> None:
        super().__init__(message, source=source)
        self.issues = tuple(issues)


class DocumentError(ComplianceError):
    """A document cannot be read (missing, empty, binary, not a report)."""

    code = "CE400"


class LimitExceededError(DocumentError):
    """A document exceeds a resource bound (size, table rows, nesting): it is refused, not read."""

    code = "CE401"


class UsageError(ComplianceError):
    """The command line or an API call was used wrongly."""

    code = "CE500"


class TimeLimitError(ComplianceError):
    """Checking one input took longer than ``--timeout``. Not a ``DocumentError``: code that
    handles a document's own limits (a table too large, skipped) must never swallow it."""

    code = "CE600"

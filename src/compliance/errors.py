"""The one exception tree of ``compliance``; it imports only ``compliance.source``.

Findings are data (``compliance.results``); an exception means the tool could not do its job::

    ComplianceError                    base of everything raised on purpose
    ├── RulePackError                  a pack cannot be loaded (file:line:col)
    ├── ExpressionError                the expression language (span + caret)
    │   ├── ExpressionSyntaxError      the text does not parse
    │   ├── ExpressionCheckError       static check: unknown name/path/function, arity, types
    │   └── EvaluationError            run time; the engine turns it into an ``error`` finding
    ├── ReportModelError               a report model fails report.schema.json
    ├── DocumentError                  a reader cannot read a document
    └── UsageError                     bad command-line use
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.source import SourceRef, Span


class ComplianceError(Exception):
    """Base class of every error ``compliance`` raises on purpose."""

    code = "COMPLIANCE"

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

    code = "RULEPACK"


class ExpressionError(ComplianceError):
    """An error in an expression, with the span inside the expression text."""

    code = "EXPRESSION"

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

    code = "SYNTAX"


class ExpressionCheckError(ExpressionError):
    """Static checking rejected the expression (unknown name, path or function; arity; types)."""

    code = "CHECK"


class EvaluationError(ExpressionError):
    """Evaluation failed at run time (for example a string added to a number)."""

    code = "EVALUATION"


class ReportModelError(ComplianceError):
    """A report model does not validate against ``report.schema.json``."""

    code = "MODEL"

    def __init__(self, message: str, *, source: SourceRef | None = None,
                 issues: Sequence[str] = ()) -> None:
        super().__init__(message, source=source)
        self.issues = tuple(issues)


class DocumentError(ComplianceError):
    """A document cannot be read (missing, empty, binary, not a report)."""

    code = "DOCUMENT"


class UsageError(ComplianceError):
    """The command line or an API call was used wrongly."""

    code = "USAGE"

"""The severity of a rule: error, warning or info. A leaf module shared by rules, results and reporters."""

from __future__ import annotations

import enum


class Severity(enum.Enum):
    """How much a failing rule matters (rules.md: E, W, I)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Order for ``--fail-on``: info < warning < error."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]

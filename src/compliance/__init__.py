"""compliance: checks government information-disclosure annual reports (政府信息公开工作年度报告)
against Art. 50 of the OGI Regulations and the 2021 report format.

    import compliance
    result = compliance.check("report.txt")          # a ReportResult
    for finding in result.failures():
        print(finding.rule, finding.message)

This module is a facade; internal code imports from the defining modules, never from here.
Names are imported on first use (module ``__getattr__``), so ``import compliance`` is cheap and
a program that only reads documents never imports the rule loader, the engine or Lark.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compliance.api import (
        check,
        check_paths,
        example_path,
        iter_check,
        load_packs,
        results_for,
        summarize,
        version,
    )
    from compliance.compare import Comparison, compare
    from compliance.config import Config, load_config
    from compliance.errors import (
        ComplianceError,
        DocumentError,
        EvaluationError,
        ExpressionCheckError,
        ExpressionError,
        ExpressionSyntaxError,
        ReportModelError,
        RulePackError,
        UsageError,
    )
    from compliance.model import Report
    from compliance.pairing import Pairing, pair_inputs
    from compliance.readers import read_document
    from compliance.results import Finding, ReportResult, Results, RuleInfo, Status, Summary
    from compliance.rules import RulePack, load_pack
    from compliance.severity import Severity
    from compliance.waivers import apply_waivers

# name → the module that defines it
_WHERE = {
    "check": "compliance.api", "check_paths": "compliance.api", "example_path": "compliance.api",
    "load_packs": "compliance.api", "results_for": "compliance.api", "version": "compliance.api",
    "iter_check": "compliance.api", "summarize": "compliance.api", "Summary": "compliance.results",
    "Config": "compliance.config", "load_config": "compliance.config", "apply_waivers": "compliance.waivers",
    "ComplianceError": "compliance.errors", "DocumentError": "compliance.errors",
    "EvaluationError": "compliance.errors", "ExpressionCheckError": "compliance.errors",
    "ExpressionError": "compliance.errors", "ExpressionSyntaxError": "compliance.errors",
    "ReportModelError": "compliance.errors", "RulePackError": "compliance.errors", "UsageError": "compliance.errors",
    "Report": "compliance.model", "read_document": "compliance.readers",
    "Finding": "compliance.results", "ReportResult": "compliance.results", "Results": "compliance.results",
    "RuleInfo": "compliance.results", "Status": "compliance.results",
    "RulePack": "compliance.rules", "load_pack": "compliance.rules", "Severity": "compliance.severity",
    "compare": "compliance.compare", "Comparison": "compliance.compare",
    "pair_inputs": "compliance.pairing", "Pairing": "compliance.pairing",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use, then keep it in the module's namespace."""
    if name == "__version__":
        from compliance.api import version as _version

        value: Any = _version()
    elif name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
    else:
        raise AttributeError(f"module 'compliance' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Comparison",
    "ComplianceError",
    "Config",
    "DocumentError",
    "EvaluationError",
    "ExpressionCheckError",
    "ExpressionError",
    "ExpressionSyntaxError",
    "Finding",
    "Pairing",
    "Report",
    "ReportModelError",
    "ReportResult",
    "Results",
    "RuleInfo",
    "RulePack",
    "RulePackError",
    "Severity",
    "Status",
    "Summary",
    "UsageError",
    "__version__",
    "apply_waivers",
    "check",
    "check_paths",
    "compare",
    "example_path",
    "iter_check",
    "load_config",
    "load_pack",
    "load_packs",
    "pair_inputs",
    "read_document",
    "results_for",
    "summarize",
    "version",
]

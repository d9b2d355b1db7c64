"""compliance: checks government information-disclosure annual reports (政府信息公开工作年度报告)
against Art. 50 of the OGI Regulations and the 2021 report format.

    import compliance
    result = compliance.check("report.txt")          # a ReportResult
    for finding in result.failures():
        print(finding.rule, finding.message)

This module is a facade; internal code imports from the defining modules, never from here.
"""

from compliance.api import check, check_paths, example_path, load_packs, results_for, version
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
from compliance.readers import read_document
from compliance.results import Finding, ReportResult, Results, RuleInfo, Status
from compliance.rules import RulePack, load_pack
from compliance.severity import Severity

__version__ = version()

__all__ = [
    "ComplianceError",
    "DocumentError",
    "EvaluationError",
    "ExpressionCheckError",
    "ExpressionError",
    "ExpressionSyntaxError",
    "Finding",
    "Report",
    "ReportModelError",
    "ReportResult",
    "Results",
    "RuleInfo",
    "RulePack",
    "RulePackError",
    "Severity",
    "Status",
    "UsageError",
    "__version__",
    "check",
    "check_paths",
    "example_path",
    "load_pack",
    "load_packs",
    "read_document",
    "results_for",
    "version",
]

"""The engine: applies rule packs to report models. Knows rules, lang, model and results;
nothing of files, YAML, HTML or output formats."""

from compliance.engine.engine import check_report, rule_info

__all__ = ["check_report", "rule_info"]

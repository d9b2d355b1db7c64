"""The public library calls: read documents, load packs, check, and collect ``Results``.

Wires readers → engine → results; the command line is a thin layer over these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from compliance.engine import check_report, rule_info
from compliance.errors import ComplianceError
from compliance.model.report import Report, report_from_data
from compliance.readers import DOCUMENT_SUFFIXES, read_document
from compliance.results import PackInfo, ReportResult, Results
from compliance.rules import RulePack, load_default_pack, load_pack
from compliance.source import SourceRef

EXAMPLE_NAME = "liaocheng-hrss-2023.txt"


def version() -> str:
    """The installed version of ``compliance``."""
    try:
        return metadata.version("compliance")
    except metadata.PackageNotFoundError:  # running from a source tree without an install
        return "0+unknown"


def example_path() -> Path:
    """The embedded example report (a real published report, with its real defects)."""
    return Path(str(resources.files("compliance").joinpath("examples", EXAMPLE_NAME)))


def load_packs(rules: Sequence[str | Path] = (), *, default: bool = True) -> list[RulePack]:
    """The default pack (unless ``default`` is False) followed by the packs at ``rules``.

    Extra packs are loaded on top of the default one, so they can use its constants and
    definitions.
    """
    packs: list[RulePack] = [load_default_pack()] if default else []
    for path in rules:
        packs.append(load_pack(path, base=packs[0] if packs else None))
    return packs


def _as_report(source: str | Path | Report | Mapping[str, Any], published: str | None) -> Report:
    if isinstance(source, Report):
        report = source
    elif isinstance(source, Mapping):
        report = report_from_data(source)
    else:
        report = read_document(source)
    if published is not None:
        data = dict(report.data)
        data["metadata"] = {**data["metadata"], "published": published}
        report = Report(data, report.source)
    return report


def check(source: str | Path | Report | Mapping[str, Any], packs: Sequence[RulePack] | None = None, *,
          lang: str = "zh", published: str | None = None) -> ReportResult:
    """Check one document, report model or ``Report`` against ``packs`` (default: the default pack).

    Raises:
        DocumentError, ReportModelError: the input cannot be read.
    """
    report = _as_report(source, published)
    return check_report(report, packs if packs is not None else load_packs(), lang=lang)


def expand_inputs(paths: Iterable[str | Path]) -> list[str]:
    """Paths as given, with every folder replaced by the documents in it (sorted, recursive)."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            out.append(str(path))
    return out


def check_paths(paths: Iterable[str | Path], packs: Sequence[RulePack], *, lang: str = "zh",
                published: str | None = None) -> Results:
    """Check every input; an unreadable one becomes an entry with ``error`` set, never a loss."""
    reports: list[ReportResult] = []
    for path in expand_inputs(paths):
        try:
            reports.append(check(path, packs, lang=lang, published=published))
        except ComplianceError as exc:
            reports.append(ReportResult(path, error=exc.message if exc.source else str(exc)))
    return results_for(reports, packs, lang=lang)


def results_for(reports: Sequence[ReportResult], packs: Sequence[RulePack], *, lang: str = "zh") -> Results:
    """Wrap report results with the packs and rule snapshots reporters need."""
    infos = tuple(rule_info(rule, pack) for pack in packs for rule in pack.rules)
    pack_infos = tuple(PackInfo(p.name, p.version, len(p.rules)) for p in packs)
    return Results(version(), pack_infos, infos, tuple(reports), lang)


__all__ = ["SourceRef", "check", "check_paths", "example_path", "expand_inputs", "load_packs", "results_for",
           "version"]

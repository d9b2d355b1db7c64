"""Optional third-party parsers, imported lazily so the core install does not need them.

``require(module, extra)`` imports a parser when a reader first needs it and turns its absence into
a one-line ``DocumentError`` naming the extra to install (``pip install 'ogi-compliance[docx]'``).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from compliance.errors import DocumentError
from compliance.source import SourceRef


def require(module: str, extra: str, *, what: str, uri: str) -> ModuleType:
    """The imported ``module``; ``DocumentError`` naming ``ogi-compliance[extra]`` when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise DocumentError(
            f"reading {what} needs the optional '{module.split('.')[0]}' package: install 'ogi-compliance[{extra}]'",
            source=SourceRef(uri),
        ) from exc

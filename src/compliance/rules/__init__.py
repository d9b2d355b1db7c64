"""Rule packs: YAML files → schema-checked, compiled ``Rule`` objects. Knows ``lang`` and
``schemas``; not the report model's data, the engine or any document format."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from compliance.rules.diagnostics import CODES, Diagnostic, Diagnostics
from compliance.rules.packs import (
    default_pack_path,
    find_pack,
    is_default_pack,
    load_default_pack,
    without_extended,
)
from compliance.rules.rule import Example, ForEach, Requirement, Rule, RulePack, Template, Texts

if TYPE_CHECKING:
    from compliance.rules.loader import base_environment, load_pack, read_pack


def __getattr__(name: str) -> Any:
    """The loader's functions, imported on first use: reading YAML is needed only when a pack is
    not in the cache, and importing PyYAML and the loader costs ~30 ms of start-up."""
    if name in ("base_environment", "load_pack", "read_pack"):
        value = getattr(importlib.import_module("compliance.rules.loader"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'compliance.rules' has no attribute {name!r}")


__all__ = [
    "CODES",
    "Diagnostic",
    "Diagnostics",
    "Example",
    "ForEach",
    "Requirement",
    "Rule",
    "RulePack",
    "Template",
    "Texts",
    "base_environment",
    "default_pack_path",
    "find_pack",
    "is_default_pack",
    "load_default_pack",
    "load_pack",
    "read_pack",
    "without_extended",
]

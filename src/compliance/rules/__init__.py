"""Rule packs: YAML files → schema-checked, compiled ``Rule`` objects. Knows ``lang`` and
``schemas``; not the report model's data, the engine or any document format."""

from compliance.rules.diagnostics import CODES, Diagnostic, Diagnostics
from compliance.rules.loader import base_environment, load_pack, read_pack
from compliance.rules.packs import (
    default_pack_path,
    find_pack,
    is_default_pack,
    load_default_pack,
    without_extended,
)
from compliance.rules.rule import Example, ForEach, Requirement, Rule, RulePack, Template, Texts

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

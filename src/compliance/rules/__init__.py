"""Rule packs: YAML files → schema-checked, compiled ``Rule`` objects. Knows ``lang`` and
``schemas``; not the report model's data, the engine or any document format."""

from compliance.rules.loader import base_environment, load_pack
from compliance.rules.packs import default_pack_path, load_default_pack
from compliance.rules.rule import ForEach, Requirement, Rule, RulePack, Template, Texts

__all__ = [
    "ForEach", "Requirement", "Rule", "RulePack", "Template", "Texts",
    "base_environment", "default_pack_path", "load_default_pack", "load_pack",
]

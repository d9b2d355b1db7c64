"""Rule packs from YAML: validate against rulepack.schema.json, compile every expression once.

``read_pack`` collects *every* problem of every file into ``Diagnostics`` (``compliance rules
lint``); ``load_pack`` raises the first fatal one as ``RulePackError`` with ``file:line:col``.
A pack folder holds ``pack.yaml`` (name, version, requires, extends, constants, definitions)
and rule files with a ``rules:`` list; a single rule file can be loaded on top of another pack.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from compliance.errors import RulePackError
from compliance.lang import Environment, Expression
from compliance.lang.generated import GeneratedExpression
from compliance.lang.static_types import from_value
from compliance.rules.diagnostics import Diagnostics, suggest
from compliance.rules.files import RuleFile, compatible, deep_merge
from compliance.rules.model_types import report_names
from compliance.rules.plugins import engine_version, find_pack, function_registry, satisfies
from compliance.rules.rule import Rule, RulePack, Texts
from compliance.rules.rule_builder import build_rule, check_broken_rule
from compliance.schemas import vocabulary
from compliance.source import SourceRef

MANIFEST = "pack.yaml"
_LOADING: list[Path] = []  # the pack folders whose ``extends`` are being loaded (to name a cycle)
EXAMPLE_BASE = "examples/base.json"


def base_environment() -> Environment:
    """The environment every pack starts from: the report model's names, the built-ins and the
    installed custom functions."""
    return Environment(report_names(), function_registry())


def _merge_environments(first: Environment, second: Environment) -> Environment:
    clash = set(first.definitions) & set(second.definitions)
    if clash:
        raise RulePackError(f"CR014 the extended packs both define {', '.join(sorted(clash))}")
    return Environment({**first.names, **second.names}, first.functions,
                       {**first.definitions, **second.definitions})


def pack_constants(data: Mapping[str, Any]) -> dict[str, Any]:
    """The constants of a pack.yaml: those it writes, over the table vocabulary (row and column ids,
    official labels, names; ``compliance.schemas.vocabulary``) when it says ``table_vocabulary: true``.
    A constant the pack writes itself wins over the vocabulary's of the same name."""
    written = dict(data.get("constants") or {})
    if data.get("table_vocabulary") is not True:
        return written
    return {**vocabulary.pack_constants(), **written}


class _Manifest:
    """pack.yaml: identity, requirements, bases, constants (with overrides) and definitions."""

    def __init__(self, root: Path, diags: Diagnostics, overrides: Mapping[str, Any]) -> None:
        self.file = RuleFile(root / MANIFEST, diags)
        data = self.file.data if isinstance(self.file.data, dict) else {}
        self.data = data
        self.name: str = data.get("name") or root.name
        self.version: str = str(data.get("version", "0"))
        self.overrides = dict(overrides)
        if self.file.ok:
            self.file.check_schema()
            if "rules" in data:
                self.file.report("CR002", "", f"{MANIFEST} must hold name, version, constants and definitions, "
                                 "not rules")

    def check_requires(self) -> None:
        spec = (self.data.get("requires") or {}).get("compliance")
        have = engine_version()
        if isinstance(spec, str) and have is not None:
            try:
                ok = satisfies(have, spec)
            except ValueError as exc:
                self.file.report("CR002", "/requires/compliance", str(exc))
                return
            if not ok:
                self.file.report("CR013", "/requires/compliance",
                                 f"pack {self.name} needs compliance {spec}; this is compliance {have}")

    def bases(self, root: Path) -> list[RulePack]:
        out: list[RulePack] = []
        for i, name in enumerate(self.data.get("extends") or []):
            own = set(pack_constants(self.data))
            passdown = {k: v for k, v in self.overrides.items() if k not in own}
            try:
                found = find_pack(name, root)
                chain = list(_LOADING)  # ends with this pack (read_pack put it there)
                if Path(found).resolve() in chain:
                    start = chain.index(Path(found).resolve())
                    cycle = " → ".join(p.name for p in [*chain[start:], Path(found).resolve()])
                    self.file.report("CR014", f"/extends/{i}", f"`extends` makes a cycle: {cycle}")
                    continue
                out.append(load_pack(found, overrides=passdown))
            except RulePackError as exc:
                message = exc.message if exc.message.startswith("CR0") else f"CR014 {exc.message}"
                self.file.report("CR014", f"/extends/{i}", message.removeprefix("CR014 "))
        return out

    def constants(self, inherited: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The pack's own constants with overrides applied, and the overrides used."""
        own: dict[str, Any] = pack_constants(self.data)
        used: dict[str, Any] = {}
        for name, value in self.overrides.items():
            if name not in own:
                continue
            merged = deep_merge(own[name], value)
            problem = compatible(own[name], merged)
            if problem:
                raise RulePackError(f"CR022 parameter '{name}' of pack {self.name}: {problem}")
            own[name] = used[name] = merged
        from_vocabulary = set(own) - set(self.data.get("constants") or {})
        if from_vocabulary & set(inherited):
            self.file.report("CR002", "/table_vocabulary", "`table_vocabulary: true`, but the base pack already "
                             "has the table vocabulary's constants; remove it (override them under `parameters`)")
        for name in own:
            if name in inherited and name not in used and name not in from_vocabulary:
                self.file.report("CR002", f"/constants/{name}", f"constant '{name}' is already defined by "
                                 "the base pack; override it under `parameters` in compliance.toml instead")
        return own, used

    def definitions(self, env: Environment) -> Environment:
        for name, spec in (self.data.get("definitions") or {}).items():
            if isinstance(spec, str):
                env = self.file.define(env, name, f"/definitions/{name}", ())
            elif isinstance(spec, dict) and isinstance(spec.get("expr"), str):
                env = self.file.define(env, name, f"/definitions/{name}/expr", tuple(spec.get("params") or ()))
        return env


def _expressions(value: Any, depth: int = 0) -> list[Expression]:
    """The compiled expressions of a rule (require, when, evidence, messages, for_each…)."""
    if isinstance(value, Expression):
        return [value]
    if depth > 3 or isinstance(value, str | bytes | int | float | bool) or value is None:
        return []
    if isinstance(value, Mapping):
        return [e for item in value.values() for e in _expressions(item, depth + 1)]
    if isinstance(value, tuple | list):
        return [e for item in value for e in _expressions(item, depth + 1)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [e for f in dataclasses.fields(value) for e in _expressions(getattr(value, f.name), depth + 1)]
    return []


def _check_generated_code(file: RuleFile, pointer: str, rule: Rule) -> None:
    """Generate the Python code of every expression of ``rule`` now; one that Python cannot compile
    (21 nested quantifiers, 100 nested ``if``, a literal too long to write) runs with the closure
    compiler instead, and ``rules lint`` says so (CR016, not fatal: the rule still works)."""
    for expression in _expressions(rule):
        run = expression._run
        if isinstance(run, GeneratedExpression):
            run.build()
            if run.problem is not None:
                file.report("CR016", f"{pointer}/id", f"rule '{rule.id}': an expression is too complex for "
                            f"generated code ({run.problem}); it runs with the slower closure compiler",
                            fatal=False)
                return


def read_pack(path: str | Path, diags: Diagnostics, *, base: RulePack | None = None,
              overrides: Mapping[str, Any] | None = None) -> RulePack:
    """Load a pack folder (with pack.yaml) or a single rule file, recording every problem in
    ``diags`` (fatal ones mean the returned pack is incomplete and must not be used).

    A pack loaded with ``base`` sees the base pack's constants and definitions (``--rules`` on
    top of the default pack). A pack whose pack.yaml ``extends`` others includes their rules;
    its rules with ``override: true`` replace theirs. ``overrides`` replace constants (deep-merged,
    re-typechecked): the pack's own, or those of the packs it extends.
    """
    root = Path(path)
    overrides = dict(overrides or {})
    env = base.environment if base is not None else base_environment()
    constants: dict[str, Any] = dict(base.constants) if base is not None else {}
    name, version, title, description = root.stem, "0", Texts(root.stem, root.stem), ""
    bases: list[RulePack] = []
    used: dict[str, Any] = {}
    own_names: set[str] = set()
    requires: dict[str, str] = {}
    example_base = base.example_base if base is not None else None
    if root.is_dir():
        if not (root / MANIFEST).is_file():
            raise RulePackError(f"a rule pack folder needs a {MANIFEST}", source=SourceRef(str(root)))
        manifest = _Manifest(root, diags, overrides)
        manifest.check_requires()
        _LOADING.append(root.resolve())
        try:
            bases = manifest.bases(root)
        finally:
            _LOADING.pop()
        if bases:  # a pack that extends others is self-contained: it does not sit on ``base``
            base, constants = None, {}
            env = bases[0].environment
            for i, extended in enumerate(bases):
                if i:
                    env = _merge_environments(env, extended.environment)
                constants.update(extended.constants)
                used.update(extended.overrides)
                own_names |= extended.parameters
                example_base = extended.example_base or example_base
        own, own_used = manifest.constants(constants)
        used.update(own_used)
        own_names |= set(own)
        constants.update(own)
        env = env.with_names({k: from_value(v) for k, v in own.items()})
        env = manifest.definitions(env)
        data = manifest.data
        name, version = manifest.name, manifest.version
        title = Texts(**data["title"]) if isinstance(data.get("title"), dict) and set(data["title"]) == {
            "zh", "en"} else Texts(name, name)
        description = str(data.get("description", ""))
        requires = dict(data.get("requires") or {})
        if isinstance(data.get("example_base"), str):
            example_base = str((root / data["example_base"]).resolve())
        elif (root / EXAMPLE_BASE).is_file():
            example_base = str((root / EXAMPLE_BASE).resolve())
        files = sorted(p for p in root.glob("*.yaml") if p.name != MANIFEST)
    elif root.is_file():
        files = [root]
    else:
        raise RulePackError("no such rule file or folder", source=SourceRef(str(root)))
    unknown = set(overrides) - set(used)
    if unknown:
        known = own_names | set(constants)
        first = sorted(unknown)[0]
        raise RulePackError(f"CR022 pack {name} has no parameter '{first}'{suggest(first, known)}")

    inherited: dict[str, Rule] = {}
    for extended in bases:
        for rule in extended.rules:
            inherited.setdefault(rule.id, rule)
    own_rules: list[Rule] = []
    seen: dict[str, str] = {}
    for file_path in files:
        file = RuleFile(file_path, diags)
        if not file.ok or file.data is None:
            continue
        broken = file.check_schema()
        if not isinstance(file.data, dict) or "rules" not in file.data:
            file.report("CR002", "", "a rule file holds a `rules:` list (pack settings belong in pack.yaml)")
            continue
        if "" in broken or "/rules" in broken or not isinstance(file.data["rules"], list):
            continue
        for i in range(len(file.data["rules"])):
            pointer = f"/rules/{i}"
            if any(b == pointer or b.startswith(pointer + "/") for b in broken):
                check_broken_rule(file, env, pointer)
                continue
            built = build_rule(file, env, pointer, example_base)
            data = file.data["rules"][i]
            override = bool(data.get("override", False))
            for j, rid in enumerate([data["id"], *data.get("aliases", [])]):
                where = f"{pointer}/id" if j == 0 else f"{pointer}/aliases/{j - 1}"
                if rid in seen:
                    file.report("CR009", where, f"duplicate rule id '{rid}' (also at {seen[rid]})")
                elif rid in inherited and not override:
                    file.report("CR009", where, f"rule id '{rid}' is already a rule of the extended pack "
                                f"(at {inherited[rid].source}); add `override: true` to replace it")
                seen.setdefault(rid, str(SourceRef(file.uri, file.span(where))))
            if override and data["id"] not in inherited:
                file.report("CR014", f"{pointer}/override", f"`override: true`, but the extended packs have no "
                            f"rule '{data['id']}'{suggest(data['id'], inherited)}")
            if built is not None:
                _check_generated_code(file, pointer, built)
                own_rules.append(built)
    replacing = {r.id: r for r in own_rules if r.override}
    rules = [replacing.pop(r.id, r) for r in inherited.values()] + [r for r in own_rules if not r.override]
    rules += list(replacing.values())
    return RulePack(name, version, title, tuple(rules), env, constants, str(root), description=description,
                    base=base, extends=tuple(bases), parameters=frozenset(own_names), example_base=example_base,
                    requires=requires, overrides=copy.deepcopy(used))


def load_pack(path: str | Path, *, base: RulePack | None = None,
              overrides: Mapping[str, Any] | None = None) -> RulePack:
    """Load a pack folder or a single rule file; see ``read_pack``.

    Raises:
        RulePackError: ``CODE message`` with ``file:line:col`` of the first problem.
    """
    diags = Diagnostics()
    pack = read_pack(path, diags, base=base, overrides=overrides)
    diags.raise_first()
    return pack

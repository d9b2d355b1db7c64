"""Rule packs from YAML: validate against rulepack.schema.json, compile every expression once.

Every problem is a ``RulePackError`` whose source is ``file:line:col`` (PyYAML node marks,
made 1-based). A pack folder holds ``pack.yaml`` (name, version, constants, definitions) and
rule files with a ``rules:`` list; a single rule file can be loaded on top of another pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from compliance.errors import ExpressionError, RulePackError
from compliance.lang import Environment, Expression
from compliance.lang.static_types import Type, from_value
from compliance.rules.model_types import report_names
from compliance.rules.rule import ForEach, Requirement, Rule, RulePack, Template, Texts
from compliance.rules.yaml_source import ScalarPosition, expression_span, load_yaml, position_of
from compliance.schemas import issues
from compliance.severity import Severity
from compliance.source import SourceRef

MANIFEST = "pack.yaml"


class _File:
    """One YAML file being loaded: its data, positions and a way to raise located errors."""

    def __init__(self, path: Path) -> None:
        self.uri = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulePackError(f"cannot read rule file: {exc}", source=SourceRef(self.uri)) from exc
        self.data, self.positions = load_yaml(text, self.uri)

    def error(self, pointer: str, message: str) -> RulePackError:
        return RulePackError(message, source=SourceRef(self.uri, position_of(self.positions, pointer)))

    def validate(self) -> None:
        found = issues("rulepack", self.data)
        if found:
            raise self.error(found[0].pointer, f"{found[0].message} (at {found[0].pointer or '/'})")

    def compile(self, env: Environment, pointer: str, locals_: Mapping[str, Type] | None = None) -> Expression:
        text = _get(self.data, pointer)
        try:
            return env.compile(text, locals_)
        except ExpressionError as exc:
            raise self._expression_error(pointer, exc) from exc

    def _expression_error(self, pointer: str, exc: ExpressionError) -> RulePackError:
        position = self.positions.get(pointer) or ScalarPosition(
            position_of(self.positions, pointer) or exc.span or _origin(), None, 0)
        span = expression_span(position, exc.span)
        err = RulePackError(f"{exc.message} in `{_short(exc.text)}`", source=SourceRef(self.uri, span))
        err.__cause__ = exc
        return err

    def define(self, env: Environment, name: str, pointer: str, params: tuple[str, ...]) -> Environment:
        try:
            return env.define(name, _get(self.data, pointer), params)
        except ExpressionError as exc:
            raise self._expression_error(pointer, exc) from exc


def _origin() -> Any:
    from compliance.source import Span

    return Span(1, 1)


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 80 else one[:77] + "..."


def _get(data: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _texts(value: Mapping[str, str]) -> Texts:
    return Texts(value["zh"], value["en"])


def _template(file: _File, env: Environment, pointer: str, locals_: Mapping[str, Type]) -> Template:
    text: str = _get(file.data, pointer)
    parts: list[str | Expression] = []
    buf: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith("{{", i) or text.startswith("}}", i):
            buf.append(ch)
            i += 2
            continue
        if ch == "{":
            end = text.find("}", i)
            if end < 0:
                raise file.error(pointer, f"unclosed '{{' in message template: {_short(text)}")
            if buf:
                parts.append("".join(buf))
                buf = []
            try:
                parts.append(env.compile(text[i + 1:end], locals_))
            except ExpressionError as exc:
                raise file.error(pointer, f"in message placeholder {{{text[i + 1:end]}}}: {exc.message}") from exc
            i = end + 1
            continue
        buf.append(ch)
        i += 1
    if buf:
        parts.append("".join(buf))
    return Template(tuple(parts))


def _rule(file: _File, env: Environment, pointer: str) -> Rule:
    data: dict[str, Any] = _get(file.data, pointer)
    requires: list[Requirement] = []
    for i, item in enumerate(data.get("requires", [])):
        if isinstance(item, str):
            requires.append(Requirement(file.compile(env, f"{pointer}/requires/{i}"), Texts(item, item)))
        else:
            requires.append(Requirement(file.compile(env, f"{pointer}/requires/{i}/path"), _texts(item["what"])))
    when = file.compile(env, f"{pointer}/when") if "when" in data else None
    locals_: dict[str, Type] = {}
    for_each = None
    if "for_each" in data:
        spec = data["for_each"]
        collection = file.compile(env, f"{pointer}/for_each/in")
        from compliance.lang.static_types import element_type

        locals_ = {spec["var"]: element_type(collection.type)}
        label = file.compile(env, f"{pointer}/for_each/label", locals_) if "label" in spec else None
        for_each = ForEach(spec["var"], collection, label)
    require = file.compile(env, f"{pointer}/require", locals_)
    messages = {lang: _template(file, env, f"{pointer}/message/{lang}", locals_) for lang in ("zh", "en")}
    pass_messages = {lang: _template(file, env, f"{pointer}/pass_message/{lang}", locals_)
                     for lang in ("zh", "en")} if "pass_message" in data else {}
    evidence = {name: file.compile(env, f"{pointer}/evidence/{name}", locals_)
                for name in data.get("evidence", {})}
    locate = file.compile(env, f"{pointer}/locate", locals_) if "locate" in data else None
    return Rule(
        id=data["id"], title=_texts(data["title"]), severity=Severity(data["severity"]), require=require,
        messages=messages, source=SourceRef(file.uri, position_of(file.positions, pointer)),
        basis=data.get("basis", ""), tags=tuple(data.get("tags", ())), aliases=tuple(data.get("aliases", ())),
        requires=tuple(requires), when=when, for_each=for_each, pass_messages=pass_messages,
        evidence=evidence, locate=locate,
    )


def _manifest(file: _File, base: Environment) -> tuple[Environment, dict[str, Any]]:
    data = file.data
    constants: dict[str, Any] = dict(data.get("constants", {}))
    env = base.with_names({name: from_value(value) for name, value in constants.items()})
    for name, spec in data.get("definitions", {}).items():
        if isinstance(spec, str):
            env = file.define(env, name, f"/definitions/{name}", ())
        else:
            env = file.define(env, name, f"/definitions/{name}/expr", tuple(spec.get("params", ())))
    return env, constants


def base_environment() -> Environment:
    """The environment every pack starts from: the report model's names and the built-ins."""
    return Environment(report_names())


def load_pack(path: str | Path, *, base: RulePack | None = None) -> RulePack:
    """Load a pack folder (with pack.yaml) or a single rule file.

    A pack loaded with ``base`` sees the base pack's constants and definitions, so a local
    rule file can reuse them (``--rules`` on top of the default pack).

    Raises:
        RulePackError: with ``file:line:col`` of the first problem.
    """
    root = Path(path)
    env = base.environment if base is not None else base_environment()
    constants: dict[str, Any] = dict(base.constants) if base is not None else {}
    name, version, title = root.stem, "0", Texts(root.stem, root.stem)
    if root.is_dir():
        manifest_path = root / MANIFEST
        if not manifest_path.is_file():
            raise RulePackError(f"a rule pack folder needs a {MANIFEST}", source=SourceRef(str(root)))
        manifest = _File(manifest_path)
        manifest.validate()
        if not isinstance(manifest.data, dict) or "rules" in manifest.data:
            raise manifest.error("", f"{MANIFEST} must hold name, version, constants and definitions, not rules")
        env, own = _manifest(manifest, env)
        constants.update(own)
        name, version = manifest.data["name"], manifest.data["version"]
        title = _texts(manifest.data["title"]) if "title" in manifest.data else Texts(name, name)
        files = sorted(p for p in root.glob("*.yaml") if p.name != MANIFEST)
    elif root.is_file():
        files = [root]
    else:
        raise RulePackError("no such rule file or folder", source=SourceRef(str(root)))
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for file_path in files:
        file = _File(file_path)
        if file.data is None:
            continue
        file.validate()
        if "rules" not in file.data:
            raise file.error("", "a rule file holds a `rules:` list (pack settings belong in pack.yaml)")
        for i in range(len(file.data["rules"])):
            rule = _rule(file, env, f"/rules/{i}")
            for rid in (rule.id, *rule.aliases):
                if rid in seen:
                    raise file.error(f"/rules/{i}/id", f"duplicate rule id '{rid}' (also at {seen[rid].source})")
                seen[rid] = rule
            rules.append(rule)
    return RulePack(name, version, title, tuple(rules), env, constants, str(root))

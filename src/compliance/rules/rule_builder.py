"""One rule of a rule file → a compiled ``Rule``; every problem is reported, none stops the others.

Also the checks that do not stop loading but fail ``compliance rules lint``: a ``when`` or
``require`` that never reads the report (CR010), and a rule without a passing and a failing
example (CR011) or with an example that cannot be built (CR012).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from compliance.errors import ExpressionError
from compliance.lang import Environment, Expression
from compliance.lang.static_types import Type, element_type
from compliance.rules.analysis import MODEL_ROOTS, ModelReads, free_names, reads_name
from compliance.rules.files import RuleFile, get
from compliance.rules.rule import Example, ForEach, Requirement, Rule, Template, Texts
from compliance.severity import Severity
from compliance.source import SourceRef, Span


def _placeholder_span(text: str, start: int, inner: Span | None) -> Span:
    """The span of a placeholder's error inside the whole template text (1-based)."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    if inner is None:
        return Span(line, column)
    if inner.line > 1:
        return Span(line + inner.line - 1, inner.column)
    end = None if inner.end_column is None else column + inner.end_column - 1
    return Span(line, column + inner.column - 1, line if end else None, end)


def template(file: RuleFile, env: Environment, pointer: str, locals_: Mapping[str, Type]) -> Template | None:
    """A message template with its ``{placeholders}`` compiled, or None (problems reported)."""
    text: str = get(file.data, pointer)
    parts: list[str | Expression] = []
    buf: list[str] = []
    ok = True
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
                file.report("CR008", pointer, f"unclosed '{{' in message template: {text[i:i + 40]}")
                return None
            if buf:
                parts.append("".join(buf))
                buf = []
            source = text[i + 1:end]
            try:
                parts.append(env.compile(source, locals_))
            except ExpressionError as exc:
                ok = False
                exc.span = _placeholder_span(text, i + 1, exc.span)
                exc.text = source
                file.expression_error(pointer, exc, "CR008", f"in message placeholder {{{source}}}: ")
            i = end + 1
            continue
        buf.append(ch)
        i += 1
    if buf:
        parts.append("".join(buf))
    return Template(tuple(parts)) if ok else None


def _example(file: RuleFile, where: str, spec: Mapping[str, Any], name: str, expect: str) -> Example:
    fixture = None
    if isinstance(spec.get("fixture"), str):
        fixture = str((file.path.parent / spec["fixture"]).resolve())
        if not Path(fixture).is_file():
            file.report("CR012", f"{where}/fixture", f"example fixture {spec['fixture']} not found "
                        f"(looked for {fixture})", fatal=False)
    previous = spec.get("previous")
    return Example(
        name=name, expect=expect, source=SourceRef(file.uri, file.span(where)),
        message=spec.get("message"), fixture=fixture, patch=spec.get("patch"),
        set=dict(spec.get("set") or {}), remove=tuple(spec.get("remove") or ()),
        previous=None if not isinstance(previous, Mapping)
        else _example(file, f"{where}/previous", previous, f"{name} (previous report)", expect))


def _examples(file: RuleFile, pointer: str, data: Mapping[str, Any]) -> tuple[Example, ...]:
    return tuple(_example(file, f"{pointer}/examples/{j}", spec, str(spec["name"]), str(spec["expect"]))
                 for j, spec in enumerate(data.get("examples") or []))


def check_broken_rule(file: RuleFile, env: Environment, pointer: str) -> None:
    """Report the expression problems of a rule whose shape is wrong (so it is not built), so that
    lint still shows every problem in one pass."""
    data = get(file.data, pointer)
    if not isinstance(data, dict):
        return
    locals_: dict[str, Type] = {}
    spec = data.get("for_each")
    if isinstance(spec, dict) and isinstance(spec.get("in"), str) and isinstance(spec.get("var"), str):
        collection = file.compile(env, f"{pointer}/for_each/in")
        from compliance.lang import ANY

        locals_ = {spec["var"]: element_type(collection.type) if collection is not None else ANY}
    if isinstance(data.get("let"), dict):
        locals_ = build_lets(file, env, pointer, data, locals_)[1]
    for key in ("when", "require", "locate"):
        if isinstance(data.get(key), str):
            file.compile(env, f"{pointer}/{key}", locals_ if key != "when" else None)
    for key in ("message", "pass_message", "skip_message"):
        for lang in ("zh", "en"):
            if isinstance(data.get(key), dict) and isinstance(data[key].get(lang), str):
                template(file, env, f"{pointer}/{key}/{lang}", locals_ if key != "skip_message" else {})


def build_rule(file: RuleFile, env: Environment, pointer: str, example_base: str | None = None) -> Rule | None:
    """The compiled rule at ``pointer`` (already schema-valid), or None when an expression fails.
    The lint-only checks run on whatever compiled."""
    data: dict[str, Any] = get(file.data, pointer)
    failed = False

    def compile_(sub: str, locals_: Mapping[str, Type] | None = None) -> Expression | None:
        nonlocal failed
        expr = file.compile(env, f"{pointer}/{sub}", locals_)
        failed = failed or expr is None
        return expr

    requires: list[Requirement] = []
    for i, item in enumerate(data.get("requires", [])):
        if isinstance(item, str):
            path = compile_(f"requires/{i}")
            what = Texts(item, item)
        else:
            path = compile_(f"requires/{i}/path")
            what = Texts(item["what"]["zh"], item["what"]["en"])
        if path is not None:
            requires.append(Requirement(path, what))
    when = None
    if "when" in data:
        when = compile_when(file, env, pointer, data)
        failed = failed or when is None
    locals_: dict[str, Type] = {}
    for_each = None
    collection = None
    if "for_each" in data:
        spec = data["for_each"]
        collection = compile_("for_each/in")
        if collection is not None:
            locals_ = {spec["var"]: element_type(collection.type)}
        else:
            from compliance.lang import ANY

            locals_ = {spec["var"]: ANY}
    item_locals = locals_  # what the pass message sees in a for_each rule (no item's bindings)
    lets, locals_, lets_ok = build_lets(file, env, pointer, data, locals_)
    failed = failed or not lets_ok
    if collection is not None:
        spec = data["for_each"]
        label = compile_("for_each/label", locals_) if "label" in spec else None
        for_each = ForEach(spec["var"], collection, label)
    require = compile_("require", locals_)
    messages = {lang: template(file, env, f"{pointer}/message/{lang}", locals_) for lang in ("zh", "en")}
    pass_locals = item_locals if "for_each" in data else locals_
    pass_messages = {lang: template(file, env, f"{pointer}/pass_message/{lang}", pass_locals)
                     for lang in ("zh", "en")} if "pass_message" in data else {}
    skip_messages = {lang: template(file, env, f"{pointer}/skip_message/{lang}", {})
                     for lang in ("zh", "en")} if "skip_message" in data else {}
    evidence = {name: compile_(f"evidence/{_escape(name)}" + ("/value" if isinstance(spec, dict) else ""), locals_)
                for name, spec in data.get("evidence", {}).items()}
    labels = {name: Texts(spec["label"]["zh"], spec["label"]["en"])
              for name, spec in data.get("evidence", {}).items() if isinstance(spec, dict)}
    locate = compile_("locate", locals_) if "locate" in data else None
    examples = _examples(file, pointer, data)
    quality_checks(file, env, pointer, str(data["id"]), when, require, for_each, examples, example_base, lets)
    guidance_checks(file, pointer, data)
    unused_lets(file, pointer, str(data["id"]), lets, [
        require, *(p for t in (*messages.values(), *pass_messages.values()) if t is not None for p in t.parts),
        *evidence.values(), locate, for_each.label if for_each is not None else None])
    if failed or require is None or None in (*messages.values(), *pass_messages.values(), *skip_messages.values()):
        return None
    return Rule(
        id=data["id"], title=Texts(data["title"]["zh"], data["title"]["en"]), severity=Severity(data["severity"]),
        require=require, messages={k: v for k, v in messages.items() if v is not None},
        source=SourceRef(file.uri, file.span(pointer)), basis=_texts(data.get("basis")),
        fix=_texts(data.get("fix")), tags=tuple(data.get("tags", ())),
        aliases=tuple(data.get("aliases", ())), requires=tuple(requires), when=when, for_each=for_each,
        pass_messages={k: v for k, v in pass_messages.items() if v is not None},
        evidence={k: v for k, v in evidence.items() if v is not None}, evidence_labels=labels, locate=locate,
        description=str(data.get("description", "")), examples=examples, override=bool(data.get("override", False)),
        skip_messages={k: v for k, v in skip_messages.items() if v is not None},
        uses_previous=reads_name("previous", [e for e in (when, require, *(r.path for r in requires),
                                                          for_each.collection if for_each else None,
                                                          *(e for _, e in lets))
                                              if e is not None], env.definitions),
        lets=tuple(lets),
    )


def _shadowed(env: Environment, name: str, var: str | None) -> str | None:
    """What a ``let`` name would hide, or None: a model root, a constant, a definition or the
    ``for_each`` variable. Hiding any of them would make the same name mean two things in a rule."""
    if name in MODEL_ROOTS:
        return f"the report model's '{name}'"
    if name in env.definitions:
        return f"the definition '{name}'"
    if name in env.names:
        return f"the constant '{name}'"
    if name == var:
        return "the `for_each` variable"
    return None


def build_lets(file: RuleFile, env: Environment, pointer: str, data: Mapping[str, Any],
               locals_: Mapping[str, Type]) -> tuple[list[tuple[str, Expression]], dict[str, Type], bool]:
    """The rule's ``let:`` bindings compiled in order, each seeing the ``for_each`` variable and the
    bindings above it; the locals with every binding's type added; False when one failed (reported:
    CR024 for a name that hides another, the expression's own code otherwise). A failed binding is
    still typed (``any``) so that its uses do not cascade into more errors."""
    from compliance.lang import ANY

    spec = data.get("let") or {}
    var = data["for_each"].get("var") if isinstance(data.get("for_each"), Mapping) else None
    scope: dict[str, Type] = dict(locals_)
    out: list[tuple[str, Expression]] = []
    ok = True
    for name, text in spec.items():
        where = f"{pointer}/let/{_escape(str(name))}"
        hidden = _shadowed(env, str(name), var)
        if hidden is not None:
            file.report("CR024", where, f"`let: {name}` of rule '{data.get('id')}' hides {hidden}; "
                        "give the binding another name", key=True)
            ok = False
            continue
        expr = file.compile(env, where, scope) if isinstance(text, str) else None
        if expr is None:
            ok = False
        else:
            out.append((str(name), expr))
        scope[str(name)] = expr.type if expr is not None else ANY
    return out, scope, ok


def compile_when(file: RuleFile, env: Environment, pointer: str, data: Mapping[str, Any]) -> Expression | None:
    """``when``, compiled without the rule's locals: it decides whether the rule applies before any
    item is bound, so neither the ``for_each`` variable nor a ``let`` binding is visible to it (an
    error that names one says so)."""
    text = data["when"]
    try:
        return env.compile(text, None)
    except ExpressionError as exc:
        names = set(data.get("let") or {}) | ({data["for_each"].get("var")}
                                                if isinstance(data.get("for_each"), Mapping) else set())
        if any(exc.message.startswith(f"unknown name '{name}'") for name in names):
            exc.message += " (`when` is decided before any item: `let` and `for_each` names are not visible in it)"
        file.expression_error(f"{pointer}/when", exc)
        return None


def unused_lets(file: RuleFile, pointer: str, rule_id: str, lets: Sequence[tuple[str, Expression]],
                uses: Sequence[Expression | str | None]) -> None:
    """Warn (CR019, lint only) about a ``let`` binding that nothing of the rule uses: it is still
    computed for every item, so it costs time and is probably a leftover or a typo."""
    # A binding sees only those above it, so the names every use and every binding refers to are
    # the names used.
    used = free_names([e for e in uses if isinstance(e, Expression)] + [e for _, e in lets])
    for name, _ in lets:
        if name not in used:
            file.report("CR019", f"{pointer}/let/{_escape(name)}", f"`let: {name}` of rule '{rule_id}' is never "
                        "used (by require, a message, evidence, label, locate or a later binding)",
                        key=True, warning=True)


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _texts(value: Any) -> Texts:
    """``basis`` / ``fix`` as written: {zh, en}, or one string for both, or nothing."""
    if isinstance(value, Mapping):
        return Texts(str(value["zh"]), str(value["en"]))
    return Texts(str(value), str(value)) if value else Texts("", "")


def guidance_checks(file: RuleFile, pointer: str, data: Mapping[str, Any]) -> None:
    """Warnings of ``rules lint`` (not fatal, and not failing lint): a rule without ``basis`` or
    ``fix`` (CR017), an evidence value without a readable label (CR018). People reading a
    finding need both to act on it, and reports for people show only labelled evidence."""
    for key, what in (("basis", "the article or format item it rests on"),
                      ("fix", "what the office should change")):
        if not data.get(key):
            file.report("CR017", f"{pointer}/id", f"rule '{data['id']}' has no `{key}:` ({what}, zh and en); "
                        "reports show it with every finding", fatal=False, warning=True)
        elif isinstance(data[key], str):
            file.report("CR017", f"{pointer}/{key}", f"`{key}:` of rule '{data['id']}' is one string; "
                        "give it as {zh: …, en: …} so both languages say it", fatal=False, warning=True)
    for name, spec in (data.get("evidence") or {}).items():
        if not isinstance(spec, Mapping):
            file.report("CR018", f"{pointer}/evidence/{_escape(name)}", f"evidence '{name}' has no readable label, "
                        "so reports for people leave it out (write {value: …, label: {zh: …, en: …}})",
                        fatal=False, warning=True)


def quality_checks(file: RuleFile, env: Environment, pointer: str, rule_id: str, when: Expression | None,
                   require: Expression | None, for_each: ForEach | None, examples: tuple[Example, ...],
                   example_base: str | None, lets: Sequence[tuple[str, Expression]] = ()) -> None:
    """Lint-only problems of a rule (reported as not fatal)."""
    reads = ModelReads(env.definitions)
    dependent: frozenset[str] = frozenset()
    if for_each is not None and reads.expression(for_each.collection):
        dependent = frozenset({for_each.var})
    for name, expr in lets:  # a binding computed from the report makes what uses it read the report
        if reads.expression(expr, dependent):
            dependent |= {name}
    if when is not None and not reads.expression(when):
        file.report("CR010", f"{pointer}/when", f"`when: {' '.join(when.text.split())}` never reads the report, "
                    "so it is always the same: the rule always or never applies", fatal=False)
    if require is not None and not reads.expression(require, dependent):
        file.report("CR010", f"{pointer}/require", f"`require: {' '.join(require.text.split())}` never reads "
                    "the report, so every report gets the same verdict", fatal=False)
    kinds = {e.expect for e in examples}
    missing = [k for k in ("pass", "fail") if k not in kinds]
    if missing:
        where = f"{pointer}/examples" if examples else f"{pointer}/id"
        file.report("CR011", where, f"rule '{rule_id}' has no {' and no '.join(k + 'ing' for k in missing)} "
                    "example (add `examples:` with `expect: pass` and `expect: fail`)", fatal=False)
    if examples and example_base is None and any(e.fixture is None for e in examples):
        file.report("CR012", f"{pointer}/examples", "the examples patch a base model, but the pack has none "
                    "(add examples/base.json to the pack, or `example_base:` in pack.yaml, or use `fixture:`)",
                    fatal=False)

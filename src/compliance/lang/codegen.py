"""The code generator: a checked node tree → the source of one Python function → ``compile()``.

The source is built **only from the node tree**, never from rule text: every Python identifier in it
is one this module makes up (``_r3``, ``_v7``, ``_g2``, ``_D1``); the names of the language appear
only as dict keys written with ``repr()`` after checking they are identifiers; string and integer
literals are written with ``repr()`` of their value and every other constant (``Decimal``,
functions, definition bodies) is passed in the function's namespace, not written out. So no rule
text can become code (see docs/performance.md, "Why generated code is safe").

The function is in statement form: each node stores its value in a fresh local variable, so
short-circuits (``and``, ``or``, ``??``, ``if``) are ``if`` blocks and quantifiers are ``for`` loops
over local variables (no scope objects). Global names and the rule's own variables are read once
at the top; parameterless definitions come from the per-report cache; a path read unconditionally
is computed once per call; constant operators are folded. Anything unusual bails out (``runtime``).

A generated function can be **frozen** (``freeze``: its code object as ``marshal`` bytes and a
recipe for its namespace: built-in functions and definitions by name, other constants as values)
and **thawed** in another process (``thaw``) without generating or compiling again: the pack cache
and the batch workers receive code, not only node trees (docs/performance.md).
"""

from __future__ import annotations

import marshal
import types
from collections.abc import Mapping
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import inline
from compliance.lang import nodes as n
from compliance.lang import values as v
from compliance.lang.codegen_analysis import fold, invariant, is_singleton
from compliance.lang.codegen_analysis import key as safe_key
from compliance.lang.codegen_analysis import path as path_of
from compliance.lang.definitions import Definition
from compliance.lang.registry import FunctionRegistry
from compliance.lang.runtime import CANONICAL, HELPERS, MEMO_KEY, MEMOIZED
from compliance.lang.static_types import STRING, ListType

_NOT_SET = object()
_HELPERS = {**HELPERS, **inline.HELPERS}  # every generated function's namespace starts with these
INLINE = True  # write common built-ins in place (``lang.inline``); tests compare with False
_KLEENE = {"all": "False if {f} else (None if {u} else True)",
           "any": "True if {t} else (None if {u} else False)",
           "none": "False if {t} else (None if {u} else True)"}


class _Unit:
    """The source of one function being generated."""

    def __init__(self, gen: _Generator, scope: dict[str, str]) -> None:
        self.gen = gen
        self.scope = scope
        self.lines: list[str] = []
        self.prologue: list[str] = []
        self.namespace: dict[str, Any] = dict(_HELPERS)
        self.recipe: dict[str, tuple[str, Any]] = {}  # namespace name → how to find it again (``thaw``)
        self.known: dict[str, Any] = {}  # atoms whose value is known now (constants)
        self.refs: dict[int, str] = {}
        self.globals: dict[str, str] = {}
        self.done: dict[str, str] = {}  # paths already computed unconditionally
        self.hoisted: dict[int, str] = {}  # loop-invariant sub-expressions computed before their loop
        self.count = 0
        self.memo_table = False  # the prologue reads the per-report memo table (``memo``)
        self.depth = 1
        self.top = 1  # the depth whose statements always run (``program`` puts checks deeper)

    # -- plumbing ------------------------------------------------------------------------------------
    def new(self, prefix: str = "r") -> str:
        self.count += 1
        return f"_{prefix}{self.count}"

    def line(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)

    def const(self, value: Any) -> str:
        if value is None or isinstance(value, bool) or type(value) in (int, str):
            atom = repr(value)
        else:
            atom = self.ref(value, "k", value)
        self.known[atom] = value
        return atom

    def ref(self, obj: Any, prefix: str, key: Any) -> str:
        """A namespace name for ``obj`` (functions, definition bodies, Decimal constants); ``key``
        finds it again in another process: a function's or definition's name, a constant's value."""
        name = self.refs.get(id(obj))
        if name is None:
            name = self.refs[id(obj)] = self.new(prefix)
            self.namespace[name] = obj
            self.recipe[name] = (prefix, key)
        return name

    def var(self, atom: str) -> str:
        """``atom`` as something ``is`` may test: a literal number or string goes into a variable."""
        if atom in self.known and not is_singleton(self.known[atom]):
            r = self.new()
            self.line(f"{r} = {atom}")
            return r
        return atom

    def branch(self, result: str, node: n.Node, scope: dict[str, str]) -> None:
        """Inside an ``if`` block: evaluate ``node`` and store it in ``result``."""
        self.depth += 1
        saved = dict(self.done)
        self.line(f"{result} = {self.emit(node, scope)}")
        self.done = saved  # what a branch computed is not available after it
        self.depth -= 1

    def source(self, name: str, params: list[str], result: str, store: str | None) -> str:
        head = [f"def {name}({', '.join(params)}):"]
        tail = [f"    c[{store}] = {result}"] if store is not None else []
        return "\n".join([*head, *self.prologue, *self.lines, *tail, f"    return {result}", ""])

    def function(self, params: list[str], result: str, store: str | None, filename: str) -> Any:
        """The unit compiled: a function ``_generated(params…)`` returning ``result``, carrying its
        source and the recipe of its namespace (``freeze``)."""
        source = self.source("_generated", params, result, store)
        exec(compile(source, filename, "exec"), self.namespace)
        fn = self.namespace["_generated"]
        fn.__source__ = source
        fn.__recipe__ = self.recipe
        return fn

    # -- nodes ---------------------------------------------------------------------------------------
    def emit(self, node: n.Node, scope: dict[str, str]) -> str:
        """Emit statements computing ``node``; return an atom (a variable or a constant) holding it."""
        hoisted = self.hoisted.get(id(node))
        if hoisted is not None:
            return hoisted
        path = path_of(node) if scope is self.scope else None
        if path is not None and path in self.done:
            return self.done[path]
        atom = self._emit(node, scope)
        if path is not None and self.depth == self.top:
            self.done[path] = atom
        return atom

    def _emit(self, node: n.Node, scope: dict[str, str]) -> str:
        match node:
            case n.Literal(value=value):
                return self.const(value)
            case n.Name(name=name):
                return self.name(name, scope)
            case n.Field(target=target, name=name):
                t, r, k = self.emit(target, scope), self.new(), safe_key(name)
                if t in self.known:
                    self.line(f"{r} = _field({t}, {k})")
                    return r
                self.line(f"{r} = {t}.get({k}) if type({t}) is _dict else _field({t}, {k})")
                return r
            case n.Index(target=target, key=key):
                t, k, r = self.emit(target, scope), self.emit(key, scope), self.new()
                if t in self.known:
                    self.line(f"{r} = _index({t}, {k})")
                elif type(self.known.get(k)) is str:
                    self.line(f"{r} = {t}.get({k}) if type({t}) is _dict else _index({t}, {k})")
                else:
                    self.line(f"{r} = {t}.get({k}) if type({t}) is _dict and type({k}) is str else _index({t}, {k})")
                return r
            case n.ListNode(items=items):
                parts = [self.emit(i, scope) for i in items]
                r = self.new()
                self.line(f"{r} = [{', '.join(parts)}]")
                return r
            case n.Call():
                return self.call(node, scope)
            case n.Quantifier():
                return self.quantifier(node, scope)
            case n.Unary(op=op, operand=operand):
                return self.unary(op, self.emit(operand, scope))
            case n.Binary(op="??", left=left, right=right):
                a = self.emit(left, scope)
                if a in self.known:
                    return a if self.known[a] is not None else self.emit(right, scope)
                r = self.new()
                self.line(f"if {a} is None:")
                self.branch(r, right, scope)
                self.line("else:")
                self.line(f"    {r} = {a}")
                return r
            case n.Binary(op=op, left=left, right=right):
                return self.binary(op, self.emit(left, scope), self.emit(right, scope))
            case n.Logical(op=op, left=left, right=right):
                return self.logical(op, left, right, scope)
            case n.Conditional(condition=cond, then=then, otherwise=otherwise):
                t, r = self.emit(cond, scope), self.new()
                t = self.var(t)
                if self.known.get(t, _NOT_SET) is True:
                    return self.emit(then, scope)
                if self.known.get(t, _NOT_SET) is False:
                    return self.emit(otherwise, scope)
                self.line(f"if {t} is True:")
                self.branch(r, then, scope)
                self.line(f"elif {t} is False:")
                self.branch(r, otherwise, scope)
                self.line(f"elif {t} is None:")
                self.line(f"    {r} = None")
                self.line("else:")
                self.line("    _bail()")
                return r
        raise AssertionError(f"unhandled node {node!r}")  # pragma: no cover - the match is exhaustive

    def name(self, name: str, scope: dict[str, str]) -> str:
        if name in scope:
            return scope[name]
        definition = self.gen.definitions.get(name)
        if definition is not None and not definition.params:
            body, r, k = self.ref(self.gen.definition(definition), "D", name), self.new(), safe_key(name)
            self.line(f"{r} = c.get({k}, _MISS)")
            self.line(f"if {r} is _MISS: {r} = {body}(g, c)")
            return r
        found = self.globals.get(name)
        if found is None:
            found = self.globals[name] = self.new("g")
            self.prologue.append(f"    {found} = g.get({safe_key(name)})")
        return found

    def call(self, node: n.Call, scope: dict[str, str]) -> str:
        args = [self.emit(a, scope) for a in node.args]
        r = self.new()
        definition = self.gen.definitions.get(node.name)
        if definition is not None:
            body = self.ref(self.gen.definition(definition), "D", definition.name)
            self.line(f"{r} = {body}(g, c, {', '.join(args)})")
            return r
        function = self.gen.functions.get(node.name)
        if function is None:
            raise EvaluationError(f"unknown function '{node.name}'", span=node.span)
        impl = self.ref(function.impl, "F", function.name)
        nullable = [a for a in args if self.known.get(a, None) is None] if function.null_in_null_out else []
        indent = ""
        if nullable:
            self.line(f"if {' or '.join(f'{a} is None' for a in nullable)}:")
            self.line(f"    {r} = None")
            self.line("else:")
            indent = "    "
        if function.impl in MEMOIZED and len(args) == 1:
            if INLINE:
                self.memo(impl, args[0], r, indent)
            else:
                self.line(f"{indent}{r} = _memo(c, {impl}, {args[0]})")
            self.line(f"{indent}if type({r}) in _ODD: {r} = _tv({r})")
            return r
        written = inline.emit(self, function.impl, impl, args, r, indent) if INLINE else None
        if written == inline.TESTED:
            return r
        if written == inline.CALL:  # the common case was written; the call goes under its ``else:``
            indent, written = indent + "    ", None
        # A boolean or null result costs nothing to the budget and needs no conversion: one type
        # test instead of two calls (most calls are tests: matches, contains, startswith…). A
        # built-in that returns fresh lists of values (find_all, split…) needs no copy (``_tv``).
        if written is None:
            self.line(f"{indent}{r} = {impl}({', '.join(args)})")
        self.line(f"{indent}if type({r}) is not bool and {r} is not None:")
        # ``values.charge`` in place for the type the function declares: a list costs its length
        # + 1 steps, a string one per 64 characters + 1; anything else (or too large) the call.
        kind, steps = (("_list", "len({r}) + 1") if isinstance(function.returns, ListType)
                       else ("str", "len({r}) // 64 + 1") if function.returns == STRING else (None, ""))
        if kind is not None:
            self.line(f"{indent}    if type({r}) is {kind} and len({r}) <= _MAXV:")
            self.line(f"{indent}        _s = c.get(_BK, 0) + {steps.format(r=r)}")
            self.line(f"{indent}        c[_BK] = _s")
            self.line(f"{indent}        if _s > _MAXS: _spend(c, 0)")
            self.line(f"{indent}    else: {r} = _charge(c, {r})")
        else:
            self.line(f"{indent}    {r} = _charge(c, {r})")
        if function.impl not in CANONICAL:
            self.line(f"{indent}    if type({r}) in _ODD: {r} = _tv({r})")
        return r

    def memo(self, impl: str, arg: str, r: str, indent: str) -> None:
        """``runtime.memo`` in place: a string argument's result from the per-report table (read
        once per function: ``_mt``), anything else computed."""
        if not self.memo_table:
            self.memo_table = True
            self.prologue.append(f"    _mt = c.get({MEMO_KEY!r})")
            self.prologue.append(f"    if _mt is None: _mt = c[{MEMO_KEY!r}] = {{}}")
        self.line(f"{indent}if type({arg}) is str:")
        self.line(f"{indent}    {r} = _mt.get(({impl}, {arg}), _MISS)")
        self.line(f"{indent}    if {r} is _MISS: {r} = _mt[({impl}, {arg})] = {impl}({arg})")
        self.line(f"{indent}else: {r} = {impl}({arg})")

    def quantifier(self, node: n.Quantifier, scope: dict[str, str]) -> str:
        kind = node.kind
        coll, r, items, var = self.emit(node.collection, scope), self.new(), self.new("i"), self.new("v")
        self.line(f"if {coll} is None:")
        self.line(f"    {r} = None")
        self.line("else:")
        self.depth += 1
        saved = dict(self.done)
        if coll in self.known:
            self.line(f"{items} = _iterate({coll}, {kind!r})")
        else:
            self.line(f"{items} = {coll} if type({coll}) is _list else ({coll}.values() if type({coll}) is _dict "
                      f"else _iterate({coll}, {kind!r}))")
        if INLINE:  # ``values.spend`` in place; nothing to charge for an empty collection
            self.line(f"if {items}:")
            self.line(f"    _s = c.get(_BK, 0) + len({items})")
            self.line("    c[_BK] = _s")
            self.line("    if _s > _MAXS: _spend(c, 0)")
        else:
            self.line(f"if {items}: _spend(c, len({items}))")  # nothing to charge for an empty collection
        self.hoist(node.body, node.var, items, scope)
        flags = (self.new("t"), self.new("f"), self.new("u"))
        start = {"map": "[]", "filter": "[]", "count_if": "0", "sum_of": "0"}.get(kind)
        if start is not None:
            self.line(f"{r} = {start}")
        elif kind in _KLEENE:
            self.line(f"{flags[0]} = {flags[1]} = {flags[2]} = False")
        else:
            self.line("_bail()")
        self.line(f"for {var} in {items}:")
        self.depth += 1
        b = self.var(self.emit(node.body, {**scope, node.var: var}))
        if kind == "map":
            self.line(f"{r}.append({b})")
        elif kind == "sum_of":
            self.line(f"if {b} is None: pass")
            self.line(f"elif type({b}) is int and type({r}) is int: {r} += {b}")
            self.line(f"elif _isnum({b}): {r} = _add({r}, {b})")
            self.line("else: _bail()")
        elif kind in _KLEENE:
            self.line(f"if {b} is True: {flags[0]} = True")
            self.line(f"elif {b} is False: {flags[1]} = True")
            self.line(f"elif {b} is None: {flags[2]} = True")
            self.line("else: _bail()")
        else:
            on_true = f"{r}.append({var})" if kind == "filter" else f"{r} += 1"
            self.line(f"if {b} is True: {on_true}")
            self.line(f"elif {b} is not False and {b} is not None: _bail()")
        self.depth -= 1
        if kind in _KLEENE:
            self.line(f"{r} = " + _KLEENE[kind].format(t=flags[0], f=flags[1], u=flags[2]))
        self.done = saved
        self.depth -= 1
        return r

    def hoist(self, body: n.Node, var: str, items: str, scope: dict[str, str]) -> None:
        """Compute the parts of a loop ``body`` that do not use ``var`` once, before the loop over
        ``items`` (when it has any); the loop's code then reads them (``hoisted``)."""
        found = invariant(body, var, self.gen.definitions)
        if found:
            self.line(f"if {items}:")
            self.depth += 1
            self.line("pass")
            for sub in found:
                self.hoisted[id(sub)] = self.emit(sub, scope)
            self.depth -= 1

    def unary(self, op: str, x: str) -> str:
        if x in self.known:
            try:
                value = v.negate(self.known[x]) if op == "-" else v.logical_not(self.known[x])
                return self.const(value)
            except EvaluationError:
                pass
        x, r = self.var(x), self.new()
        if op == "-":
            self.line(f"{r} = -{x} if type({x}) is int else _neg({x})")  # Decimals negate exactly in _neg
        else:
            self.line(f"{r} = None if {x} is None else (False if {x} is True else (True if {x} is False "
                      f"else _bail()))")
        return r

    def binary(self, op: str, a: str, b: str) -> str:
        if a in self.known and b in self.known and type(self.known[a]) is not list:
            try:
                return self.const(fold(op, self.known[a], self.known[b]))
            except EvaluationError:
                pass
        r = self.new()
        if op in ("+", "-", "*"):
            guard = f" and ({a}).bit_length() + ({b}).bit_length() < 4096" if op == "*" else ""  # (2).bit_length()
            self.line(f"{r} = {a} {op} {b} if type({a}) is int and type({b}) is int{guard} else "
                      f"_arith({op!r}, {a}, {b})")
        elif op in n.ARITH_OPS:
            self.line(f"{r} = _arith({op!r}, {a}, {b})")
        elif op in ("==", "!="):
            same = "==" if op == "==" else "!="
            negate = "" if op == "==" else "not "
            self.line(f"{r} = {a} {same} {b} if type({a}) is type({b}) and type({a}) in _SCALARS "
                      f"else {negate}_eq({a}, {b})")
        elif op in ("in", "not in"):
            fast = f"{a} in {b}" if op == "in" else f"{a} not in {b}"
            slow = f"_in({b}, {a})" if op == "in" else f"(None if (_x := _in({b}, {a})) is None else not _x)"
            self.line(f"{r} = {fast} if type({a}) is str and (type({b}) is _list or type({b}) is str or "
                      f"type({b}) is _dict) else {slow}")
        else:
            self.line(f"{r} = {a} {op} {b} if type({a}) is int and type({b}) is int else _cmp({op!r}, {a}, {b})")
        return r

    def logical(self, op: str, left: n.Node, right: n.Node, scope: dict[str, str]) -> str:
        stop, go = ("True", "False") if op == "or" else ("False", "True")
        a = self.var(self.emit(left, scope))
        r = self.new()
        self.line(f"if {a} is {stop}:")
        self.line(f"    {r} = {stop}")
        self.line(f"elif {a} is {go} or {a} is None:")
        self.depth += 1
        saved = dict(self.done)
        b = self.var(self.emit(right, scope))
        self.line(f"if {b} is {stop}: {r} = {stop}")
        self.line(f"elif {b} is {go}: {r} = None if {a} is None else {go}")
        self.line(f"elif {b} is None: {r} = None")
        self.line("else: _bail()")
        self.done = saved
        self.depth -= 1
        self.line("else:")
        self.line("    _bail()")
        return r


class _Generator:
    """Generates functions for one environment; definitions are generated once (``compiled``)."""

    def __init__(self, functions: FunctionRegistry, definitions: Mapping[str, Definition],
                 compiled: dict[str, Any]) -> None:
        self.functions = functions
        self.definitions = definitions
        self.compiled = compiled

    def definition(self, definition: Definition) -> Any:
        found = self.compiled.get(definition.name)
        if isinstance(found, Frozen):  # from the pack cache or the parent process
            try:
                found = thaw(found, self)
            except Exception:  # a plug-in's function gone: generate afresh
                found = None
            self.compiled[definition.name] = found
        if found is None:
            params = {p: f"_p{i}" for i, p in enumerate(definition.params)}
            store = None if definition.params else safe_key(definition.name)
            found = self.build(definition.node, params, ["g", "c", *params.values()], store)
            self.compiled[definition.name] = found
        return found

    def build(self, node: n.Node, scope: dict[str, str], params: list[str], store: str | None,
              prologue: list[str] | None = None) -> Any:
        unit = _Unit(self, scope)
        unit.prologue.extend(prologue or ["    pass"])
        result = unit.emit(node, scope)
        return unit.function(params, result, store, "<compliance generated>")


class Frozen(tuple[bytes, tuple[tuple[str, str, Any], ...]]):
    """A generated function as data: (marshalled code, (namespace name, kind, key)…)."""

    __slots__ = ()


def freeze(fn: Any) -> Frozen | None:
    """``fn`` (made by ``build``) as data that pickles, or None for anything else (a closure)."""
    recipe = getattr(fn, "__recipe__", None)
    if recipe is None:
        return None
    return Frozen((marshal.dumps(fn.__code__), tuple((name, kind, key) for name, (kind, key) in recipe.items())))


def thaw(frozen: Frozen, gen: _Generator) -> Any:
    """The function ``freeze`` made data of, in this process: built-ins looked up by name,
    definitions thawed (or generated) through ``gen``. Raises ``KeyError`` when a name is gone."""
    code, recipe = frozen
    namespace: dict[str, Any] = dict(_HELPERS)
    for name, kind, key in recipe:
        if kind == "F":
            function = gen.functions.get(key)
            if function is None:
                raise KeyError(key)
            namespace[name] = function.impl
        elif kind == "D":
            namespace[name] = gen.definition(gen.definitions[key])
        else:
            namespace[name] = key
    fn = types.FunctionType(marshal.loads(code), namespace, "_generated")
    fn.__recipe__ = {name: (kind, key) for name, kind, key in recipe}  # type: ignore[attr-defined]
    return fn


def thaw_expression(frozen: Frozen, functions: FunctionRegistry, definitions: Mapping[str, Definition],
                    compiled: dict[str, Any]) -> Any:
    """``thaw`` for an expression (``generated.GeneratedExpression``)."""
    return thaw(frozen, _Generator(functions, definitions, compiled))


def generate_expression(functions: FunctionRegistry, definitions: Mapping[str, Definition],
                        compiled: dict[str, Any], node: n.Node, local_names: frozenset[str]) -> Any:
    """A function ``(env) -> value`` computing ``node``; may raise a ``runtime.FALLBACK_ERRORS``."""
    scope = {name: f"_l{i}" for i, name in enumerate(sorted(local_names))}
    prologue = ["    g = env.globals; c = env.cache; l = env.locals"]
    prologue += [f"    {var} = l.get({safe_key(name)})" for name, var in scope.items()]
    return _Generator(functions, definitions, compiled).build(node, scope, ["env"], None, prologue)

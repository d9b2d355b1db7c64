"""Static facts about compiled expressions: does it read the report at all, and which paths of
the report model does it read (for example coverage). Works on the syntax tree, never evaluates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from compliance.lang import Expression
from compliance.lang import nodes as n
from compliance.lang.definitions import Definition
from compliance.rules.model_types import report_names

MODEL_ROOTS = frozenset(report_names())


def _refs(node: n.Node, bound: frozenset[str]) -> Iterable[str]:
    """Free names and called names of ``node`` (quantifier variables are bound in their body)."""
    match node:
        case n.Name(name=name):
            if name not in bound:
                yield name
        case n.Call(name=name, args=args):
            yield name
            for arg in args:
                yield from _refs(arg, bound)
        case n.Quantifier(var=var, collection=collection, body=body):
            yield from _refs(collection, bound)
            yield from _refs(body, bound | {var})
        case _:
            for child in n.children(node):
                yield from _refs(child, bound)


def free_names(exprs: Iterable[Expression]) -> set[str]:
    """The names ``exprs`` refer to (variables, globals, definitions, called names), minus those
    their quantifiers bind: e.g. which ``let`` bindings of a rule are used."""
    return {ref for expr in exprs for ref in _refs(expr.node, frozenset())}


class ModelReads:
    """Answers "does this read the report?" for expressions of one environment (memoised)."""

    def __init__(self, definitions: Mapping[str, Definition]) -> None:
        self.definitions = definitions
        self._memo: dict[str, bool] = {}

    def _definition(self, name: str) -> bool:
        if name not in self._memo:
            self._memo[name] = False  # definitions never recurse; this only guards the walk
            d = self.definitions[name]
            self._memo[name] = self.node(d.node, frozenset(d.params))
        return self._memo[name]

    def node(self, node: n.Node, bound: frozenset[str] = frozenset(), dependent: frozenset[str] = frozenset()) -> bool:
        """True when ``node`` reads the report: a model name, a definition that does, or a bound
        variable in ``dependent`` (e.g. a ``for_each`` variable over a collection of the report)."""
        for ref in _refs(node, bound):
            if ref in dependent or ref in MODEL_ROOTS:
                return True
            if ref in self.definitions and self._definition(ref):
                return True
        return False

    def expression(self, expr: Expression, dependent: frozenset[str] = frozenset()) -> bool:
        """``node`` for a compiled expression (its locals are bound)."""
        return self.node(expr.node, frozenset(), dependent)


def reads_name(name: str, exprs: Iterable[Expression], definitions: Mapping[str, Definition]) -> bool:
    """Whether any of ``exprs`` refers to the global ``name`` (directly or through definitions):
    e.g. whether a rule reads ``previous``, the previous year's report."""
    seen: set[str] = set()

    def node(tree: n.Node, bound: frozenset[str]) -> bool:
        for ref in _refs(tree, bound):
            if ref == name:
                return True
            if ref in definitions and ref not in seen:
                seen.add(ref)
                d = definitions[ref]
                if node(d.node, frozenset(d.params)):
                    return True
        return False

    return any(node(e.node, frozenset()) for e in exprs)


def read_paths(exprs: Iterable[Expression], definitions: Mapping[str, Definition]) -> set[str]:
    """The report paths the expressions read, as JSON Pointers (``/tables/applications/rows``):
    a model name followed by fields and literal indexes, through parameterless definitions too."""
    out: set[str] = set()
    seen: set[str] = set()

    def chain(node: n.Node) -> str | None:
        match node:
            case n.Name(name=name) if name in MODEL_ROOTS:
                return "" if name == "report" else f"/{name}"
            case n.Field(target=target, name=name):
                base = chain(target)
                return None if base is None else f"{base}/{name}"
            case n.Index(target=target, key=n.Literal(value=str() as key)):
                base = chain(target)
                return None if base is None else f"{base}/{key}"
            case n.Index(target=target):
                return chain(target)
        return None

    def walk(node: n.Node, bound: frozenset[str]) -> None:
        path = chain(node)
        if path is not None and not (isinstance(node, n.Name) and node.name in bound):
            out.add(path or "/")
            if isinstance(node, n.Index):
                walk(node.key, bound)
            return
        if isinstance(node, n.Name | n.Call) and node.name in definitions and node.name not in bound \
                and node.name not in seen:
            seen.add(node.name)
            d = definitions[node.name]
            walk(d.node, frozenset(d.params))
        if isinstance(node, n.Quantifier):
            walk(node.collection, bound)
            walk(node.body, bound | {node.var})
            return
        for child in n.children(node):
            walk(child, bound)

    for expr in exprs:
        walk(expr.node, frozenset())
    return out

"""Which part of the report an expression points at: path expressions → JSON Pointers.

Lets a finding say *where* (the provenance of a table row or cell) without the language
knowing anything about reports.
"""

from __future__ import annotations

from collections.abc import Mapping

from compliance.lang import nodes as n


def escape(key: str) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")


def pointer_of(node: n.Node, roots: frozenset[str], bound: Mapping[str, str],
               values: Mapping[str, object] | None = None,
               definitions: Mapping[str, n.Node] | None = None) -> str | None:
    """The JSON Pointer of a path expression, or None when it is not a plain path.

    ``roots`` are the model's top-level names; ``bound`` maps loop variables to the pointers of
    the items they are bound to; ``values`` gives loop variables' values, so ``row.values[c]``
    with ``c`` bound to "total" points at ``…/values/total``. ``values(x)`` points where ``x`` does.
    """
    known = values or {}
    defs = definitions or {}
    match node:
        case n.Name(name=name):
            if name in bound:
                return bound[name]
            if name == "report":
                return ""
            if name in roots:
                return "/" + escape(name)
            return pointer_of(defs[name], roots, bound, known, defs) if name in defs else None
        case n.Field(target=target, name=name):
            base = pointer_of(target, roots, bound, known, defs)
            return None if base is None else f"{base}/{escape(name)}"
        case n.Index(target=target, key=n.Literal(value=key)) if isinstance(key, str | int):
            base = pointer_of(target, roots, bound, known, defs)
            return None if base is None else f"{base}/{escape(str(key))}"
        case n.Index(target=target, key=n.Name(name=var)) if isinstance(known.get(var), str | int):
            base = pointer_of(target, roots, bound, known, defs)
            return None if base is None else f"{base}/{escape(str(known[var]))}"
        case n.Call(name="values", args=(arg,)):
            return pointer_of(arg, roots, bound, known, defs)
    return None

"""The report model's JSON Schema as static types, so rule expressions are checked against it.

An unknown path such as ``tables.applications.rows.granted.values.totl`` becomes a load-time
error with a did-you-mean, because every object in the schema is closed.
"""

from __future__ import annotations

import functools
from typing import Any

from compliance.lang.static_types import (
    ANY,
    BOOL,
    NULL,
    NUMBER,
    OPEN_OBJECT,
    STRING,
    ListType,
    ObjectType,
    Type,
    from_value,
    join_all,
)
from compliance.schemas import schema

_SCALARS = {"null": NULL, "boolean": BOOL, "integer": NUMBER, "number": NUMBER, "string": STRING}


def type_of_schema(node: Any, root: dict[str, Any], depth: int = 0) -> Type:
    """The static type described by a JSON Schema ``node`` (``$ref`` resolved against ``root``)."""
    if depth > 40 or not isinstance(node, dict):
        return ANY
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return ANY
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return type_of_schema(target, root, depth + 1)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return join_all([type_of_schema(s, root, depth + 1) for s in node[key]])
    if "const" in node:
        return from_value(node["const"])
    if "enum" in node:
        return join_all([from_value(v) for v in node["enum"]])
    kinds = node.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    types: list[Type] = []
    for kind in kinds:
        if kind == "object":
            types.append(_object(node, root, depth))
        elif kind == "array":
            types.append(ListType(type_of_schema(node.get("items", {}), root, depth + 1)))
        else:
            types.append(_SCALARS.get(kind, ANY))
    if not kinds and "properties" in node:
        types.append(_object(node, root, depth))
    return join_all(types)


def _object(node: dict[str, Any], root: dict[str, Any], depth: int) -> Type:
    props = node.get("properties", {})
    fields = tuple((name, type_of_schema(sub, root, depth + 1)) for name, sub in props.items())
    extra_schema = node.get("additionalProperties", True)
    if extra_schema is False:
        extra: Type | None = None
    elif extra_schema is True:
        extra = ANY
    else:
        extra = type_of_schema(extra_schema, root, depth + 1)
    if not fields and extra == ANY:
        return OPEN_OBJECT
    return ObjectType(fields, extra)


@functools.cache
def report_type() -> ObjectType:
    """The type of a whole report model."""
    root = schema("report")
    typ = type_of_schema(root, root)
    assert isinstance(typ, ObjectType)
    return typ


def report_names() -> dict[str, Type]:
    """The global names rules see: ``report``, each top-level field of the model, and
    ``previous``, the previous year's report (the same type; null when none is given)."""
    typ = report_type()
    return {"report": typ, **dict(typ.fields), "previous": typ}

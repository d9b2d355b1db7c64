"""Static types for load-time checking: just enough to catch unknown paths and clear mismatches.

Every value may be null, so nullability is not tracked. ``ANY`` is the escape hatch: where a
type is not known, nothing is reported. Closed object types (from a JSON Schema with
``additionalProperties: false``) make unknown field names compile errors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scalar:
    """any, null, boolean, number or string."""

    kind: str

    def __str__(self) -> str:
        return self.kind


@dataclass(frozen=True, slots=True)
class ListType:
    """A list whose items have type ``item``."""

    item: Type

    def __str__(self) -> str:
        return f"list of {self.item}"


@dataclass(frozen=True, slots=True)
class ObjectType:
    """An object with known ``fields``; ``extra`` types other keys (None: no other keys allowed)."""

    fields: tuple[tuple[str, Type], ...]
    extra: Type | None = None

    def field(self, name: str) -> Type | None:
        """The type of field ``name``, ``extra`` for an unlisted key, None if the key cannot exist."""
        for key, typ in self.fields:
            if key == name:
                return typ
        return self.extra

    @property
    def names(self) -> tuple[str, ...]:
        """The listed field names."""
        return tuple(k for k, _ in self.fields)

    def __str__(self) -> str:
        return "object"


Type = Scalar | ListType | ObjectType

ANY = Scalar("any")
NULL = Scalar("null")
BOOL = Scalar("boolean")
NUMBER = Scalar("number")
STRING = Scalar("string")
OPEN_OBJECT = ObjectType((), ANY)


def kind_of(typ: Type) -> str:
    """The coarse kind of a type: any, null, boolean, number, string, list or object."""
    if isinstance(typ, Scalar):
        return typ.kind
    return "list" if isinstance(typ, ListType) else "object"


def join(a: Type, b: Type) -> Type:
    """The least type covering both (used for list items, conditionals and object values)."""
    if a == b:
        return a
    if a == NULL:
        return b
    if b == NULL:
        return a
    if isinstance(a, ListType) and isinstance(b, ListType):
        return ListType(join(a.item, b.item))
    if isinstance(a, ObjectType) and isinstance(b, ObjectType):
        merged: dict[str, Type] = {}
        for key, typ in (*a.fields, *b.fields):
            merged[key] = join(merged[key], typ) if key in merged else typ
        extra = None if a.extra is None and b.extra is None else join(a.extra or NULL, b.extra or NULL)
        return ObjectType(tuple(merged.items()), extra)
    return ANY


def join_all(types: list[Type]) -> Type:
    """``join`` over many; an empty list gives ``ANY``."""
    if not types:
        return ANY
    out = types[0]
    for typ in types[1:]:
        out = join(out, typ)
    return out


def accepts(expected: str, actual: Type) -> bool:
    """Whether a value of type ``actual`` may be passed where kind ``expected`` is declared.

    ``expected`` is a kind name, or ``collection`` (list or object), or several joined by ``|``.
    """
    got = kind_of(actual)
    if got in ("any", "null") or expected == "any":
        return True
    allowed = set(expected.split("|"))
    if "collection" in allowed:
        allowed |= {"list", "object"}
    return got in allowed


def element_type(collection: Type) -> Type:
    """What a quantifier's variable ranges over: list items, or the join of an object's values."""
    if isinstance(collection, ListType):
        return collection.item
    if isinstance(collection, ObjectType):
        values = [t for _, t in collection.fields]
        if collection.extra is not None:
            values.append(collection.extra)
        return join_all(values)
    return ANY


def from_value(value: object) -> Type:
    """The type of a constant value (pack constants, literals)."""
    from decimal import Decimal

    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float | Decimal):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, dict):
        return ObjectType(tuple((str(k), from_value(v)) for k, v in value.items()), None)
    if isinstance(value, list | tuple):
        return ListType(join_all([from_value(v) for v in value]))
    return ANY

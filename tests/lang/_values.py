"""Helpers shared by the tests of the expression language: strict value comparison, YAML decoding."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from compliance.lang.values import equals, type_name


def same_value(actual: Any, expected: Any) -> bool:
    """``values.equals`` plus exact types: 1 and True differ, and so do 2 and Decimal("2.0")."""
    if type(actual) is not type(expected) and not (type_name(actual) == type_name(expected) == "object"
                                                    or type_name(actual) == type_name(expected) == "list"):
        return False
    if isinstance(actual, list | tuple):
        return len(actual) == len(expected) and all(
            same_value(a, e) for a, e in zip(actual, expected, strict=True))
    if isinstance(actual, Mapping):
        return list(actual) == list(expected) and all(same_value(actual[k], expected[k]) for k in actual)
    return equals(actual, expected) and str(actual) == str(expected)


def from_yaml(value: Any) -> Any:
    """YAML data → language values: floats become exact Decimals; ``{decimal: "0.10"}`` keeps digits."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, list):
        return [from_yaml(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"decimal"}:
            return Decimal(value["decimal"])
        return {str(k): from_yaml(v) for k, v in value.items()}
    return value

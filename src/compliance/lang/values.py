"""The value domain of the language and its operators: JSON values with exact numbers.

Values are ``None``, ``bool``, ``int``, ``Decimal``, ``str``, lists and string-keyed mappings.
Binary floats never appear: a float handed in is converted through its shortest repr.
Null propagates through arithmetic and ordering; ``==`` treats null as a value; ``and``/``or``
follow Kleene's three-valued logic. Both evaluators (compiler and reference interpreter) use
these functions, so they cannot disagree on semantics.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from decimal import Context, Decimal, DivisionByZero, InvalidOperation
from typing import Any

from compliance.errors import BudgetExceededError, EvaluationError

Value = Any  # None | bool | int | Decimal | str | list[Value] | Mapping[str, Value]

# Decimal arithmetic runs in a wide context, so sums and products of report figures are exact
# (the default 28 digits would round silently); only non-terminating division rounds.
EXACT = Context(prec=200, Emax=10**6, Emin=-(10**6), traps=[DivisionByZero, InvalidOperation])
DIVISION = Context(prec=28, Emax=10**6, Emin=-(10**6), traps=[DivisionByZero, InvalidOperation])


# The cost budget of one evaluation: every quantifier charges the number of items it ranges
# over, so nested quantifiers over large lists stop with a clear error instead of running for
# hours. The engine resets the counter before each rule (the key lives in the per-report cache).
BUDGET_KEY = "\x00steps"
MAX_STEPS = 5_000_000


# Values built by an evaluation are bounded too: a string or list longer than MAX_VALUE_SIZE, or an
# integer wider than MAX_INT_BITS, is refused when it would be built (``d1: d0 + d0`` … ``d35``
# would reach 4 GB; ten squarings of a large number, gigabytes of digits), and the size of what
# a function returns is charged to the step budget (a character per 64, an item per step), so
# calls that build large values in a loop stop like a runaway quantifier.
MAX_VALUE_SIZE = 10_000_000
MAX_INT_BITS = 1_000_000


def check_size(value: Value) -> Value:
    """``value``, or ``BudgetExceededError`` when it is larger than the bounds above."""
    if isinstance(value, str | list | dict) and len(value) > MAX_VALUE_SIZE:
        what = "characters" if isinstance(value, str) else "items"
        raise BudgetExceededError(f"evaluation budget exceeded: a value of {len(value):,} {what}; the limit is "
                                  f"{MAX_VALUE_SIZE:,}")
    if type(value) is int and value.bit_length() > MAX_INT_BITS:
        raise BudgetExceededError(f"evaluation budget exceeded: a number of more than {MAX_INT_BITS * 3 // 10:,} "
                                  "digits")
    return value


def charge(cache: dict[str, Any], value: Value) -> Value:
    """Charge what a function returned to the budget of ``cache``'s evaluation; return it.

    Called after every function call of generated code: the exact types come first (one
    ``type()`` test and one dict update), everything else takes the general path below."""
    kind = type(value)
    if kind is str or kind is list or kind is dict:
        size = len(value)
        if size > MAX_VALUE_SIZE:
            check_size(value)
        steps = cache.get(BUDGET_KEY, 0) + (size // 64 + 1 if kind is str else size + 1)
        cache[BUDGET_KEY] = steps
        if steps > MAX_STEPS:
            spend(cache, 0)  # raises, with the message
        return value
    if kind is bool or value is None:
        return value
    if isinstance(value, str):
        check_size(value)
        spend(cache, len(value) // 64 + 1)
    elif isinstance(value, list | dict):
        check_size(value)
        spend(cache, len(value) + 1)
    elif type(value) is int and value.bit_length() > 64:
        check_size(value)
    return value


def spend(cache: dict[str, Any], count: int) -> None:
    """Charge ``count`` steps to the evaluation whose shared cache is ``cache``."""
    steps = cache.get(BUDGET_KEY, 0) + count
    cache[BUDGET_KEY] = steps
    if steps > MAX_STEPS:
        raise BudgetExceededError(f"evaluation budget exceeded: more than {MAX_STEPS:,} steps "
                                  "(quantifiers over large or nested collections)")


def exact_add(a: int | Decimal, b: int | Decimal) -> int | Decimal:
    """``a + b`` without the default 28-digit rounding of Decimal."""
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return EXACT.add(Decimal(a), Decimal(b))


def type_name(value: Value) -> str:
    """The language's name for the type of ``value`` (used in error messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | Decimal | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "list"
    return type(value).__name__


def is_number(value: Value) -> bool:
    """True for ints and Decimals (never for booleans)."""
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _exact(value: int | Decimal | float) -> int | Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else value


def to_value(value: Value) -> Value:
    """Bring host data into the value domain: floats become exact Decimals, tuples lists."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, tuple | list):
        return [to_value(v) for v in value]
    return value


def normalize_number(value: int | Decimal) -> int | Decimal:
    """An integral Decimal becomes an int, so 6/3 prints as 2 and indexes lists."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return value


def equals(left: Value, right: Value) -> bool:
    """Structural equality; numbers by value (1 == 1.0), booleans never equal numbers."""
    if is_number(left) and is_number(right):
        return bool(left == right)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return len(left) == len(right) and all(equals(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        return left.keys() == right.keys() and all(equals(left[k], right[k]) for k in left)
    if type_name(left) != type_name(right):
        return False
    return bool(left == right)


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


def compare(op: str, left: Value, right: Value) -> bool | None:
    """``== != < <= > >=``. Ordering with a null side is null; mixed types are an error."""
    if op == "==":
        return equals(left, right)
    if op == "!=":
        return not equals(left, right)
    if left is None or right is None:
        return None
    if (is_number(left) and is_number(right)) or (isinstance(left, str) and isinstance(right, str)):
        return bool(_ORDER[op](left, right))
    raise EvaluationError(f"cannot compare {type_name(left)} {op} {type_name(right)}")


def arithmetic(op: str, left: Value, right: Value) -> Value:
    """``+ - * / %`` with exact results; null on either side gives null."""
    if left is None or right is None:
        return None
    if isinstance(left, float) or isinstance(right, float):  # host floats enter as exact decimals
        left, right = to_value(left), to_value(right)
    if is_number(left) and is_number(right):
        if op in ("+", "-", "*") and isinstance(left, int) and isinstance(right, int):
            if op == "*" and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                return check_size(1 << (left.bit_length() + right.bit_length()))  # refused before multiplying
            return left + right if op == "+" else left - right if op == "-" else left * right
        a, b = Decimal(left), Decimal(right)
        try:
            if op == "+":
                return EXACT.add(a, b)
            if op == "-":
                return EXACT.subtract(a, b)
            if op == "*":
                return EXACT.multiply(a, b)
            if b == 0:
                raise EvaluationError(f"division by zero in {render(left)} {op} {render(right)}")
            if op == "/":
                return normalize_number(DIVISION.divide(a, b))
            return normalize_number(EXACT.remainder(a, b))
        except (DivisionByZero, InvalidOperation) as exc:
            raise EvaluationError(f"cannot compute {render(left)} {op} {render(right)}: {exc!r}") from exc
    if op == "+" and isinstance(left, str) and isinstance(right, str):
        if len(left) + len(right) > MAX_VALUE_SIZE:
            check_size(" " * (MAX_VALUE_SIZE + 1))  # refused before building it
        return left + right
    if op == "+" and isinstance(left, list) and isinstance(right, list):
        if len(left) + len(right) > MAX_VALUE_SIZE:
            raise BudgetExceededError(f"evaluation budget exceeded: a list of {len(left) + len(right):,} items; "
                                      f"the limit is {MAX_VALUE_SIZE:,}")
        return [*left, *right]
    raise EvaluationError(f"cannot compute {type_name(left)} {op} {type_name(right)}")


def negate(value: Value) -> Value:
    """Unary minus; null stays null."""
    if value is None:
        return None
    if is_number(value):
        return EXACT.minus(value) if isinstance(value, Decimal) else -value
    raise EvaluationError(f"cannot negate a {type_name(value)}")


def truth(value: Value, what: str = "condition") -> bool | None:
    """A value used as a condition must be a boolean or null (no truthiness of numbers/strings)."""
    if value is None or isinstance(value, bool):
        return value
    raise EvaluationError(f"the {what} must be true or false, got a {type_name(value)}")


def logical_not(value: Value) -> bool | None:
    """Kleene ``not``: not null is null."""
    t = truth(value, "operand of 'not'")
    return None if t is None else not t


def contains(container: Value, item: Value) -> bool | None:
    """``item in container``: list membership, substring, or object key. Null container → null."""
    if container is None:
        return None
    if isinstance(container, str):
        if not isinstance(item, str):
            if item is None:
                return None
            raise EvaluationError(f"cannot look for a {type_name(item)} in a string")
        return item in container
    if isinstance(container, Mapping):
        return isinstance(item, str) and item in container  # keys are strings; nothing else is a key
    if isinstance(container, list | tuple):
        return any(equals(item, x) for x in container)
    raise EvaluationError(f"cannot look inside a {type_name(container)} with 'in'")


def get_field(target: Value, name: str) -> Value:
    """``target.name``: null when the target is null or lacks the key."""
    if target is None:
        return None
    if isinstance(target, Mapping):
        return target.get(name)
    raise EvaluationError(f"cannot take field '{name}' of a {type_name(target)}")


def get_index(target: Value, key: Value) -> Value:
    """``target[key]``: list position (negative counts from the end) or object key; null if absent."""
    if target is None or key is None:
        return None
    if isinstance(target, Mapping):
        if not isinstance(key, str):
            raise EvaluationError(f"an object is indexed by a string, not a {type_name(key)}")
        return target.get(key)
    if isinstance(target, list | tuple | str):
        if not is_number(key) or normalize_number(key) != key or isinstance(normalize_number(key), Decimal):
            raise EvaluationError(f"a {type_name(target)} is indexed by a whole number, not {key!r}")
        pos = int(key)
        if -len(target) <= pos < len(target):
            return target[pos]
        return None
    raise EvaluationError(f"cannot index a {type_name(target)}")


def iterate(collection: Value, kind: str) -> Sequence[Value] | None:
    """The items a quantifier ranges over: a list's items or an object's values; null → null."""
    if collection is None:
        return None
    if isinstance(collection, Mapping):
        return list(collection.values())
    if isinstance(collection, list | tuple):
        return collection
    raise EvaluationError(f"{kind}() ranges over a list or an object, not a {type_name(collection)}")


def quantify(kind: str, results: Sequence[Value], items: Sequence[Value]) -> Value:
    """Combine per-item results of a quantifier body (Kleene logic for all/any/none)."""
    if kind == "map":
        return list(results)
    if kind == "sum_of":
        total: int | Decimal = 0
        for r in results:
            if r is None:
                continue
            if not is_number(r):
                raise EvaluationError(f"sum_of() adds numbers, got a {type_name(r)}")
            total = exact_add(total, r)
        return total
    truths = [truth(r, f"body of {kind}()") for r in results]
    if kind == "filter":
        return [item for item, t in zip(items, truths, strict=True) if t is True]
    if kind == "count_if":
        return sum(1 for t in truths if t is True)
    if kind == "all":
        if any(t is False for t in truths):
            return False
        return None if any(t is None for t in truths) else True
    found = any(t is True for t in truths)
    unknown = not found and any(t is None for t in truths)
    if kind == "any":
        return None if unknown else found
    if kind == "none":
        return None if unknown else not found
    raise EvaluationError(f"unknown quantifier {kind}")


def render(value: Value) -> str:
    """A short human rendering of a value for messages: numbers exactly, strings bare."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {render(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render(v) for v in value) + "]"
    return str(value)

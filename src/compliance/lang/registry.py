"""``FunctionRegistry``: the table of functions an expression may call, with signatures.

A registry is an immutable instance: ``extended()`` returns a new registry and never mutates
the shared ``BUILTINS``. Signatures (parameter kinds, arity, result type) feed the static checker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from compliance.lang.static_types import ANY, Type


@dataclass(frozen=True, slots=True)
class Function:
    """One callable function: its name, parameter kinds, result type and implementation.

    ``params`` are kind names (``any``, ``number``, ``string``, ``boolean``, ``list``, ``object``,
    ``collection``, or several joined with ``|``). ``optional`` of them may be left out;
    ``variadic`` repeats the last parameter. ``returns`` is a type, or a function of the
    argument types. ``null_in_null_out``: a null argument gives null without calling ``impl``.
    """

    name: str
    impl: Callable[..., Any]
    params: tuple[str, ...]
    returns: Type | Callable[[list[Type]], Type] = ANY
    optional: int = 0
    variadic: bool = False
    null_in_null_out: bool = True
    summary: str = ""
    example: str = ""
    patterns: tuple[int, ...] = ()  # argument positions holding regular expressions (checked at load)

    @property
    def min_args(self) -> int:
        """Fewest arguments accepted."""
        return len(self.params) - self.optional

    @property
    def max_args(self) -> int | None:
        """Most arguments accepted (None: no limit)."""
        return None if self.variadic else len(self.params)

    def param_kind(self, position: int) -> str:
        """The declared kind of the argument at ``position``."""
        if position < len(self.params):
            return self.params[position]
        return self.params[-1] if self.variadic and self.params else "any"

    def result_type(self, args: list[Type]) -> Type:
        """The static result type for these argument types."""
        return self.returns(args) if callable(self.returns) else self.returns

    def signature(self) -> str:
        """A readable signature, e.g. ``capture(string, string, number?)``."""
        shown = [p + ("?" if i >= self.min_args else "") for i, p in enumerate(self.params)]
        if self.variadic:
            shown[-1] += ", ..."
        return f"{self.name}({', '.join(shown)})"


@dataclass(frozen=True, slots=True)
class FunctionRegistry:
    """An immutable table of functions by name."""

    functions: Mapping[str, Function] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.functions

    def __iter__(self) -> Iterator[Function]:
        return iter(self.functions.values())

    def get(self, name: str) -> Function | None:
        """The function called ``name``, or None."""
        return self.functions.get(name)

    def names(self) -> list[str]:
        """All function names, sorted."""
        return sorted(self.functions)

    def extended(self, *functions: Function) -> FunctionRegistry:
        """A new registry with ``functions`` added (replacing any of the same name)."""
        table = dict(self.functions)
        table.update({f.name: f for f in functions})
        return FunctionRegistry(table)

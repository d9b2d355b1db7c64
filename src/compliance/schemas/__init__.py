"""The JSON Schemas shipped with the package, and the only module that imports ``jsonschema``
(and ``fastjsonschema``).

``issues(name, instance)`` validates and returns every problem, best first, as plain
``SchemaIssue`` values, so that no other module sees jsonschema's types. Valid instances are
confirmed by a validator that fastjsonschema compiles from the same schema (about 14× faster
on a report model: a batch validates every JSON input); only an instance it rejects goes
through jsonschema, which stays the authority and gives the detailed, located messages.
"""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_NAMES = ("report", "rulepack", "results")


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One validation problem: where in the instance (JSON Pointer) and what is wrong."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


@functools.cache
def schema(name: str) -> dict[str, Any]:
    """Return the parsed schema ``name`` (one of ``SCHEMA_NAMES``)."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}")
    text = Path(__file__).with_name(f"{name}.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    # Imported here: jsonschema is only needed when an instance is rejected (or fastjsonschema is
    # missing), and importing it costs ~20 ms of every command's start-up.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10  # YYYY-MM-DD, as the "date" format of jsonschema's checker


@functools.cache
def _fast(name: str) -> Any:
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - a declared dependency; jsonschema alone still works
        return None
    return fastjsonschema.compile(schema(name), formats={"date": _is_date})


def _pointer(path: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def issues(name: str, instance: object) -> tuple[SchemaIssue, ...]:
    """Validate ``instance`` against schema ``name``; return all problems, most relevant first."""
    fast = _fast(name)
    if fast is not None:
        try:
            fast(instance)
            return ()
        except Exception:  # any rejection: jsonschema below says exactly what is wrong, and where
            pass
    import jsonschema.exceptions

    errors = sorted(_validator(name).iter_errors(instance), key=jsonschema.exceptions.relevance)
    found: list[SchemaIssue] = []
    for error in errors:
        # For anyOf/oneOf, the deepest sub-error says more than "is not valid under any".
        best = jsonschema.exceptions.best_match([error]) if error.context else error
        found.append(SchemaIssue(_pointer(best.absolute_path), best.message))
    return tuple(found)

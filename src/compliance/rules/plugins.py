"""Where packs and functions come from: the default pack, third-party packs and custom functions
declared as Python entry points (``compliance.packs``, ``compliance.functions``), and the
``requires: {compliance: ">=0.1"}`` version check.

Only installed Python distributions provide code. A rule folder is data: nothing in it is ever
imported or executed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.errors import RulePackError
from compliance.lang import BUILTINS, Function, FunctionRegistry

if TYPE_CHECKING:  # importlib.metadata (~10 ms) is imported when entry points are asked for (start-up)
    from importlib import metadata

DEFAULT_PACK = "ogi-2021"
PACKS_GROUP = "compliance.packs"
FUNCTIONS_GROUP = "compliance.functions"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def default_pack_path() -> Path:
    """The folder of the default pack ``ogi-2021``."""
    package = Path(__file__).resolve().parent.parent
    candidates = (package / "_packs" / DEFAULT_PACK, package.parent.parent / "rules" / DEFAULT_PACK)
    for candidate in candidates:
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise RulePackError(f"the default rule pack {DEFAULT_PACK} is not installed (looked in "
                        f"{', '.join(str(c) for c in candidates)})")


def entry_points(group: str) -> Iterable[metadata.EntryPoint]:
    """The installed entry points of ``group`` (a seam for tests)."""
    from importlib import metadata

    return metadata.entry_points(group=group)


def _loaded(ep: metadata.EntryPoint) -> Any:
    try:
        value = ep.load()
        return value() if callable(value) and not isinstance(value, Function) else value
    except Exception as exc:  # a broken third-party plug-in must not crash with a traceback
        raise RulePackError(f"CR015 entry point {ep.group}:{ep.name} ({ep.value}) failed to load: {exc}") from exc


def installed_packs() -> dict[str, Path]:
    """Pack name → folder: the default pack and every ``compliance.packs`` entry point.

    An entry point names an object that is a path to the pack folder (``str``, ``Path`` or an
    ``importlib.resources`` traversable), or a function without arguments that returns one.
    """
    packs: dict[str, Path] = {}
    for ep in entry_points(PACKS_GROUP):
        value = _loaded(ep)
        path = Path(str(value))
        if not (path / "pack.yaml").is_file():
            raise RulePackError(f"CR015 entry point {PACKS_GROUP}:{ep.name} gives {path}, which has no pack.yaml")
        packs[ep.name] = path
    packs.setdefault(DEFAULT_PACK, default_pack_path())
    return packs


def find_pack(name: str, relative_to: Path | None = None) -> Path:
    """A pack by folder (relative to ``relative_to``) or by installed name.

    Raises:
        RulePackError: neither a folder nor an installed pack, with a did-you-mean.
    """
    from compliance.rules.diagnostics import suggest

    for candidate in ([relative_to / name] if relative_to is not None else []) + [Path(name)]:
        if (candidate / "pack.yaml").is_file():
            return candidate
    packs = installed_packs()
    if name in packs:
        return packs[name]
    raise RulePackError(f"CR014 no pack '{name}' (neither a folder nor an installed pack){suggest(name, packs)}")


def custom_functions() -> tuple[Function, ...]:
    """The functions of every ``compliance.functions`` entry point.

    An entry point names a ``compliance.lang.Function`` (its ``params`` and ``returns`` are the
    signature the static checker uses), an iterable of them, or a function returning either.
    A custom function must be pure: same arguments, same result, no I/O.
    """
    found: list[Function] = []
    for ep in entry_points(FUNCTIONS_GROUP):
        value = _loaded(ep)
        items = [value] if isinstance(value, Function) else list(value) if isinstance(value, Iterable) else [value]
        for item in items:
            if not isinstance(item, Function):
                raise RulePackError(f"CR015 entry point {FUNCTIONS_GROUP}:{ep.name} gives a "
                                    f"{type(item).__name__}, not a compliance.lang.Function")
            if not _NAME.match(item.name):
                raise RulePackError(f"CR015 custom function name {item.name!r} is not a valid name")
            if item.name in BUILTINS:
                raise RulePackError(f"CR015 custom function '{item.name}' ({ep.value}) would replace a built-in")
            if any(f.name == item.name for f in found):
                raise RulePackError(f"CR015 custom function '{item.name}' is declared twice")
            found.append(item)
    return tuple(found)


def function_registry() -> FunctionRegistry:
    """The built-ins extended with the installed custom functions."""
    extra = custom_functions()
    return BUILTINS.extended(*extra) if extra else BUILTINS


_CLAUSE = re.compile(r"^\s*(==|!=|>=|<=|~=|>|<)\s*(\d+(?:\.\d+)*)\s*$")


def _key(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def satisfies(version: str, spec: str) -> bool:
    """Whether ``version`` meets ``spec`` (comma-separated ``>=0.1``, ``<2``, ``==1.0``, ``~=1.2``)."""
    have = _key(version)
    for clause in spec.split(","):
        match = _CLAUSE.match(clause)
        if match is None:
            raise ValueError(f"not a version requirement: {clause.strip()!r}")
        op, want_text = match.groups()
        want = _key(want_text)
        ok = {"==": have == want, "!=": have != want, ">=": have >= want, "<=": have <= want,
              ">": have > want, "<": have < want}.get(op)
        if op == "~=":
            depth = max(1, len(want_text.split(".")) - 1)
            ok = have >= want and have[:depth] == want[:depth]
        if not ok:
            return False
    return True


def engine_version() -> str | None:
    """The installed version of compliance (None when running from a bare source tree)."""
    from importlib import metadata

    for distribution in ("ogi-compliance", "compliance"):  # the name before 0.3, in an older environment
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return None

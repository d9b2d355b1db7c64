"""A cache of loaded packs: a ``RulePack`` pickled under ``$XDG_CACHE_HOME/compliance``, keyed by the
pack's content and the code that loads it, so a command-line run does not parse YAML, validate it
and check every expression again.

What is stored is the checked node trees and the data of the pack (rules, constants, definitions,
environment) and the generated code of every rule, frozen (``codegen.freeze``: marshalled code and
a recipe for its namespace; ``generated.GeneratedExpression`` thaws it on first use instead of
generating and compiling it again). Built-in functions are stored by name.

The key is a SHA-256 of: the format below, the Python version, the compliance version, the path,
size and modification time of every source file of ``compliance.lang``, ``compliance.rules`` and
``compliance.schemas`` (so a changed loader or checker never meets a stale entry), and the relative
path and bytes of every file of the pack. Any problem reading or writing the cache falls back to a
normal load; the cache never changes a result.

``COMPLIANCE_CACHE_DIR`` moves the cache; ``COMPLIANCE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from compliance.lang.functions import BUILTINS
from compliance.rules.rule import RulePack

# 2: frozen generated code; 3: lang.generated holds it; 4, 5: the program; 6: built-ins in place
FORMAT = "compliance-pack-cache-6"
_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_DIRS = ("lang", "rules", "schemas")
_CODE_FILES = ("errors.py", "severity.py", "source.py", "__init__.py")


def cache_dir() -> Path | None:
    """Where cached packs go, or None when caching is off."""
    if os.environ.get("COMPLIANCE_NO_CACHE"):
        return None
    explicit = os.environ.get("COMPLIANCE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "compliance"


def _version() -> str:
    from compliance._version import VERSION  # a constant: importlib.metadata costs ~25 ms of start-up

    return VERSION


def prebuild(packs: list[RulePack]) -> int:
    """Generate the code of every expression of ``packs``' rules now (requires, when, for_each,
    require, evidence, locate, messages), so that pickling them (the pack cache, the payload of a
    batch's workers) carries code: a process that loads them compiles nothing. Returns how many
    expressions were built. An expression that cannot be generated keeps its closure fallback."""
    seen: set[int] = set()
    built = 0

    def walk(value: Any) -> None:
        nonlocal built
        if id(value) in seen or isinstance(value, str | bytes | int | float | type(None)):
            return
        seen.add(id(value))
        run = getattr(value, "_run", None)
        if run is not None and hasattr(run, "build"):  # an Expression: build it, do not walk into it
            run.build()
            built += 1
        elif isinstance(value, Mapping):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))

    from compliance.rules.decisions import program

    for pack in packs:
        for rule in pack.rules:
            walk(rule)
        program(pack).build()  # the pack's decisions as one function (``decisions``)
        built += 1
    return built


def _code_fingerprint(digest: Any) -> None:
    files: list[Path] = [_PACKAGE / name for name in _CODE_FILES]
    for folder in _CODE_DIRS:
        files.extend(sorted((_PACKAGE / folder).glob("*.*")))
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())


def pack_key(path: Path) -> str:
    """The cache key of the pack at ``path`` (a folder or a single rule file)."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{sys.version}\0{_version()}\0{path.resolve()}\n".encode())
    _code_fingerprint(digest)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(f"{file.relative_to(path) if path.is_dir() else file.name}\0".encode())
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


_BY_OBJECT = {id(BUILTINS): "registry"} | {id(f): f"function:{f.name}" for f in BUILTINS}
_BY_NAME: dict[str, Any] = {"registry": BUILTINS} | {f"function:{f.name}": f for f in BUILTINS}


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> str | None:
        token = _BY_OBJECT.get(id(obj))
        return token if token is not None and _BY_NAME[token] is obj else None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        if pid not in _BY_NAME:
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return _BY_NAME[pid]


def dumps(pack: RulePack) -> bytes:
    """``pack`` as bytes (built-in functions by name)."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(pack)
    return buffer.getvalue()


def loads(data: bytes) -> RulePack:
    """A pack from ``dumps`` bytes."""
    pack = _Unpickler(io.BytesIO(data)).load()
    if not isinstance(pack, RulePack):
        raise pickle.UnpicklingError("not a rule pack")
    return pack


PICKLE_RECURSION = 6000  # pickling a node tree recurses about 3 levels per node; the parser allows ~1000


def dumps_packs(packs: list[RulePack]) -> bytes:
    """Several packs as one pickle, so a pack's ``base`` stays the same object as the pack it
    names (worker processes of a batch get the parent's packs exactly: ``api.iter_check``).

    The recursion limit is raised while pickling: an expression the parser accepted (a sum of 480
    terms) nests deeper than pickle's default allowance, and must reach the workers all the same.
    """
    buffer = io.BytesIO()
    prebuild(list(packs))  # the workers get code, not only trees to generate it from
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, PICKLE_RECURSION))
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(list(packs))
    finally:
        sys.setrecursionlimit(previous)
    return buffer.getvalue()


def loads_packs(data: bytes) -> list[RulePack]:
    """Packs from ``dumps_packs`` bytes."""
    packs = _Unpickler(io.BytesIO(data)).load()
    if not isinstance(packs, list) or not all(isinstance(p, RulePack) for p in packs):
        raise pickle.UnpicklingError("not a list of rule packs")
    return packs


def _trusted(file: Path) -> bool:
    """Only read a cache file this user owns, in a folder others cannot write (pickle runs code)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the per-user profile folder
        return True
    try:
        stat, folder = file.stat(), file.parent.stat()
    except OSError:
        return False
    return stat.st_uid == os.getuid() and folder.st_uid == os.getuid() and not folder.st_mode & 0o022


def load_cached(path: str | Path, load: Callable[[Path], RulePack]) -> RulePack:
    """The pack at ``path``: from the cache when its key matches, else ``load(path)`` (then stored)."""
    root = Path(path)
    folder = cache_dir()
    if folder is None:
        return load(root)
    try:
        file = folder / f"{pack_key(root)}.pickle"
    except OSError:
        return load(root)
    if file.is_file() and _trusted(file):
        try:
            return loads(file.read_bytes())
        except Exception:
            pass
    pack = load(root)
    try:
        prebuild([pack])  # stored with its code: a process that reads the cache compiles nothing
        data = dumps(pack)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        import tempfile  # writing the cache: not on a cache hit

        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, file)
    except Exception:
        pass
    return pack

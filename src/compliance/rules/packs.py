"""Where the default pack is: inside the installed wheel (``compliance/_packs``) or, in an
editable install or a source checkout, the top-level ``rules/`` folder of the repository.
Installed third-party packs are found by name through ``compliance.packs`` entry points."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from compliance.errors import RulePackError
from compliance.rules.plugins import DEFAULT_PACK, default_pack_path, find_pack, installed_packs
from compliance.rules.rule import RulePack

__all__ = ["DEFAULT_PACK", "default_pack_path", "find_pack", "installed_packs", "load_default_pack",
           "without_extended"]


@functools.cache
def load_default_pack() -> RulePack:
    """The default pack, loaded and compiled once per process (from the pack cache when fresh:
    ``rules/cache.py``)."""
    from compliance.rules.cache import load_cached

    return load_cached(default_pack_path(), _load_pack)


def _load_pack(path: Path) -> RulePack:
    from compliance.rules.loader import load_pack  # YAML and the loader only on a cache miss

    return load_pack(path)


def without_extended(packs: Sequence[RulePack]) -> list[RulePack]:
    """``packs`` without those that a later pack ``extends`` (it already includes their rules),
    so ``check --rules my-pack`` where my-pack extends ogi-2021 runs each rule once."""
    return [p for i, p in enumerate(packs)
            if not any((e.name, e.version) == (p.name, p.version) for q in packs[i + 1:] for e in q.extends)]


def is_default_pack(path: str | Path) -> bool:
    """True when ``path`` is the default pack's own folder (it is then loaded on its own, not on
    top of itself)."""
    try:
        return Path(path).resolve() == default_pack_path().resolve()
    except (OSError, RulePackError):
        return False

"""Where the default pack is: inside the installed wheel (``compliance/_packs``) or, in an
editable install or a source checkout, the top-level ``rules/`` folder of the repository."""

from __future__ import annotations

import functools
from pathlib import Path

from compliance.errors import RulePackError
from compliance.rules.loader import load_pack
from compliance.rules.rule import RulePack

DEFAULT_PACK = "ogi-2021"


def default_pack_path() -> Path:
    """The folder of the default pack ``ogi-2021``."""
    package = Path(__file__).resolve().parent.parent
    candidates = (package / "_packs" / DEFAULT_PACK, package.parent.parent / "rules" / DEFAULT_PACK)
    for candidate in candidates:
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise RulePackError(f"the default rule pack {DEFAULT_PACK} is not installed (looked in "
                        f"{', '.join(str(c) for c in candidates)})")


@functools.cache
def load_default_pack() -> RulePack:
    """The default pack, loaded and compiled once per process."""
    return load_pack(default_pack_path())

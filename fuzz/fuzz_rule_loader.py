"""Fuzz the rule loader: any text as a rule file gives a loaded pack or a RulePackError (a
one-line error with file:line:col) — never another exception, and loading stays bounded.

    python fuzz/fuzz_rule_loader.py -runs=100000

Without atheris, ``tests/hardening/test_fuzz_targets.py`` drives ``test_one_input`` with
hypothesis.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

try:
    import atheris
except ImportError:  # pragma: no cover - atheris is an optional extra for fuzzing
    atheris = None

with atheris.instrument_imports() if atheris is not None else contextlib.nullcontext():
    from compliance.errors import ComplianceError
    from compliance.rules import load_default_pack
    from compliance.rules.loader import load_pack

_FOLDER = tempfile.mkdtemp(prefix="compliance-fuzz-")
_FILE = os.path.join(_FOLDER, "rules.yaml")


def test_one_input(data: bytes) -> None:
    """One fuzz input: the bytes of a rule file, loaded on top of the default pack."""
    with open(_FILE, "wb") as out:
        out.write(data)
    try:
        load_pack(_FILE, base=load_default_pack())
    except ComplianceError:
        return


if __name__ == "__main__":
    from _common import main

    main(test_one_input)

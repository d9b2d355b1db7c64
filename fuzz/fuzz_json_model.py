"""Fuzz the JSON report-model reader and every reporter: any bytes give either a report model
that renders in every format (output encodable as UTF-8), or a ComplianceError (a one-line
input error) — never another exception, never output that cannot be written.

    python fuzz/fuzz_json_model.py -runs=100000

Without atheris, ``tests/hardening/test_fuzz_targets.py`` drives ``test_one_input`` with
hypothesis, so the target runs in CI too.
"""

from __future__ import annotations

import contextlib

try:
    import atheris
except ImportError:  # pragma: no cover - atheris is an optional extra for fuzzing
    atheris = None

with atheris.instrument_imports() if atheris is not None else contextlib.nullcontext():
    from compliance.api import check, results_for
    from compliance.errors import ComplianceError
    from compliance.readers.json_reader import JsonModelReader
    from compliance.reporters import REPORTERS
    from compliance.rules import load_default_pack

_READER = JsonModelReader()


def test_one_input(data: bytes) -> None:
    """One fuzz input: the bytes of a JSON file."""
    try:
        report = _READER.read(data, uri="fuzz.json")
    except ComplianceError:
        return
    packs = [load_default_pack()]
    results = results_for([check(report, packs)], packs)
    for reporter in REPORTERS.values():
        reporter.render(results).encode("utf-8")


if __name__ == "__main__":
    from _common import main

    main(test_one_input)

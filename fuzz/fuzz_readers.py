"""Fuzz the document readers: any bytes give a report model or a ComplianceError (a one-line
input error) — never another exception.

    python fuzz/fuzz_readers.py -runs=100000
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from compliance.errors import ComplianceError
    from compliance.readers import read_bytes


def test_one_input(data: bytes) -> None:
    """One fuzz input: a whole document."""
    try:
        read_bytes(data, uri="fuzz")
    except ComplianceError:
        return


if __name__ == "__main__":
    from _common import main

    main(test_one_input)

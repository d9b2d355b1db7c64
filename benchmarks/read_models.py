"""The bar for reader speed work: the same models, byte for byte.

Reading must get faster without changing what is read. This script collects documents (the seed,
the shared corpus pages and their flattened copies, every file under ``tests/corpus`` and
``tests/readers``, and, with ``--record``, every document the reader tests themselves feed the
readers, inputs that exercise layouts no file has), reads each with ``read_bytes`` and writes the
model (``Report.data`` with provenance) or the one-line error, as canonical JSON:

    python benchmarks/read_models.py --record     # once, at the commit to compare against
    python benchmarks/read_models.py --save /tmp/before.json
    python benchmarks/read_models.py --compare /tmp/before.json   # after each change: 0 differences

``--record`` runs ``pytest tests/readers tests/corpus tests/hardening`` with this file as a plugin
that keeps each ``Reader.read`` input in ``$COMPLIANCE_READ_INPUTS`` (default
``/tmp/compliance-read-inputs.pkl``), so the recorded inputs stay fixed while the readers change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared")
INPUTS = Path(os.environ.get("COMPLIANCE_READ_INPUTS", "/tmp/compliance-read-inputs.pkl"))


def _files() -> list[Path]:
    out = [ROOT / "src" / "compliance" / "examples" / "liaocheng-hrss-2023.txt"]
    for folder in (SHARED / "corpus", ROOT / "tests" / "corpus", ROOT / "tests" / "readers"):
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc", ".md"))
    if (SHARED / "seed").is_dir():
        out += sorted(p for p in (SHARED / "seed").glob("*.txt"))
    return out


def documents() -> dict[str, tuple[bytes, str]]:
    """key → (bytes, uri): the files, then the recorded inputs (when recorded)."""
    docs: dict[str, tuple[bytes, str]] = {}
    for path in _files():
        docs[str(path)] = (path.read_bytes(), str(path))
    if INPUTS.exists():
        with INPUTS.open("rb") as stream:
            for data, uri in pickle.load(stream):
                if data.startswith(b"%PDF") and len(data) > 100_000:
                    continue  # the hardening tests' PDF bomb: minutes without their limits, and no text tables
                docs[f"rec:{hashlib.sha256(data + uri.encode()).hexdigest()[:16]}"] = (data, uri)
    return docs


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def model_of(data: bytes, uri: str) -> Any:
    """The model read from ``data`` (dict order kept: the JSON output follows it), or the error."""
    from compliance.errors import ComplianceError
    from compliance.readers import read_bytes

    try:
        report = read_bytes(data, uri=uri)
    except ComplianceError as exc:
        return {"$error": f"{type(exc).__name__}: {exc}"}
    return _plain(report.data)


def dump() -> dict[str, str]:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return {key: json.dumps(model_of(data, uri), ensure_ascii=False) for key, (data, uri) in documents().items()}


# -- the recording plugin (loaded by pytest with -p read_models) ----------------------------------

_SEEN: dict[bytes, tuple[bytes, str]] = {}


def pytest_configure(config: Any) -> None:
    from compliance.readers import READERS

    for reader in READERS:
        cls = type(reader)
        original = cls.read

        def read(self: Any, data: bytes, *, uri: str, _original: Any = original) -> Any:
            key = hashlib.sha256(bytes(data) + uri.encode()).digest()
            if len(_SEEN) < 20_000 and len(data) < 3_000_000:
                _SEEN.setdefault(key, (bytes(data), uri))
            return _original(self, data, uri=uri)

        cls.read = read  # type: ignore[method-assign]


def pytest_unconfigure(config: Any) -> None:
    with INPUTS.open("wb") as stream:
        pickle.dump(list(_SEEN.values()), stream)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="record the inputs the reader tests use")
    parser.add_argument("--save", type=Path, help="write the models to this file")
    parser.add_argument("--compare", type=Path, help="compare the models with this file")
    args = parser.parse_args()
    if args.record:
        env = {**os.environ, "PYTHONPATH": f"{ROOT / 'benchmarks'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "read_models",
                        "tests/readers", "tests/corpus", "tests/hardening"], cwd=ROOT, env=env, check=False)
        with INPUTS.open("rb") as stream:
            print(f"recorded {len(pickle.load(stream))} inputs in {INPUTS}")
    models = dump()
    print(f"{len(models)} documents read")
    if args.save:
        args.save.write_text(json.dumps(models, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        # Files added or removed since the save (another session's new test documents) are named
        # apart: they are not models that changed.
        added, gone = sorted(models.keys() - before.keys()), sorted(before.keys() - models.keys())
        differ = sorted(k for k in before.keys() & models.keys() if before[k] != models[k])
        for key in differ[:20]:
            print(f"DIFFERENT: {key}")
        if added or gone:
            names = ", ".join(Path(k).name for k in (added + gone)[:3])
            more = ", …" if len(added) + len(gone) > 3 else ""
            print(f"not compared: {len(added)} documents new since the save, {len(gone)} gone ({names}{more})")
        print(f"{len(differ)} of {len(before.keys() & models.keys())} models differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

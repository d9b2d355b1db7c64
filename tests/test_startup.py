"""Start-up (issue 12 item 5): ``--version`` and ``--help`` import no engine, reader or pack; a run
whose pack comes from the pack cache imports no YAML, Lark or checker. Module lists, not timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("compliance.engine", "compliance.readers", "compliance.rules", "compliance.lang", "compliance.api",
         "yaml", "lark", "jsonschema", "re2")

PROBE = """
import io, json, sys, contextlib
from compliance.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def _modules(*args: str, env: dict[str, str] | None = None) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True,
                          env=env, timeout=120)
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_version_and_help_import_nothing_heavy() -> None:
    for args in (["--version"], ["--help"], ["check", "--help"]):
        loaded = _modules(*args)
        assert not [m for m in loaded if m.startswith(HEAVY)], args


def test_a_pack_cache_hit_imports_no_yaml_lark_or_checker(tmp_path: Path) -> None:
    env = {**os.environ, "COMPLIANCE_CACHE_DIR": str(tmp_path)}
    env.pop("COMPLIANCE_NO_CACHE", None)
    cold = _modules("check", "--example", "-q", env=env)  # fills the cache
    assert "yaml" in cold
    warm = _modules("check", "--example", "-q", env=env)
    for name in ("yaml", "lark", "compliance.rules.loader", "compliance.lang.checker", "compliance.lang.parser"):
        assert name not in warm, name


CODE_PROBE = """
import io, json, contextlib
from compliance.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", "--example", "-q", "--format", "json"])
from compliance.lang.runtime import STATS
print(json.dumps(STATS))
"""


def test_the_pack_cache_carries_generated_code(tmp_path: Path) -> None:
    env = {**os.environ, "COMPLIANCE_CACHE_DIR": str(tmp_path)}
    env.pop("COMPLIANCE_NO_CACHE", None)
    runs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", CODE_PROBE], capture_output=True, text=True, check=True, env=env,
                              timeout=120)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert runs[0]["generated"] > 100  # the cold load generates every rule's code once, for the cache
    assert runs[1]["generated"] == 0
    assert runs[1]["thawed"] > 10  # the pack's program, and the expressions of the rules that fail

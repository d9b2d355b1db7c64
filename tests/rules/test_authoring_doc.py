"""docs/authoring.md is exercised: its files are written and its commands run, in order, in an
empty folder; every output line it shows must appear in what the commands print."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
BLOCK = re.compile(r"```(\w*)([^\n]*)\n(.*?)```", re.S)


def test_every_command_of_the_tutorial_runs_as_shown(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    assert shutil.which("compliance", path=str(bin_dir)), "the compliance console script is installed"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    ran = 0
    for lang, info, body in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        target = re.search(r"file=(\S+)", info)
        if target:
            path = tmp_path / target.group(1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            continue
        if lang != "console":
            continue
        script = "\n".join(line[2:] for line in body.splitlines() if line.startswith("$ "))
        expected = [line.rstrip() for line in body.splitlines() if line.strip() and not line.startswith("$ ")]
        proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                              encoding="utf-8", check=False)
        printed = [line.rstrip() for line in (proc.stdout + proc.stderr).splitlines()]
        for line in expected:
            assert line in printed, f"`{script}` did not print {line!r}; it printed:\n" + "\n".join(printed)
        ran += script.count("\n") + 1
    assert ran >= 9

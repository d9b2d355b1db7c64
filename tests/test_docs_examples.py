"""Docs that cannot drift: every command and Python example in README.md and docs/*.md runs here,
and the output they show is compared with what they print.

Each document runs in its own empty folder, holding the files the documentation talks about
(``SANDBOX``: the shared pages under the names the docs use, a batch folder, the rule files of
writing-rules.md). Its fenced blocks, in order:

- ``file=NAME`` in the info string: the block is written to NAME (a rule file, a configuration);
- ``sh`` / ``console``: every command runs (``$ `` lines in a console block) and must not fail
  with exit code 2; the other lines of a console block are output it must print, in order (a
  ``…`` line skips any number of lines, a line ending in ``…`` or ``（…）`` is a prefix);
- ``python``: the code runs; the block after it, when the text between says "Output", is
  compared with what it prints, exactly;
- ``$ CMD`` in the info string of any other block (``json $ compliance check --example --format
  json``): the block is an excerpt of CMD's output, run in a fresh folder — JSON (stdout)
  compared as a subset (every key and list item shown is in the output, equal), text as lines
  in order.

Not run: installation and the test suite itself (``pip``, ``python -m pytest``), benchmarks,
and synopses with placeholders (``PATH``, ``[…]``, ``A | B``). docs/authoring.md has its own
test (tests/rules/test_authoring_doc.py), docs/rules.md is generated (tests/rules/test_docs.py),
docs/performance.md and docs/scaling.md hold benchmark runs and a Dask cluster.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from compliance.api import example_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "readers" / "corpus"
BLOCK = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```", re.S | re.M)
DOCS = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md")
                                    if p.name not in {"authoring.md", "rules.md", "performance.md", "scaling.md"})]
NOT_RUN = re.compile(r"^(pip |python3? -m venv|python -m pytest|python benchmarks/|COMPLIANCE_HYPOTHESIS_SCALE|\.ci/"
                     r"|bash fuzz|lint-imports)")
SYNOPSIS = re.compile(r"PATH|\[|\]| \| |\bA B\b|\bFILE\b|https://…")
SEED_SHOWN = "…/compliance/examples/liaocheng-hrss-2023.txt"


def _sandbox(folder: Path) -> None:
    """The files the documentation's examples name."""
    for year in (2021, 2022, 2023):
        shutil.copy(CORPUS / f"pingtan-{year}.html", folder / f"pingtan-{year}.html")
    shutil.copy(CORPUS / "pingtan-2023.html", folder / "report.html")
    shutil.copy(CORPUS / "pingtan-2023.html", folder / "this.html")
    shutil.copy(CORPUS / "pingtan-2022.html", folder / "last.html")
    shutil.copy(CORPUS / "flattened" / "pingtan-2023.txt", folder / "report.txt")
    (folder / "reports").mkdir()
    for year in (2021, 2022, 2023):
        shutil.copy(CORPUS / f"pingtan-{year}.html", folder / "reports" / f"pingtan-{year}.html")
    (folder / "batch").mkdir()
    shutil.copy(example_path(), folder / "batch" / "liaocheng-hrss-2023.txt")
    (folder / "batch" / "broken.json").write_text('{"schema_version": "1", "metadata": {}}', encoding="utf-8")
    rule = _rule_file()
    (folder / "my-rule.yaml").write_text(rule, encoding="utf-8")
    (folder / "typo-field.yaml").write_text(rule.replace("normalize(overview.text)", "normalize(overview.txt)", 1),
                                            encoding="utf-8")
    (folder / "typo-func.yaml").write_text(rule.replace("normalize(overview.text)", "normalise(overview.text)", 1),
                                           encoding="utf-8")
    (folder / "regex-look.yaml").write_text(
        "rules:\n  - id: local.look\n    title: {zh: 一, en: one}\n    severity: info\n"
        '    require: matches(overview.text, "(?<=共)\\d+件")\n    message: {zh: x, en: x}\n', encoding="utf-8")


def _rule_file() -> str:
    text = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    found = [body for _, info, body in BLOCK.findall(text) if "file=my-rule.yaml" in info]
    assert found, "docs/writing-rules.md has the block file=my-rule.yaml"
    return found[0]


def _normalise(text: str, folder: Path) -> str:
    return (text.replace(str(example_path()), SEED_SHOWN).replace(str(folder) + os.sep, "")
            .replace(str(folder), ".").replace("\ufeff", ""))  # the CSV's byte-order mark


def _env() -> dict[str, str]:
    bin_dir = Path(sys.executable).parent
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1",
            "COLUMNS": "100", "PYTHONPATH": str(ROOT)}


def _shell(command: str, folder: Path, *, stdout_only: bool = False) -> tuple[int, str]:
    proc = subprocess.run(["bash", "-c", command], cwd=folder, env=_env(), capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=300)
    return proc.returncode, _normalise(proc.stdout if stdout_only else proc.stdout + proc.stderr, folder)


def _lines_in_order(shown: list[str], printed: str, what: str) -> None:
    lines = [line.rstrip() for line in printed.splitlines()]
    at = 0
    for want in (line.rstrip() for line in shown):
        if not want.strip() or want.strip() in ("…", "..."):
            continue
        cut = want[:-3] if want.endswith("（…）") else want[:-1] if want.endswith("…") else None
        for i in range(at, len(lines)):
            if lines[i] == want or (cut is not None and lines[i].startswith(cut)):
                at = i + 1
                break
        else:
            raise AssertionError(f"{what} did not print {want!r} (after line {at}); it printed:\n{printed}")


def _subset(shown: Any, actual: Any, where: str = "") -> None:
    if isinstance(shown, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r} is not an object"
        for key, value in shown.items():
            assert key in actual, f"{where}/{key} is not in the output"
            _subset(value, actual[key], f"{where}/{key}")
    elif isinstance(shown, list):
        assert isinstance(actual, list), f"{where}: {actual!r} is not a list"
        at = 0
        for i, item in enumerate(shown):
            for j in range(at, len(actual)):
                try:
                    _subset(item, actual[j], f"{where}/{i}")
                except AssertionError:
                    continue
                at = j + 1
                break
            else:
                raise AssertionError(f"{where}/{i}: {item!r} is not in the output (in order)")
    else:
        assert shown == actual, f"{where}: the docs show {shown!r}, the output has {actual!r}"


def _commands(lang: str, body: str) -> list[str]:
    if lang == "console" or body.startswith("$ "):
        return [line[2:] for line in body.splitlines() if line.startswith("$ ")]
    out = []
    for line in body.splitlines():
        command = re.sub(r"\s+#\s.*$", "", line).strip()
        if command and not command.startswith("#"):
            out.append(command)
    return out


def _runnable(command: str) -> bool:
    return not NOT_RUN.match(command) and not SYNOPSIS.search(command)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_example_of_the_doc_runs_as_shown(doc: Path, tmp_path: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    _sandbox(tmp_path)
    blocks = list(BLOCK.finditer(text))
    ran = 0
    for k, match in enumerate(blocks):
        lang, info, body = match.group(1), match.group(2).strip(), match.group(3)
        where = f"{doc.name}:{text.count(chr(10), 0, match.start()) + 1}"
        target = re.search(r"file=(\S+)", info)
        if target:
            (tmp_path / target.group(1)).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / target.group(1)).write_text(body, encoding="utf-8")
            continue
        output_of = re.search(r"\$ (.+)$", info)
        if output_of:  # in a folder of its own: the files earlier blocks wrote (a configuration) stay out
            clean = tmp_path / f"clean-{k}"
            clean.mkdir()
            _sandbox(clean)
            code, printed = _shell(output_of.group(1), clean, stdout_only=lang == "json")
            shows_error = body.lstrip().startswith("compliance: ")
            assert code in ((2,) if shows_error else (0, 1)), \
                f"{where}: `{output_of.group(1)}` exited {code}:\n{printed}"
            if lang == "json":
                _subset(json.loads(body), json.loads(printed), where)
            else:
                _lines_in_order(body.splitlines(), printed, f"{where}: `{output_of.group(1)}`")
            ran += 1
            continue
        if lang == "python":
            code, printed = _shell(f"{sys.executable} - <<'PYTHON_EOF'\n{body}PYTHON_EOF", tmp_path)
            assert code == 0, f"{where}: the example failed:\n{printed}"
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            if following is not None and "Output" in text[match.end():following.start()] \
                    and not following.group(1):
                shown = following.group(3)
                assert printed == shown, f"{where}: the example printed\n{printed}\nbut the docs show\n{shown}"
            ran += 1
            continue
        if lang in ("sh", "console") or (not lang and body.startswith("$ ")):
            commands = [c for c in _commands(lang, body) if _runnable(c)]
            for command in commands:
                code, printed = _shell(command, tmp_path)
                assert code in (0, 1), f"{where}: `{command}` exited {code}:\n{printed}"
                if lang == "console" or body.startswith("$ "):
                    shown = [line for line in body.splitlines() if not line.startswith("$ ")]
                    if len(commands) == 1:
                        _lines_in_order(shown, printed, f"{where}: `{command}`")
                ran += 1
    if doc.name in ("README.md", "api.md", "across-years.md", "writing-rules.md"):
        assert ran, f"{doc.name} has examples and none ran"

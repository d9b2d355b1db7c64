"""Issue 11 items 11 and 16: whatever a reader accepts, every reporter renders — and nothing from
a document or a file name reaches the output as a raw control character.

Property: a schema-valid model whose strings are arbitrary text (lone surrogates, ESC sequences,
newlines, bidi overrides, NUL) and whose file name is arbitrary renders in every format; the
output encodes as UTF-8, JSON/SARIF parse, JUnit is well-formed XML, and the text, CSV and
Markdown output hold no control character but newline and tab.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from compliance.api import check, example_path, load_packs, results_for
from compliance.cli import main
from compliance.model.report import dumps_json
from compliance.readers import read_document
from compliance.reporters import REPORTERS
from compliance.results import Results
from compliance.schemas import issues
from tests.hypothesis_budget import examples

PROFILE = settings(max_examples=examples(25), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
HOSTILE = st.text(alphabet=st.one_of(st.characters(codec=None, exclude_categories=()),
                                     st.sampled_from("\x1b[31m\r\n\x00\x07\u202e\ud800\udfff\x85")), max_size=12)


@cache
def _base() -> dict[str, Any]:
    return dict(read_document(example_path()).data)


def _strings(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _strings(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _strings(v, (*path, i))]
    return []


def _set(model: Any, path: tuple[Any, ...], value: str) -> None:
    for key in path[:-1]:
        model = model[key]
    model[path[-1]] = value


@st.composite
def hostile_models(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    model = copy.deepcopy(_base())
    paths = _strings(model)
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=8)):
        _set(model, path, draw(HOSTILE))
    assume(issues("report", model) == ())
    return model, draw(HOSTILE.filter(bool))


def _check_outputs(results: Results) -> None:
    for name, reporter in REPORTERS.items():
        out = reporter.render(results)
        out.encode("utf-8")  # raises on a lone surrogate
        if name in ("json", "sarif"):
            json.loads(out)
        elif name == "jsonl":
            for line in filter(None, out.split("\n")):  # not splitlines(): U+2028 and \x85 may be in strings
                json.loads(line)
        elif name == "junit":
            ET.fromstring(out.encode("utf-8"))
        elif name == "html":
            assert "\x1b" not in out
        else:
            assert not [c for c in out if (ord(c) < 32 and c not in "\n\t\r") or 0x7f <= ord(c) <= 0x9f], name


@PROFILE
@given(hostile_models())
def test_any_schema_valid_model_renders_in_every_format(case: tuple[dict[str, Any], str]) -> None:
    model, name = case
    result = dataclasses.replace(check(model, load_packs()), source=name)
    _check_outputs(results_for([result], load_packs()))


def test_a_lone_surrogate_in_a_json_model_is_that_input_only(tmp_path: pytest.TempPathFactory,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "batch"  # type: ignore[operator]
    folder.mkdir()
    good = dumps_json(_base())
    (folder / "a.json").write_text(good, encoding="utf-8")
    bad = copy.deepcopy(_base())
    bad["metadata"]["agency"] = "局\ud800"
    (folder / "b.json").write_text(json.dumps(bad, ensure_ascii=True, default=str), encoding="utf-8")
    for fmt in sorted(REPORTERS):
        assert main(["check", "-q", "--jobs", "1", "--format", fmt, str(folder)]) == 2
        captured = capsys.readouterr()
        assert len(captured.out) > 200, fmt
        assert "b.json: not a valid report model: at /metadata/agency: a lone surrogate" in captured.err


def test_control_characters_in_file_names_and_documents_are_escaped(tmp_path: pytest.TempPathFactory,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    model = copy.deepcopy(_base())
    model["metadata"]["agency"] = "局\x1b]0;pwned\x07\x1b[2J"
    path = tmp_path / "evil\x1b[31m\nname.json"  # type: ignore[operator]
    path.write_text(dumps_json(model), encoding="utf-8")
    for fmt in ("text", "csv", "markdown", "junit", "html"):
        main(["check", "-q", "--format", fmt, str(path)])
        out = capsys.readouterr().out
        assert "\x1b" not in out, fmt
        assert "\\x1b" in out, fmt
    main(["check", "-q", "--format", "junit", str(path)])
    ET.fromstring(capsys.readouterr().out.encode("utf-8"))
    path.write_bytes(b"\x00\x01binary")
    main(["check", "-q", str(path)])
    assert "\x1b" not in capsys.readouterr().err


def test_escaping_costs_once_per_render_not_once_per_report() -> None:
    """``render`` calls the escaped ``report`` for each report: the results are escaped once."""
    import time

    packs = load_packs()
    results = results_for([check(example_path(), packs)] * 200, packs)
    for name in ("text", "csv"):
        start = time.monotonic()
        REPORTERS[name].render(results)
        assert time.monotonic() - start < 10, name

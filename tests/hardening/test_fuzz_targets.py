"""The fuzz targets for the JSON reader and the rule loader (fuzz/), driven by hypothesis so
they run in CI without atheris: structured mutations of real inputs, and raw bytes."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.api import example_path
from compliance.model.report import dumps_json
from compliance.readers import read_document
from tests.hypothesis_budget import examples

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
PROFILE = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def _target(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, FUZZ / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _model_text() -> str:
    return dumps_json(dict(read_document(example_path()).data))


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                    st.sampled_from(["1e-999999999", "1e999999999", "\ud800", "NaN", "9" * 400]))


@st.composite
def mutated_models(draw: st.DrawFn) -> bytes:
    text = _model_text()
    data: Any = json.loads(text)
    for _ in range(draw(st.integers(1, 4))):
        node = data
        path = []
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
            path.append(key)
            node = node[key]
        if path:
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = draw(SCALARS)
    out = json.dumps(data, ensure_ascii=draw(st.booleans()), default=str)
    for literal in ("1e-999999999", "1e999999999", "NaN"):
        out = out.replace(f'"{literal}"', literal)
    return out.encode("utf-8", "surrogatepass")


@PROFILE
@given(st.one_of(mutated_models(), st.binary(max_size=2048).map(lambda b: b"{" + b)))
def test_json_model_target(data: bytes) -> None:
    _target("fuzz_json_model").test_one_input(data)


RULE = """rules:
  - id: local.fuzz
    title: {zh: x, en: x}
    severity: error
    require: EXPR
    message: {zh: x, en: x}
"""


@PROFILE
@given(st.one_of(
    st.text(max_size=400).map(lambda t: RULE.replace("EXPR", json.dumps(t, ensure_ascii=False))),
    st.text(alphabet=st.sampled_from(list("()[]{}+-*/ ,.:\"'!&|-#\n 0123456789abcxyz_")), max_size=300).map(
        lambda t: RULE.replace("EXPR", t)),
    st.binary(max_size=1024),
).map(lambda v: v.encode("utf-8", "surrogatepass") if isinstance(v, str) else v))
def test_rule_loader_target(data: bytes) -> None:
    _target("fuzz_rule_loader").test_one_input(data)

"""Provenance on demand (``model/provenance.py``): what every consumer sees is the eager dict.

The table entries are made when asked; these tests hold that asking one pointer first, many, or
none changes nothing a consumer can see (content, order, identity of what was handed out), and that
``json``, ``dumps_json``, jsonschema, ``copy`` and ``pickle`` all see the whole dict.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.model import dumps_json, loads_json
from compliance.model.provenance import Provenance, RowPlaces, Segment
from compliance.model.report import Report
from compliance.readers import read_bytes as _read_bytes
from compliance.readers import read_document as _read_document
from compliance.schemas import schema
from tests.hypothesis_budget import examples
from tests.readers.helpers import CORPUS, PAGES, SEED
from tests.rendering.render import LAYOUTS, render
from tests.strategies import consistent_models

DOCUMENTS = [SEED, *(CORPUS / f"{page}.html" for page in PAGES)]


@contextlib.contextmanager
def _unvalidated() -> Iterator[None]:
    """Reading as in production: the test suite validates every model a reader builds, and
    validating a model iterates its provenance (making every entry)."""
    saved = os.environ.pop("COMPLIANCE_VALIDATE_MODELS", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["COMPLIANCE_VALIDATE_MODELS"] = saved


def read_document(path: Path) -> Report:
    with _unvalidated():
        return _read_document(path)


def read_bytes(data: bytes, *, uri: str) -> Report:
    with _unvalidated():
        return _read_bytes(data, uri=uri)


def _eager(prov: Any) -> list[tuple[str, Any]]:
    """Every entry in order, as plain data (materialises ``prov``)."""
    return [(key, copy.deepcopy(dict(value))) for key, value in prov.items()]


def test_a_read_reports_table_entries_wait_until_asked() -> None:
    report = read_document(SEED)
    prov = report.data["provenance"]
    assert isinstance(prov, Provenance)
    assert isinstance(prov, dict)
    waiting = dict.__len__(prov)
    assert waiting < 40  # sections, items and the tables' own entries only
    assert report.locate("/tables/applications/rows/granted/values/natural_person") == {"line": 60, "column": 3}
    assert dict.__len__(prov) == waiting + 1  # that one entry, nothing else
    assert len(prov) > 200  # anything that needs them all makes them all
    fresh = read_document(SEED).data["provenance"]
    assert dict.__len__(fresh.materialised()) == len(prov)  # for code that reads the storage itself
    assert list(dict.items(fresh)) == list(prov.items())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_consumer_sees_the_eager_dict(path: Any) -> None:
    eager = dict(_eager(read_document(path).data["provenance"]))
    order = list(eager)

    def fresh() -> Any:
        return read_document(path).data["provenance"]

    assert json.loads(json.dumps(fresh())) == eager  # the C encoder (checks emptiness in C)
    assert list(json.loads(json.dumps(fresh()))) == order
    assert json.loads(json.dumps(fresh(), indent=2)) == eager  # the Python encoder
    assert list(loads_json(dumps_json(fresh()))) == order
    assert fresh() == eager
    assert eager == fresh()
    assert (fresh() != eager) is False
    assert (eager != fresh()) is False
    assert fresh() == fresh()
    assert list(fresh()) == order
    assert list(fresh().keys()) == order
    assert len(fresh()) == len(eager)
    assert [k for k, _ in fresh().items()] == order
    assert list(fresh().values()) == list(eager.values())
    assert list(reversed(fresh())) == order[::-1]
    assert dict(fresh()) == eager
    assert list(dict(fresh())) == order
    assert {**fresh()} == eager
    assert fresh().copy() == eager
    assert type(fresh().copy()) is dict
    assert copy.copy(fresh()) == eager
    assert repr(fresh()) == repr(eager)
    assert (fresh() | {}) == eager
    assert ({} | fresh()) == eager
    assert bool(fresh()) is bool(eager)
    model = read_document(path).data
    jsonschema.validate(model, schema("report"))
    jsonschema.validate(dict(model), {"type": "object", "properties": {"provenance": {
        "type": "object", "minProperties": len(eager), "maxProperties": len(eager),
        "additionalProperties": {"type": "object", "required": ["line"]} if "html" not in path.name else {}}}})


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_pickles_and_deep_copies_carry_the_records_and_cost_no_more_bytes(path: Any) -> None:
    eager = _eager(read_document(path).data["provenance"])
    prov = read_document(path).data["provenance"]
    looked = prov["/tables/applications/rows/granted"]  # one entry made before the copy
    size = len(pickle.dumps(prov, protocol=pickle.HIGHEST_PROTOCOL))
    assert size <= len(pickle.dumps(dict(eager), protocol=pickle.HIGHEST_PROTOCOL)) * 0.7
    for other in (pickle.loads(pickle.dumps(prov)), copy.deepcopy(prov)):
        assert isinstance(other, Provenance)
        assert other._segments is not None
        assert other["/tables/applications/rows/granted"] == looked
        assert _eager(other) == eager
    assert _eager(prov) == eager
    # Once made, a provenance pickles as the plain dict it now is.
    assert type(pickle.loads(pickle.dumps(prov))) is dict
    assert _eager(pickle.loads(pickle.dumps(prov))) == eager
    assert type(copy.deepcopy(prov)) is dict
    assert _eager(copy.deepcopy(prov)) == eager
    # A whole model deep-copied or pickled reads the same.
    model = read_document(path).data
    for other in (copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        assert dumps_json(other) == dumps_json(read_document(path).data)


def test_a_change_goes_after_every_entry_and_what_was_handed_out_stays_the_same_object() -> None:
    prov = read_document(SEED).data["provenance"]
    cell = prov["/tables/review_litigation/rows/review/values/total"]
    cell["inferred"] = {"split": "1|2"}  # a reader marks an entry it was given (resolve._mark)
    prov["/zz"] = {"line": 1}
    keys = list(prov)
    assert keys[-1] == "/zz"
    assert keys.index("/tables/review_litigation/rows/review/values/total") < len(keys) - 1
    assert prov["/tables/review_litigation/rows/review/values/total"] is cell
    assert cell["inferred"] == {"split": "1|2"}


def test_asking_an_absent_pointer_answers_as_a_dict_does() -> None:
    prov = read_document(SEED).data["provenance"]
    report = read_document(SEED)
    for key in ("/tables/applications/rows/nope", "/tables/applications/rows/granted/values/nope",
                "/tables/applications/rows/granted/values", "/values/x", "", "nope", 3):
        assert key not in prov
        assert prov.get(key) is None
        assert prov.get(key, 7) == 7
        with pytest.raises(KeyError):
            prov[key]
    # A value the table did not keep is placed at its row (the nearest ancestor).
    assert report.locate("/tables/applications/rows/granted/values/nope") == {"line": 60}
    assert prov._segments is not None  # none of that made everything


# -- generated records: lazily made entries against an eager dict built by hand -----------------------

_NAMES = st.sampled_from(["a", "b", "c", "total"])
_LOC = st.fixed_dictionaries({"line": st.integers(1, 99)}, optional={"page": st.integers(1, 9)})


@st.composite
def _segments(draw: st.DrawFn) -> list[Segment]:
    out: list[Segment] = []
    for table in draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), min_size=1, max_size=3, unique=True)):
        out.append((f"/tables/{table}", draw(_LOC)))
        for row in draw(st.lists(st.sampled_from(["r1", "r2", "r3", "r4"]), max_size=4)):  # repeats allowed
            kept = tuple((name, k) for k, name in enumerate(draw(st.lists(_NAMES, max_size=4, unique=True))))
            locs = draw(st.none() | st.lists(_LOC, min_size=len(kept), max_size=len(kept)).map(tuple))
            record: RowPlaces = (f"/tables/{table}/rows/{row}", draw(_LOC), locs, kept)
            out.append(record)
    return out


def _by_hand(head: dict[str, Any], segments: list[Segment]) -> dict[str, Any]:
    """What the readers built before: a dict written entry by entry."""
    out = dict(head)
    for segment in segments:
        if len(segment) == 2:
            out[segment[0]] = segment[1]
            continue
        pointer, loc, locs, kept = segment
        out[pointer] = dict(loc)
        for name, k in kept:
            out[f"{pointer}/values/{name}"] = {**loc, "column": k + 1} if locs is None else dict(locs[k])
    return out


@settings(max_examples=examples(150), deadline=None, database=None)
@given(segments=_segments(), head=st.dictionaries(st.sampled_from(["/sections/0", "/sections/1/items/0"]), _LOC),
       asks=st.lists(st.sampled_from(["/tables/t1", "/tables/t1/rows/r1", "/tables/t2/rows/r2/values/a",
                                      "/tables/t1/rows/r1/values/total", "/tables/t3/rows/r4/values/c",
                                      "/tables/t1/rows/r9", "/sections/0", "/tables/t1/rows/r1/values"]),
                     max_size=6))
def test_entries_asked_first_then_all_equal_the_eager_dict(
    segments: list[Segment], head: dict[str, Any], asks: list[str]
) -> None:
    expected = _by_hand(head, segments)
    prov = Provenance.deferred(dict(head), copy.deepcopy(segments))
    handed = {}
    for key in asks:
        assert (key in prov) is (key in expected)
        assert prov.get(key) == expected.get(key)
        if key in expected:
            handed[key] = prov[key]
    if isinstance(prov, Provenance) and prov._segments is not None and asks:
        restored = pickle.loads(pickle.dumps(prov))
        assert list(restored.items()) == list(expected.items())
    assert list(prov.items()) == list(expected.items())
    for key, value in handed.items():
        assert prov[key] is value


# -- generated reports in every layout ----------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=examples(8), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=consistent_models(dict(read_document(SEED).data)), data=st.data())
def test_a_generated_reports_provenance_on_demand_is_the_eager_one(
    layout: str, model: dict[str, Any], data: st.DataObject
) -> None:
    document = render(model, layout)
    eager = _eager(read_bytes(document, uri=f"generated.{layout}").data["provenance"])
    report = read_bytes(document, uri=f"generated.{layout}")
    keys = [key for key, _ in eager]
    asks = data.draw(st.lists(st.sampled_from([*keys, *(k + "/values/x" for k in keys[:5])]), max_size=8))
    for key in asks:
        found = report.locate(key)
        probe = key
        while probe not in dict(eager):
            probe = probe.rsplit("/", 1)[0]
        assert found == dict(eager)[probe]
    assert _eager(report.data["provenance"]) == eager


def test_threads_asking_one_report_at_once_all_see_the_eager_entries() -> None:
    """A report read once may be checked from several threads (a thread pool, Dask's threaded
    workers): while one thread makes every entry, another's lookup or iteration must not see the
    dict half made (empty, or without entries it already had)."""
    import sys
    import threading

    eager = _eager(read_document(SEED).data["provenance"].materialised())
    pointers = [p for p, _ in eager]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        for _ in range(30):
            prov = read_document(SEED).data["provenance"]
            seen: list[Any] = []
            start = threading.Barrier(4)

            def look(prov: Any = prov, seen: list[Any] = seen, start: threading.Barrier = start) -> None:
                start.wait()
                seen.append([prov.get(p) for p in reversed(pointers)])

            def walk(prov: Any = prov, seen: list[Any] = seen, start: threading.Barrier = start) -> None:
                start.wait()
                seen.append(list(prov.items()))

            threads = [threading.Thread(target=f) for f in (look, walk, look, walk)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for got in seen:
                if got and isinstance(got[0], tuple):
                    assert got == eager
                else:
                    assert got == [loc for _, loc in reversed(eager)]
    finally:
        sys.setswitchinterval(switch)

"""The recipe of docs/scaling.md: a Dask bag over file paths mapped with ``compliance.check``, run
with Dask's local synchronous scheduler. Skipped when dask is not installed (the ``dask`` extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

dask_bag = pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'compliance[dask]')")


def _summary(path: str) -> dict[str, object]:
    import compliance

    result = compliance.check(path)
    return {"source": result.source, "failures": sorted({f.rule for f in result.failures()})}


def test_dask_bag_over_paths_gives_the_same_results_as_a_loop(tmp_path: Path) -> None:
    import dask

    import compliance
    from compliance.model.report import dumps_json

    model = compliance.read_document(compliance.example_path()).data
    paths = []
    for i in range(4):
        path = tmp_path / f"report-{i}.json"
        path.write_text(dumps_json(dict(model)), encoding="utf-8")
        paths.append(str(path))
    paths.append(str(compliance.example_path()))
    bag = dask_bag.from_sequence(paths, npartitions=2).map(_summary)
    with dask.config.set(scheduler="synchronous"):
        got = bag.compute()
    assert got == [_summary(p) for p in paths]
    assert all(r["failures"] for r in got)  # the seed has known defects

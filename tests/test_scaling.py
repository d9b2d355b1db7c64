"""The recipe of docs/scaling.md: a Dask bag over file paths mapped with ``compliance.check``, run
with Dask's local synchronous scheduler. Skipped when dask is not installed (the ``dask`` extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

dask_bag = pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'ogi-compliance[dask]')")


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


LOCAL_RULE = """rules:
  - id: local.overview-long
    title: {zh: 总体情况不少于一万字, en: The overview is at least 10000 characters}
    basis: 本地要求（示例）
    severity: warning
    requires:
      - {path: overview, what: {zh: 总体情况, en: the overview}}
    require: len(overview.text) >= 10000
    message: {zh: "总体情况只有{len(overview.text)}字", en: "the overview has {len(overview.text)} characters"}
    examples:
      - {name: the base report is short, expect: fail}
      - {name: a long overview, expect: pass, set: {/sections/0/text: "%s"}}
"""

CONFIG = """packs = ["ogi-2021", "local.yaml"]
disable = ["narrative.internal-sums"]

[severity]
"tables.labels" = "info"

[parameters.publication_deadline]
department = { month = 1, day = 20 }

[[waivers]]
rule = "applications.row-totals"
source = "*copy-1.txt"
by = "测试"
reason = "已报送更正"
until = "2999-12-31"
"""


def test_a_local_cluster_of_two_processes_checks_with_the_callers_packs_and_configuration(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'ogi-compliance[dask]')")
    import io
    import json

    from dask.distributed import Client, LocalCluster

    from compliance.api import example_path, iter_check
    from compliance.config import load_config
    from compliance.distributed import check_on_cluster, write_results
    from compliance.waivers import waive_report

    (tmp_path / "local.yaml").write_text(LOCAL_RULE % ("很" * 10_000), encoding="utf-8")
    (tmp_path / "compliance.toml").write_text(CONFIG, encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(5):
        (folder / f"copy-{i}.txt").write_bytes(example_path().read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    config = load_config(tmp_path / "compliance.toml", explicit=True)
    packs = config.apply(config.load_packs())
    expected = [waive_report(r, config.waivers, "zh")
                for r in iter_check([folder], packs, jobs=1, published="2024-01-25")]

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        got = list(check_on_cluster([folder], packs, client, published="2024-01-25", waivers=config.waivers,
                                    chunk=2))
        assert len(set(client.run(lambda: __import__("os").getpid()).values())) == 2  # two processes served

    assert [r.to_dict() for r in got] == [r.to_dict() for r in expected]
    by_name = {Path(r.source).name: r for r in got}
    assert "empty" in (by_name["empty.txt"].error or "")
    seed = by_name["copy-0.txt"]
    rules = {f.rule: f for f in seed.findings}
    assert rules["local.overview-long"].status.value == "fail"  # the custom pack ran on the workers
    assert "narrative.internal-sums" not in rules  # disabled
    assert rules["tables.labels"].severity.value == "info"  # severity changed
    assert rules["timeliness.deadline"].status.value == "fail"  # 25 January is late under the local 20 January
    assert any(f.waived for f in by_name["copy-1.txt"].findings)  # the waiver, for its source only
    assert not any(f.waived for f in seed.findings)

    out = io.StringIO()
    summary = write_results(got, packs, out, output_format="jsonl")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["type"] for line in lines] == ["run", *["report"] * 6, "summary"]
    assert summary.inputs == 6
    assert summary.unreadable == ((str(folder / "empty.txt"), by_name["empty.txt"].error),)

"""Issue 11 item 1: worker processes check with exactly the packs and configuration of the parent.

Before the fix, each worker reloaded the packs from their paths, so ``disable``, ``[severity]``,
``[parameters]`` (and packs adjusted through the API) were ignored with ``--jobs 2``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from compliance import api
from compliance.api import example_path, iter_check, load_packs
from compliance.cli import main
from compliance.config import load_config
from compliance.rules import RulePack

FEATURES = {
    "disable": 'disable = ["narrative.internal-sums", "applications.row-totals"]\n',
    "severity": '[severity]\n"applications.row-totals" = "warning"\n"tables.labels" = "error"\n'
                '"narrative.internal-sums" = "warning"\n',
    "parameters": "[parameters.publication_deadline]\ndepartment = { month = 1, day = 20 }\n",
    "waivers": textwrap.dedent("""\
        [[waivers]]
        rule = "applications.row-totals"
        by = "王五"
        reason = "已报送更正"
        """),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "reports"
    data.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (data / name).write_bytes(example_path().read_bytes())
    return data


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_every_configuration_feature_gives_the_same_json_with_one_and_two_jobs(
        feature: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "compliance.toml"
    config.write_text(FEATURES[feature], encoding="utf-8")
    common = ["check", "--format", "json", "--published", "2024-01-25", "--config", str(config), str(folder)]
    one = _run([*common, "--jobs", "1"], capsys)
    two = _run([*common, "--jobs", "2"], capsys)
    assert one == two
    unconfigured = _run(["check", "--format", "json", "--published", "2024-01-25", "--jobs", "1", str(folder)],
                        capsys)
    assert one[1] != unconfigured[1]  # the feature did change something


def test_all_failures_as_warnings_exit_0_with_two_jobs(folder: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    failing = {f.rule for f in api.check(example_path()).failures()}
    config = tmp_path / "compliance.toml"
    config.write_text("[severity]\n" + "".join(f'"{rid}" = "warning"\n' for rid in sorted(failing)), encoding="utf-8")
    for jobs in ("1", "2"):
        assert main(["check", "-q", "--config", str(config), "--jobs", jobs, str(folder)]) == 0
    capsys.readouterr()


def _verdicts(packs: list[RulePack], folder: Path, jobs: int) -> list[list[tuple[str, str, str]]]:
    return [[(f.rule, f.status.value, f.severity.value) for f in r.findings]
            for r in iter_check([folder], packs, jobs=jobs, published="2024-01-25")]


def test_iter_check_workers_get_the_configured_packs(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "compliance.toml").write_text("".join(FEATURES[k] for k in ("disable", "parameters")) +
                                              '[severity]\n"tables.labels" = "error"\n', encoding="utf-8")
    packs = load_config(tmp_path).apply(load_packs())
    assert _verdicts(packs, folder, 1) == _verdicts(packs, folder, 2)
    assert all("narrative.internal-sums" not in {f[0] for f in report} for report in _verdicts(packs, folder, 2))


def test_packs_that_do_not_pickle_are_rebuilt_with_the_same_configuration(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compliance.toml").write_text(FEATURES["disable"] + FEATURES["severity"].replace(
        '"applications.row-totals" = "warning"\n', "") + FEATURES["parameters"], encoding="utf-8")
    packs = load_config(tmp_path).apply(load_packs())

    def unpicklable(packs: object) -> bytes:
        raise TypeError("cannot pickle")

    monkeypatch.setattr("compliance.rules.cache.dumps_packs", unpicklable)
    assert api._pack_payload(packs)[0] == "recipe"
    rebuilt = api._unpack(api._pack_payload(packs))
    assert [(r.id, r.severity) for p in rebuilt for r in p.rules] == [(r.id, r.severity) for p in packs
                                                                       for r in p.rules]
    assert rebuilt[0].constants == packs[0].constants
    assert _verdicts(packs, folder, 1) == _verdicts(packs, folder, 2)

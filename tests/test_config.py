"""compliance.toml / [tool.compliance]: packs, disabled rules, severities, parameters, errors."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from compliance.api import check_paths, example_path
from compliance.config import Config, ConfigError, load_config
from compliance.rules import load_default_pack
from compliance.severity import Severity

CONFIG = """\
disable = ["narrative.internal-sums"]

[severity]
"tables.labels" = "error"

[parameters.publication_deadline]
department = { month = 1, day = 20 }
"""


def write(folder: Path, text: str, name: str = "compliance.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_disable_severity_and_a_local_deadline(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, CONFIG).parent)
    packs = config.apply([load_default_pack()])
    pack = packs[0]
    assert len(pack.rules) == len(load_default_pack().rules) - 1
    assert pack.rule("narrative.internal-sums") is None
    labels = pack.rule("tables.labels")
    assert labels is not None
    assert labels.severity is Severity.ERROR
    assert pack.constants["publication_deadline"] == {"government": {"month": 3, "day": 31},
                                                      "department": {"month": 1, "day": 20}}
    assert load_default_pack().constants["publication_deadline"]["department"]["day"] == 31  # not mutated
    late = check_paths([str(example_path())], packs, published="2024-01-25").reports[0]
    deadline = [f for f in late.findings if f.rule == "timeliness.deadline"]
    assert [f.status.value for f in deadline] == ["fail"]
    assert "应于2024-01-20前发布" in deadline[0].message
    default = check_paths([str(example_path())], [load_default_pack()], published="2024-01-25").reports[0]
    assert [f.status.value for f in default.findings if f.rule == "timeliness.deadline"] == ["pass"]


def test_pyproject_tool_compliance_and_packs(tmp_path: Path) -> None:
    write(tmp_path, '[project]\nname = "x"\n\n[tool.compliance]\npacks = ["ogi-2021", "local.yaml"]\n'
          'disable = ["local.x"]\n', "pyproject.toml")
    write(tmp_path, """\
        rules:
          - id: local.x
            title: {zh: x, en: x}
            severity: info
            require: metadata.year > 2000
            message: {zh: x, en: x}
        """, "local.yaml")
    config = load_config(tmp_path)
    assert config.path == str(tmp_path / "pyproject.toml")
    packs = config.apply(config.load_packs())
    assert [p.name for p in packs] == ["ogi-2021", "local"]
    assert packs[1].rules == ()


def test_no_configuration_is_an_empty_one(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()
    assert [p.name for p in Config().load_packs()] == ["ogi-2021"]


@pytest.mark.parametrize(("text", "message"), [
    ('disable = ["tables.label"]\n',
     "CR021 no rule 'tables.label' in the packs ogi-2021; did you mean 'tables.labels'?"),
    ('[severity]\n"review.totl" = "info"\n', "did you mean 'review.total'?"),
    ('[parameters]\npublication_deadlines = 1\n', "CR022 no pack parameter 'publication_deadlines'; did you mean "
     "'publication_deadline'?"),
    ('[parameters.publication_deadline]\ndepartment = "01-20"\n', "CR022 parameter 'publication_deadline' of pack "
     "ogi-2021: department must be a object like the pack's, not a string"),
    ('[parameters.publication_deadline.department]\nmonht = 1\n', "has no key 'monht'"),
    ('severity_of = 1\n', "CR020 unknown key 'severity_of'; did you mean 'severity'?"),
    ('[severity]\n"review.total" = "fatal"\n', "must be error, warning or info"),
])
def test_errors_name_the_line_and_suggest(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path).apply([load_default_pack()])
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:")


def test_a_parameter_that_breaks_type_checking_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[parameters]\nsection_kinds = [1, 2]\n')
    with pytest.raises(ConfigError, match="must be a object like the pack's, not a number"):
        load_config(path).apply([load_default_pack()])


def test_waivers_are_parsed_with_dates(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        [[waivers]]
        rule = "applications.row-totals"
        agency = "聊城市人力资源和社会保障局"
        year = 2023
        by = "王五"
        reason = "已报送更正"
        until = 2099-12-31
        """)
    config = load_config(path)
    assert config.waivers[0].until == datetime.date(2099, 12, 31)
    config.check([load_default_pack()])

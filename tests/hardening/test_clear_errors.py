"""Issue 11 item 14: user mistakes are one line naming what is wrong, never "internal error" or
a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from compliance.api import example_path
from compliance.cli import main


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


@pytest.mark.parametrize(("text", "message"), [
    ('severity = "error"\n', "`severity` must be a table"),
    ('waivers = "x"\n', "`waivers` must be a list of tables"),
    ("waivers = [1]\n", "waiver 1 must be a table"),
    ('parameters = "x"\n', "`parameters` must be a table"),
])
def test_configuration_of_the_wrong_kind(tmp_path: Path, text: str, message: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "compliance.toml"
    config.write_text(text, encoding="utf-8")
    assert main(["check", "-q", "--config", str(config), str(example_path())]) == 2
    assert message in _one_line(capsys)


def test_a_configuration_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "compliance.toml"
    config.write_bytes(b'disable = ["\xff"]\n')
    assert main(["check", "-q", "--config", str(config), str(example_path())]) == 2
    assert "not UTF-8" in _one_line(capsys)


def test_an_unrelated_broken_pyproject_is_skipped_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", "--fail-on", "never", str(example_path())]) == 0
    err = capsys.readouterr().err
    assert "warning" in err
    assert "pyproject.toml is not valid TOML; it is ignored" in err
    assert main(["check", "-q", "--config", ".", str(example_path())]) == 2  # named: an error
    assert "pyproject.toml" in _one_line(capsys)


@pytest.mark.parametrize("value", ["1e308", "-1", "nan", "abc"])
def test_absurd_timeouts_are_usage_errors(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-q", "--timeout", value, str(example_path())]) == 2
    assert "--timeout" in _one_line(capsys)


def test_debug_after_the_sub_command_and_no_traceback_for_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-q", "--fail-on", "never", str(example_path()), "--debug"]) == 0
    capsys.readouterr()
    assert main(["check", "--debug", "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in _one_line(capsys)


def test_an_extends_cycle_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, other in (("pa", "pb"), ("pb", "pa")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "pack.yaml").write_text(f'name: {name}\nversion: "1.0"\nextends: [../{other}]\n',
                                                   encoding="utf-8")
    assert main(["check", "-q", "--no-default-rules", "--rules", str(tmp_path / "pa"), str(example_path())]) == 2
    assert "`extends` makes a cycle: pa → pb → pa" in _one_line(capsys)


def test_a_yaml_tag_is_invalid_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "tag.yaml"
    rules.write_text("rules:\n  - !foo x\n", encoding="utf-8")
    assert main(["check", "-q", "--no-default-rules", "--rules", str(rules), str(example_path())]) == 2
    assert "tag.yaml:2:5: CR001 invalid YAML: could not determine a constructor for the tag '!foo'" in \
        _one_line(capsys)


def test_a_docx_grid_span_that_is_not_a_number_counts_as_one() -> None:
    pytest.importorskip("docx")
    from compliance.readers.docx_reader import _grid_span

    assert [_grid_span(v) for v in ("abc", "", "3", " 2 ", "99999999", "٣")] == [1, 1, 3, 2, 1000, 1]


def test_a_docx_with_a_bad_grid_span_is_read(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    from compliance.readers import read_bytes

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (f'<w:document {w}><w:body><w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr>'
            '<w:gridSpan w:val="abc"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            "</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Default '
                         'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
                         'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                         'Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", body)
    from compliance.errors import DocumentError

    with pytest.raises(DocumentError) as caught:  # read (no ValueError), then found not to be a report
        read_bytes(buffer.getvalue(), uri="grid.docx")
    assert "ValueError" not in str(caught.value)

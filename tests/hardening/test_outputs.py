"""Issue 11 items 9, 10, 13, 14 (output paths), 6, 15 (unreadable inputs), 18 (closed stdout):
nothing the user had is lost, and every problem is one line naming the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.api import example_path, expand_inputs
from compliance.cli import main
from compliance.reporters.json_reporter import JsonStream


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "reports"
    data.mkdir()
    for name in ("a.txt", "b.txt"):
        (data / name).write_bytes(example_path().read_bytes())
    return data


def test_output_onto_an_input_is_refused_and_the_input_kept(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = folder / "m.json"
    assert main(["extract", str(folder / "a.txt"), "-o", str(model)]) == 0
    before = model.read_bytes()
    assert main(["check", str(model), "--format", "json", "-o", str(model)]) == 2
    assert "is also an input" in capsys.readouterr().err
    assert model.read_bytes() == before
    assert main(["check", str(folder / "a.txt"), "-o", str(folder / "x" / ".." / "a.txt")]) == 2
    assert (folder / "a.txt").read_bytes() == example_path().read_bytes()


def test_the_output_file_is_skipped_when_walking_the_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = folder / "out.json"
    for _ in range(2):  # the second run must not read its own first output
        assert main(["check", "-q", "--jobs", "1", "--format", "json", str(folder), "-o", str(out)]) == 1
        document = json.loads(out.read_text(encoding="utf-8"))
        assert [Path(r["source"]).name for r in document["reports"]] == ["a.txt", "b.txt"]
    assert capsys.readouterr().err == ""


def test_an_interrupted_write_keeps_the_previous_output(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = folder.parent / "out.json"
    out.write_text("previous", encoding="utf-8")

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(JsonStream, "finish", interrupted)  # the document is written as results arrive
    assert main(["check", "-q", "--jobs", "1", "--format", "json", str(folder), "-o", str(out)]) == 130
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in folder.parent.iterdir()) == ["out.json", "reports"]  # no temporary left


def test_the_output_keeps_its_permissions(folder: Path) -> None:
    out = folder.parent / "out.txt"
    out.write_text("", encoding="utf-8")
    out.chmod(0o640)
    assert main(["check", "-q", str(folder / "a.txt"), "-o", str(out)]) == 1
    assert out.stat().st_mode & 0o777 == 0o640
    assert "applications.row-totals" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("target", "message"), [
    ("missing/out.json", "does not exist"),
    (".", "is a folder"),
    ("/dev/full", "No space left on device"),
])
def test_output_mistakes_are_one_line(folder: Path, target: str, message: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(folder.parent)
    if target.startswith("/dev/") and not os.path.exists(target):
        pytest.skip(f"no {target}")
    assert main(["check", "-q", str(folder / "a.txt"), "-o", target]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "internal error" not in err


def test_a_read_only_output_file_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = folder.parent / "out.txt"
    out.write_text("keep", encoding="utf-8")
    out.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == out else real_access(p, mode))
    assert main(["check", "-q", str(folder / "a.txt"), "-o", str(out)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep"


def test_links_that_go_nowhere_are_unreadable_inputs(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "broken.txt").symlink_to("nowhere.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    assert main(["check", "-q", "--format", "json", "--jobs", "1", str(folder)]) == 2
    entries = {Path(r["source"]).name: r["error"] for r in json.loads(capsys.readouterr().out)["reports"]}
    assert entries["a.txt"] is None
    assert entries["b.txt"] is None
    assert "broken symbolic link" in entries["broken.txt"]
    assert "symbolic link loop" in entries["loop.txt"]


def test_unreadable_files_and_folders_are_one_entry_each(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Simulated (the tests may run as root, who can read anything)."""
    locked = folder / "locked"
    locked.mkdir()
    (locked / "c.txt").write_bytes(example_path().read_bytes())
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    def path_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", lambda p: scandir(p))
    monkeypatch.setattr(Path, "open", path_open)
    assert main(["check", "-q", "--format", "json", "--jobs", "1", str(folder)]) == 2
    entries = {Path(r["source"]).name: r["error"] for r in json.loads(capsys.readouterr().out)["reports"]}
    assert entries == {"a.txt": None, "b.txt": "cannot read: Permission denied",
                       "locked": "cannot read the folder: Permission denied"}


def test_expand_inputs_refuses_a_single_string() -> None:
    from compliance.errors import UsageError

    with pytest.raises(UsageError, match="list of paths"):
        expand_inputs(str(example_path()))  # type: ignore[arg-type]


def test_endless_streams_are_refused_at_the_limit(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COMPLIANCE_MAX_DOCUMENT_BYTES", "100000")
    assert main(["check", "-q", "/dev/zero"]) == 2
    assert "larger than the limit of 100,000 bytes" in capsys.readouterr().err


def test_a_closed_stdout_keeps_the_exit_code_and_prints_nothing(folder: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "compliance", "check", "--fail-on", "never", "--jobs", "1",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader goes away at once (as `| head -0` would)
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == b""


@pytest.mark.parametrize("args", [["rules", "list"], ["extract", str(example_path())]])
def test_other_commands_keep_their_exit_code_on_a_closed_stdout(args: list[str]) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "compliance", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == b""

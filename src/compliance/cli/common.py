"""Shared pieces of the command line: an argument parser that raises instead of exiting, and
writing output to stdout or a file.

A file named with ``-o`` is written safely: to a temporary file in the same folder, renamed over
the target only once everything is written, so Ctrl-C, a crash or a full disk leaves the previous
file intact and two runs never interleave. A target that cannot be written (a missing folder, a
folder, a read-only file) is a one-line ``UsageError`` before any work. Devices and pipes
(``/dev/stdout``, ``/dev/full``) are written in place. stdout closed by its reader (``| head``)
drops the rest of the output quietly; the run still finishes and keeps its exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TextIO

from compliance.errors import UsageError


class Parser(argparse.ArgumentParser):
    """Usage errors become ``UsageError`` (exit 2 with one line), never argparse's own exit; a
    misspelt option gets a did-you-mean from the options of the command it was given to."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("unrecognized arguments: "):
            message += _did_you_mean(self, message.removeprefix("unrecognized arguments: ").split())
        elif re.match(r"argument \w*command: invalid choice: '", message):
            from compliance.rules.diagnostics import suggest

            message += suggest(message.split("'")[1], _commands(self))
        elif re.fullmatch(r"the following arguments are required: \w*command", message):
            message = f"name a command: {', '.join(_commands(self))} (`{self.prog} --help` says what each does)"
        raise UsageError(message)


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    return [c for a in parser._actions if isinstance(a, argparse._SubParsersAction) for c in a.choices]


def option_strings(parser: argparse.ArgumentParser) -> list[str]:
    """Every ``--option`` of ``parser`` and of the sub-commands built in full below it."""
    found: list[str] = []
    for action in parser._actions:
        found.extend(o for o in action.option_strings if o.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(option_strings(sub))
    return sorted(set(found))


def _did_you_mean(parser: argparse.ArgumentParser, words: list[str]) -> str:
    from compliance.rules.diagnostics import suggest  # difflib, only on an error

    known = option_strings(parser)
    for word in words:
        if word.startswith("--"):
            hint = suggest(word.split("=", 1)[0], known)
            if hint:
                return hint
    return ""


def check_output_path(path: str) -> None:
    """Raise ``UsageError`` when ``path`` cannot be written as an output file."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write: {exc.strerror}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"-o {path}: is a folder; name a file to write")
    if info is not None and not stat.S_ISREG(info.st_mode):
        return  # a device or a pipe: written in place
    if not folder.is_dir():
        raise UsageError(f"-o {path}: the folder {folder} does not exist")
    if info is not None and not os.access(target, os.W_OK):
        raise UsageError(f"-o {path}: the file is read-only")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"-o {path}: cannot write in the folder {folder} (permission denied)")


class _Sink:
    """stdout that stops writing, quietly, once its reader has gone (``BrokenPipeError``)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed = False

    def write(self, text: str) -> int:
        if not self.closed:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self._close()
        return len(text)

    def flush(self) -> None:
        if not self.closed:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._close()

    def __getattr__(self, name: str) -> object:  # isatty, fileno, encoding…: the stream's own
        return getattr(self.stream, name)

    def _close(self) -> None:
        """Point stdout at /dev/null so the interpreter's final flush does not fail either."""
        self.closed = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)


class _File:
    """A file being written: an error while writing is a one-line ``UsageError`` naming the file."""

    def __init__(self, file: IO[str], path: str) -> None:
        self.file, self.path = file, path

    def write(self, text: str) -> int:
        try:
            return self.file.write(text)
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def flush(self) -> None:
        try:
            self.file.flush()
        except OSError as exc:
            raise _write_error(self.path, exc) from None


def _write_error(path: str, exc: OSError) -> UsageError:
    return UsageError(f"-o {path}: cannot write: {exc.strerror or exc}")


@contextlib.contextmanager
def quiet_broken_pipe() -> Iterator[None]:
    """While a command runs, stdout whose reader has gone (``| head``) swallows the rest of the
    output: the command finishes and returns its own exit code, as git and ruff do."""
    stream = sys.stdout
    sys.stdout = _Sink(stream)
    try:
        yield
    finally:
        sys.stdout = stream


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or ``path`` written atomically in UTF-8 (newlines as written: CSV keeps its CRLF).

    Raises:
        UsageError: the file cannot be written (checked first, then any error while writing).
    """
    if not path:
        sink = _Sink(sys.stdout)
        yield sink  # type: ignore[misc]
        sink.flush()
        return
    check_output_path(path)
    target = Path(path)
    try:
        regular = stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        regular = True
    except OSError as exc:
        raise _write_error(path, exc) from None
    if not regular:  # a device or a pipe: in place
        try:
            device = target.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise _write_error(path, exc) from None
        try:
            yield _File(device, path)  # type: ignore[misc]
        finally:
            try:
                device.close()
            except OSError as exc:
                raise _write_error(path, exc) from None
        return
    try:
        import tempfile  # only when writing a file (start-up)

        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            yield _File(file, path)  # type: ignore[misc]
            try:
                file.flush()
                os.fsync(file.fileno())
            except OSError as exc:
                raise _write_error(path, exc) from None
        try:
            os.chmod(temp, _mode(target))
            os.replace(temp, target)
        except OSError as exc:
            raise _write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _mode(target: Path) -> int:
    """The permissions of the file replaced, or those of a new file (0666 less the umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` (a file, atomically) or to stdout."""
    with open_output(output) as out:
        out.write(text)

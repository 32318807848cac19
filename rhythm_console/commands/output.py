"""Writing a command's output file: never over one of its inputs, a journal or a file the user made, and
never leaving half a file. One clear line when it fails.

Every file a command writes goes through `write_file`: the bytes go to a temporary file in the same
directory, are flushed to disk, and only then renamed over the old name, so a full disk, a crash or a
killed process leaves the old file whole (and no half-written new one).

Which existing files a command may replace without `--force`: only its own earlier output of the same
kind, unchanged since. The writer stamps each file it makes with an extended attribute holding the
command's kind and the digest of the bytes written; a file that has no stamp (a hand-written plan, another
program's file, a copy), whose bytes differ from the stamp (edited by hand since) or that another command
made is the user's, and is replaced only with `--force`. Where the file system keeps no extended
attributes, every existing file needs `--force`.

A show's journal (its first line is a Rhythm Console journal header) is never written over, not even with
`--force`: it is the only record of a show and nothing can make it again. Move it away first.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, TextIO

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.textsafe import printable

STAMP = "user.rhythm-console.output"  # the extended attribute: b"<kind> <sha256 of the bytes written>"
JOURNAL_MARK = b'"journal": "rhythm-console"'
_JOURNAL_HEAD = 4096  # the header line's start: where the mark sits in every journal
_CHUNK = 1 << 20


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (through links too); paths that do not exist compare as written."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()


def refuse_overwriting_inputs(output: str | Path, inputs: Iterable[str | Path]) -> None:
    for source in inputs:
        if same_file(Path(output), Path(source)):
            raise UserError(Said("error.output.is_input", output=printable(output), input=printable(source)))


def refuse_special_inputs(inputs: Iterable[str | Path]) -> None:
    """A pipe or a device named as an input file is refused before it is opened: reading a FIFO waits for a
    writer that may never come, and /dev/zero never ends."""
    for source in inputs:
        try:
            mode = os.stat(source).st_mode
        except OSError:
            continue  # missing or unreadable: the reader says so in its own words
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            kind = "fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
            raise UserError(Said(f"error.input.{kind}", input=printable(source)))


def is_journal(path: Path) -> bool:
    """Whether the file starts with a Rhythm Console journal header."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_JOURNAL_HEAD)
    except OSError:
        return False
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return first.lstrip().startswith(b"{") and JOURNAL_MARK in first.replace(b'":"', b'": "')


def _digest_of(path: Path) -> str | None:
    sha = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                sha.update(chunk)
    except OSError:
        return None
    return sha.hexdigest()


def _stamp_of(path: Path) -> tuple[str, str] | None:
    try:
        kind, _, digest = os.getxattr(path, STAMP).decode("ascii").partition(" ")
    except (OSError, AttributeError, UnicodeDecodeError):  # no stamp, no xattrs here, or not Linux
        return None
    return kind, digest


def made_by(path: Path, kind: str) -> bool:
    """Whether `path` is this kind of command's own output, unchanged since it was written."""
    stamp = _stamp_of(path)
    return stamp is not None and stamp[0] == kind and stamp[1] == _digest_of(path)


def check_target(output: str | Path, *, kind: str, force: bool = False,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Refuse, before any work, to write where the output would destroy something (see the module's words)."""
    refuse_overwriting_inputs(output, inputs)
    path = Path(output)
    try:
        status = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir() and not path.is_symlink():
            raise UserError(Said("error.output.no_directory", output=printable(output),
                                 directory=printable(path.parent))) from None
        return
    except OSError as exc:
        raise UserError(Said("error.cannot_write", path=printable(output), why=exc.strerror or exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise UserError(Said("error.output.directory", output=printable(output)))
    if not stat.S_ISREG(status.st_mode):
        return  # a pipe or a device (/dev/null, /dev/stdout) is written into, nothing is replaced
    if is_journal(path):
        raise UserError(Said("error.output.journal", output=printable(output)))
    if not force and not made_by(path, kind):
        raise UserError(Said("error.output.exists", output=printable(output)))


def check_journal_target(output: str | Path, *, force: bool = False) -> None:
    """Where `simulate` may write its journal: a new file, or with --force a file that is no show's journal
    or a simulation's (the same seed makes it again). A live show's, a rehearsal's or a drill's journal is
    never replaced, nor a directory, a device or a pipe (a journal is a file the console can read back)."""
    path = Path(output)
    try:
        status = path.stat()
    except FileNotFoundError:
        return  # the journal writer says so if its directory is missing
    except OSError as exc:
        raise UserError(Said("error.cannot_write", path=printable(output), why=exc.strerror or exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise UserError(Said("error.output.directory", output=printable(output)))
    if not stat.S_ISREG(status.st_mode):
        raise UserError(Said("error.output.not_a_file", output=printable(output)))
    if is_journal(path) and _journal_kind(path) != "simulated":
        raise UserError(Said("error.output.journal", output=printable(output)))
    if not force:
        raise UserError(Said("error.simulate.exists", path=printable(output)))


def _journal_kind(path: Path) -> str | None:
    """The kind a journal's header names ("live" when it names none, as the reader takes it); None if unreadable."""
    import orjson

    try:
        with open(path, "rb") as handle:
            header = orjson.loads(handle.readline().removeprefix(b"\xef\xbb\xbf"))
    except (OSError, orjson.JSONDecodeError):
        return None
    kind = header.get("kind", "live") if isinstance(header, dict) else None
    return kind if isinstance(kind, str) else None


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(output: str | Path, write: bytes | Callable[[BinaryIO], None], *, kind: str, force: bool = False,
               inputs: Iterable[str | Path] = ()) -> None:
    """Write `output` through a temporary file renamed into place (or straight into a pipe or a device);
    `write` is the bytes, or writes them to the handle it is given. Refusals as `check_target`."""
    check_target(output, kind=kind, force=force, inputs=inputs)
    target = Path(os.path.realpath(output))  # through a link: the file it names is replaced, the link stays
    try:
        status: os.stat_result | None = target.stat()
    except OSError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_into(output, target, write)
        return
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as exc:
        raise UserError(Said("error.cannot_write", path=printable(output), why=exc.strerror or exc)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if callable(write):
                write(handle)
            else:
                handle.write(write)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before the name moves: a crash leaves the old file or the new one
        os.chmod(temporary, stat.S_IMODE(status.st_mode) if status else _new_file_mode())
        # Digested as it lies on disk: a zip writer seeks back over what it wrote.
        try:
            os.setxattr(temporary, STAMP, f"{kind} {_digest_of(Path(temporary))}".encode("ascii"))
        except (OSError, AttributeError):
            pass  # no stamp: the next write over it asks for --force, nothing worse
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(Said("error.output.failed_kept" if status else "error.output.failed_none",
                             output=printable(output), why=exc.strerror or exc)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _write_into(output: str | Path, target: Path, write: bytes | Callable[[BinaryIO], None]) -> None:
    try:
        with open(target, "wb") as handle:
            if callable(write):
                write(handle)
            else:
                handle.write(write)
    except OSError as exc:
        raise UserError(Said("error.cannot_write", path=printable(output), why=exc.strerror or exc)) from None


def _sync_directory(directory: Path) -> None:
    """The rename itself on disk (where the platform lets a directory be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def encoded(text: str) -> bytes:
    """Text as the file holds it: UTF-8, with the platform's line endings (what a text-mode write gave)."""
    return (text if os.linesep == "\n" else text.replace("\n", os.linesep)).encode("utf-8")


def write_output(output: str | Path, text: str, *, kind: str, force: bool = False,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Write `text` to `output` as `write_file` does."""
    write_file(output, encoded(text), kind=kind, force=force, inputs=inputs)


def write_stdout(text: str) -> None:
    """Write `text` to stdout; a full disk behind it is a UserError, not a traceback at exit (a reader that went
    away, `| head`, is the command line's to end quietly)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        sys.stdout = open(os.devnull, "w")  # what could not be written must not be retried at exit
        raise UserError(Said("error.cannot_write", path="stdout", why=exc.strerror or exc)) from None


def deliver(text: str, output: str | Path | None, *, kind: str, force: bool = False,
            inputs: Iterable[str | Path] = (), said: str = "", said_to: TextIO | None = None) -> None:
    """The command's result: to `output` (then one line saying what was written, `said`, on `said_to`:
    stdout unless given) or, without one, to stdout."""
    if output:
        write_output(output, text, kind=kind, force=force, inputs=inputs)
        if said:
            print(printable(f"{output}: {said}"), file=said_to or sys.stdout)
    else:
        write_stdout(text)

"""Writing a command's output file: never over one of its inputs, and one clear line when it fails."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.textsafe import printable


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (through links too); paths that do not exist compare as written."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()


def refuse_overwriting_inputs(output: str | Path, inputs: Iterable[str | Path]) -> None:
    for source in inputs:
        if same_file(Path(output), Path(source)):
            raise UserError(f"{output}: that is the input {source}; write the output somewhere else")


def write_output(output: str | Path, text: str, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write `text` to `output`; a directory, a read-only place or a full disk is a UserError."""
    refuse_overwriting_inputs(output, inputs)
    if Path(output).is_dir():
        raise UserError(f"{output}: is a directory; name a file to write")
    try:
        # Closed inside the try: a full disk often shows only when the last buffer is flushed.
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None


def write_stdout(text: str) -> None:
    """Write `text` to stdout; a full disk or a closed pipe behind it is a UserError, not a traceback at exit."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        sys.stdout = open(os.devnull, "w")  # what could not be written must not be retried at exit
        raise UserError(f"stdout: cannot write ({exc.strerror or exc})") from None


def deliver(text: str, output: str | Path | None, *, inputs: Iterable[str | Path] = (), said: str = "",
            said_to=None) -> None:
    """The command's result: to `output` (then one line saying what was written, `said`, on `said_to`:
    stdout unless given) or, without one, to stdout."""
    if output:
        write_output(output, text, inputs=inputs)
        if said:
            print(printable(f"{output}: {said}"), file=said_to or sys.stdout)
    else:
        write_stdout(text)

"""SIGTERM and SIGHUP end a live console as quitting does: terminal restored, journal closed, the way back printed.

The console needs a terminal, so it runs in a subprocess on a pseudo-terminal; its journal is then
carried on through the resume path, which needs none.
"""

import fcntl
import os
import select
import signal
import struct
import sys
import termios
from pathlib import Path

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.journal import read_journal
from rhythm_console.resume import resume_session
from rhythm_console.show import ShowStatus
from tests.support.plans import ROOT

pty = pytest.importorskip("pty")


class Console:
    """`rhythm-console run` on a pseudo-terminal of 100 × 30, its screen output gathered as it comes."""

    def __init__(self, journal: Path) -> None:
        self.output = b""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the console
            os.chdir(ROOT)
            os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
            os.execv(sys.executable, [sys.executable, "-m", "rhythm_console", "run", "plans/quick.yaml",
                                      "--source", "none", "--lang", "en", "--journal", str(journal)])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))

    def read_until(self, condition, reads: int = 2000) -> None:
        """Gather output until `condition()` holds; a bound on reads, so a console that never gets there fails."""
        for _ in range(reads):
            if condition():
                return
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready and not self._read():
                break
        assert condition(), self.output[-2000:]

    def _read(self) -> bool:
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child is gone and its side of the terminal closed
            return False
        self.output += chunk
        return bool(chunk)

    def finish(self) -> int:
        while self._read():
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_console_cleanly_and_its_journal_resumes(tmp_path, ending):
    journal = tmp_path / "show.jsonl"
    console = Console(journal)
    try:
        console.read_until(lambda: b"\x1b[?1049h" in console.output and journal.exists())  # on screen, journal open
        console.read_until(lambda: b"Space" in console.output or b"space" in console.output)  # keys shown: mounted
        os.write(console.fd, b" ")  # start the show
        console.read_until(lambda: b'"show_started"' in journal.read_bytes())
        os.kill(console.pid, ending)
    except BaseException:
        os.kill(console.pid, signal.SIGKILL)
        raise
    code = console.finish()
    assert code == 128 + ending
    after = console.output.rsplit(b"\x1b[?1049l", 1)  # the alternate screen left: the terminal is restored
    assert len(after) == 2, console.output[-500:]
    said = after[1].decode()
    assert f"journal: {journal}" in said
    assert f"rhythm-console run plans/quick.yaml --resume {journal}" in said
    assert f"rhythm-console report {journal}" in said

    recorded = read_journal(journal)
    assert not recorded.torn and not recorded.warnings
    session = resume_session(journal, ManualClock(start_wall=recorded.header.started_wall), "en")
    try:
        assert session.state.status is ShowStatus.live
    finally:
        session.close()
    assert read_journal(journal).events[-1].type == "note"  # "session resumed", appended to the same journal

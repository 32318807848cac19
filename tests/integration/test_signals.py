"""SIGTERM and SIGHUP end a live console as quitting does: terminal restored, journal closed, the way back printed.

The console needs a terminal, so it runs in a subprocess on a pseudo-terminal; its journal is then
carried on through the resume path, which needs none.
"""

import fcntl
import json
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

    def __init__(self, journal: Path, *arguments: str) -> None:
        """`run plans/quick.yaml --source none --lang en --journal J`, or `run ARGUMENTS...` when given."""
        self.output = b""
        argv = arguments or ("plans/quick.yaml", "--source", "none", "--lang", "en", "--journal", str(journal))
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the console
            os.chdir(ROOT)
            os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
            os.environ.pop("RHYTHM_TOKEN", None)
            os.execv(sys.executable, [sys.executable, "-m", "rhythm_console", "run", *argv])
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
    assert f"rhythm-console run --resume {journal}" in said  # the journal holds the plan and the run
    assert f"rhythm-console report {journal}" in said

    recorded = read_journal(journal)
    assert not recorded.torn and not recorded.warnings
    session = resume_session(journal, ManualClock(start_wall=recorded.header.started_wall), "en")
    try:
        assert session.state.status is ShowStatus.live
    finally:
        session.close()
    assert read_journal(journal).events[-1].type == "note"  # "session resumed", appended to the same journal


def _samples_after_resume(journal: Path) -> list[dict]:
    """The metric samples journaled after the "session resumed" note."""
    records = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    resumed = max(index for index, record in enumerate(records) if record["type"] == "note")
    return [record["values"] for record in records[resumed:] if record["type"] == "metric_sample"]


def _ended_by(console: Console, ending: signal.Signals) -> str:
    os.kill(console.pid, ending)
    assert console.finish() == 128 + ending
    return console.output.rsplit(b"\x1b[?1049l", 1)[-1].decode()


def test_resume_alone_carries_on_the_recorded_feed_not_the_simulated_room(tmp_path):
    """SIGTERM a console reading a jsonl feed, then `run --resume J` with no other flag: the figures
    journaled after the resume come from the same feed (the simulated room would say otherwise)."""
    feed = tmp_path / "room.jsonl"
    feed.write_text('{"type": "snapshot", "online": 1840, "cumulative_viewers": 20311}\n'
                    + '{"type": "comment", "user": "u1"}\n' * 3, encoding="utf-8")
    journal = tmp_path / "show.jsonl"
    console = Console(journal, "plans/quick.yaml", "--source", f"jsonl:{feed},follow=1", "--lang", "en",
                      "--journal", str(journal))
    try:
        console.read_until(lambda: b"Space" in console.output or b"space" in console.output)
        os.write(console.fd, b" ")
        console.read_until(lambda: b'"online":1840' in journal.read_bytes() and b'"comments":3' in journal.read_bytes())
        said = _ended_by(console, signal.SIGTERM)
    except BaseException:
        os.kill(console.pid, signal.SIGKILL)
        raise
    assert said.rstrip().endswith(f"rhythm-console run --resume {journal}")
    header = read_journal(journal).header
    assert header.kind == "live"
    assert header.run is not None and header.run.sources == (f"jsonl:{feed},follow=1",)

    resumed = Console(journal, "--resume", str(journal))
    try:
        console = resumed
        console.read_until(lambda: b"Space" in console.output or b"space" in console.output)
        with open(feed, "a", encoding="utf-8") as more:  # the collector goes on writing
            more.write('{"type": "snapshot", "online": 2222}\n' + '{"type": "comment", "user": "u2"}\n' * 2)
        console.read_until(lambda: any(sample.get("comments") == 5 for sample in _samples_after_resume(journal)))
        said = _ended_by(console, signal.SIGTERM)
    except BaseException:
        os.kill(resumed.pid, signal.SIGKILL)
        raise
    samples = _samples_after_resume(journal)
    assert samples and all(sample["online"] == 2222 for sample in samples)  # the feed's, never a simulated room's
    assert samples[-1]["comments"] == 5 and samples[-1]["cumulative_viewers"] == 20311  # carried on, not recounted
    assert samples[-1]["product_clicks"] == 0 and samples[-1]["orders"] == 0  # the feed has none; a simulated room would
    assert f"carrying on {journal}: --source jsonl:{feed},follow=1" in console.output.decode(errors="replace")
    assert said.rstrip().endswith(f"rhythm-console run --resume {journal}")

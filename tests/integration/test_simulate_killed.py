"""`simulate --instant` writes its records a batch at a time: killed part way, its journal still reads
cleanly, and what it holds is the start of the show the same seed makes whole."""

import os
import signal
import subprocess
import sys

from rhythm_console.commands.simulate import INSTANT_BATCH
from rhythm_console.journal import read_journal
from tests.support.plans import PLANS, ROOT

# Runs the CLI in a process that is killed (SIGKILL: nothing of Python's runs after it) straight after
# its third write to the journal: the header, then two batches of records.
_KILLED_AFTER_THIRD_WRITE = """
import os, signal, sys
from rhythm_console import journal
from rhythm_console.cli import main

write, writes = journal.JournalWriter._write, []

def write_then_die(self, lines):
    write(self, lines)
    writes.append(lines)
    if len(writes) == 3:
        os.kill(os.getpid(), signal.SIGKILL)

journal.JournalWriter._write = write_then_die
sys.exit(main(sys.argv[1:]))
"""


def _simulate(tmp_path, name: str, *prefix: str):
    journal = tmp_path / f"{name}.jsonl"
    done = subprocess.run([sys.executable, *prefix, "simulate", str(PLANS / "demo.yaml"), "--instant", "--seed", "7",
                           "-o", str(journal), "--library", str(tmp_path / f"{name}.sqlite")],
                          cwd=ROOT, env=os.environ, capture_output=True)
    return journal, done.returncode


def test_a_killed_instant_simulation_leaves_the_start_of_its_show_in_whole_lines(tmp_path):
    killed, code = _simulate(tmp_path, "killed", "-c", _KILLED_AFTER_THIRD_WRITE)
    assert code == -signal.SIGKILL
    cut = read_journal(killed)
    assert not cut.torn and not cut.warnings and len(cut.events) == 2 * INSTANT_BATCH
    assert killed.read_bytes().endswith(b"\n")

    whole, code = _simulate(tmp_path, "whole", "-m", "rhythm_console")
    assert code == 0
    show = read_journal(whole)
    assert 0 < len(cut.events) < len(show.events)
    assert cut.events == show.events[:len(cut.events)]
    assert cut.seqs == show.seqs[:len(cut.seqs)]

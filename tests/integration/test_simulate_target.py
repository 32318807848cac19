"""Where `simulate -o` may write: never over a show's journal (live, rehearsal, drill), even with --force; an
earlier simulation with --force (the same seed makes it again); never into a directory, a device or a pipe."""

import os

import pytest

from rhythm_console.cli import main
from rhythm_console.clock import ManualClock
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import load_plan
from tests.support.plans import PLANS

QUICK = str(PLANS / "quick.yaml")


@pytest.mark.parametrize("kind", ["live", "rehearsal", "drill"])
def test_a_show_s_journal_is_never_replaced_even_with_force(tmp_path, kind, capsys):
    path = tmp_path / "show.jsonl"
    JournalWriter(path, load_plan(PLANS / "quick.yaml"), clock=ManualClock(), kind=kind).close()
    before = path.read_bytes()
    assert main(["simulate", QUICK, "--instant", "-o", str(path), "--force"]) == 2
    assert "从不覆盖日志" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_an_earlier_simulation_is_replaced_only_with_force(tmp_path, capsys):
    path = tmp_path / "sim.jsonl"
    assert main(["simulate", QUICK, "--instant", "--seed", "1", "-o", str(path), "--library", str(tmp_path / "l.db")]) == 0
    first = path.read_bytes()
    assert main(["simulate", QUICK, "--instant", "--seed", "2", "-o", str(path), "--library", str(tmp_path / "l.db")]) == 2
    assert "已存在（用 --force 覆盖）" in capsys.readouterr().err and path.read_bytes() == first
    assert main(["simulate", QUICK, "--instant", "--seed", "2", "-o", str(path), "--force",
                 "--library", str(tmp_path / "l.db")]) == 0
    assert path.read_bytes() != first and b'"kind":"simulated"' in path.read_bytes()[:4096]


def test_a_directory_or_a_pipe_is_refused_with_force_too(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target, said in ((folder, "是一个目录"), (fifo, "不是普通文件")):
        assert main(["simulate", QUICK, "--instant", "-o", str(target), "--force"]) == 2
        assert said in capsys.readouterr().err
    assert folder.is_dir() and fifo.is_fifo()


def test_simulate_speed_keeps_to_the_clock_whatever_each_second_costs():
    """A 120x show of 240 simulated seconds takes 2 real seconds even when each second's own work takes 5 ms:
    the pacer waits for what is left of the second's share, never a whole share on top of the work."""
    from rhythm_console.commands.simulate import SecondPacer

    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = SecondPacer(120, started=100.0, now=lambda: now[0], sleep=sleep)
    for _ in range(240):
        now[0] += 0.005  # the second's work
        pacer()
    assert now[0] == pytest.approx(102.0)
    assert sum(slept) == pytest.approx(2.0 - 240 * 0.005)
    now[0] += 1.0  # a stall (the machine was busy): the next seconds catch up, not sleep
    pacer()
    assert len(slept) == 240

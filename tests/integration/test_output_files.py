"""Files the user owns are never destroyed: every -o goes through one writer (temp file, fsync, rename), an
existing file the command did not make needs --force, and a journal is never written over."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rhythm_console.cli import main
from rhythm_console.commands.output import made_by, write_file
from rhythm_console.errors import UserError
from tests.support.across_helpers import team_events, write_journal
from tests.support.plans import PLANS, ROOT

HAND_WRITTEN = "# my own plan, written by hand\nshow: {title: 我的}\n"


def cli(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "show.jsonl", team_events())


def leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".partial")]


def test_import_does_not_replace_a_hand_written_plan_without_force(tmp_path, capsys):
    mine = tmp_path / "mine.yaml"
    mine.write_text(HAND_WRITTEN, encoding="utf-8")
    script = tmp_path / "script.csv"
    code, _, _ = cli(capsys, "export", PLANS / "quick.yaml", "-o", script)
    assert code == 0
    code, _, err = cli(capsys, "import", script, "-o", mine)
    assert code == 2 and mine.read_text(encoding="utf-8") == HAND_WRITTEN
    assert "--force" in err and len(err.strip().splitlines()) == 1
    code, _, _ = cli(capsys, "import", script, "-o", mine, "--force")
    assert code == 0 and mine.read_text(encoding="utf-8").startswith("# 由 `rhythm-console import` 从表格脚本导入")  # in the sheet's language


def test_a_report_never_writes_over_a_journal_even_with_force(tmp_path, capsys, journal):
    other = write_journal(tmp_path / "other.jsonl", team_events(coat=600), day=1)
    before = other.read_bytes()
    for extra in ([], ["--force"]):
        code, _, err = cli(capsys, "report", journal, "--format", "csv", "-o", other, *extra)
        assert code == 2 and "日志" in err and other.read_bytes() == before  # the show's plan is Chinese
    assert leftovers(tmp_path) == []


def test_a_report_rewrites_its_own_unchanged_output_but_not_a_hand_edited_one(tmp_path, capsys, journal):
    out = tmp_path / "tonight.md"
    assert cli(capsys, "report", journal, "-o", out)[0] == 0
    first = out.read_bytes()
    assert made_by(out, "report")
    assert cli(capsys, "report", journal, "-o", out)[0] == 0  # tonight's report, twice: no --force
    assert out.read_bytes() == first
    out.write_bytes(first + "\n我的补充\n".encode())  # the manager adds a line by hand
    code, _, err = cli(capsys, "report", journal, "-o", out)
    assert code == 2 and "--force" in err and out.read_bytes().endswith("我的补充\n".encode())
    # another command's output is not this one's
    brief = tmp_path / "brief.md"
    assert cli(capsys, "brief", PLANS / "quick.yaml", "-o", brief)[0] == 0
    assert cli(capsys, "report", journal, "-o", brief)[0] == 2


def test_every_writing_command_refuses_an_existing_file_it_did_not_make(tmp_path, capsys, journal):
    plan = tmp_path / "plan.yaml"
    plan.write_text((PLANS / "quick.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    library = tmp_path / "library.sqlite"
    assert cli(capsys, "library", "add", journal, "--library", library)[0] == 0
    commands = {
        "report.html": ["report", journal, "--format", "html"],
        "brief.md": ["brief", plan],
        "schema.json": ["schema"],
        "compare.csv": ["compare", journal, "--format", "csv"],
        "script.xlsx": ["export", plan],
    }
    for name, args in commands.items():
        target = tmp_path / name
        target.write_text("mine\n", encoding="utf-8")
        code, _, err = cli(capsys, *args, "-o", target)
        assert code == 2 and target.read_text(encoding="utf-8") == "mine\n", (name, err)
        code, _, err = cli(capsys, *args, "-o", target, "--force")
        assert code == 0 and target.read_text(encoding="utf-8", errors="replace") != "mine\n", (name, err)
        assert cli(capsys, *args, "-o", target)[0] == 0, name  # its own output now


def test_a_link_is_followed_and_kept_and_a_device_is_written_into(tmp_path, capsys, journal):
    real = tmp_path / "reports" / "real.md"
    real.parent.mkdir()
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    assert cli(capsys, "report", journal, "-o", link)[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("#")
    assert cli(capsys, "report", journal, "-o", "/dev/null")[0] == 0
    assert Path("/dev/null").is_char_device()


def test_a_replaced_file_keeps_its_permissions(tmp_path, capsys, journal):
    out = tmp_path / "report.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert cli(capsys, "report", journal, "-o", out, "--force")[0] == 0
    assert (out.stat().st_mode & 0o777) == 0o640


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 64 KiB tmpfs: a real full disk (needs the right to mount; skipped where the machine gives none)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.decode(errors='replace').strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_leaves_the_old_file_whole(small_disk):
    target = small_disk / "report.md"
    write_file(target, b"the old report\n" * 100, kind="report")
    with pytest.raises(UserError, match="无法写入.*原文件未改动"):
        write_file(target, b"x" * 200_000, kind="report")
    assert target.read_bytes() == b"the old report\n" * 100
    assert leftovers(small_disk) == []


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_report_cut_short_by_a_file_size_limit_leaves_the_old_report(tmp_path, capsys, journal):
    """The same as a full disk, on any Linux: a real process whose files may not grow past 4 KiB."""
    out = tmp_path / "report.html"
    out.write_text("<p>last week's report</p>\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rhythm_console", "report", str(journal), "--format", "html",
                           "-o", str(out), "--force", "--lang", "en"], cwd=ROOT, capture_output=True, text=True,
                          preexec_fn=_limit_file_size, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2, done.stderr
    assert out.read_text(encoding="utf-8") == "<p>last week's report</p>\n"
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert leftovers(tmp_path) == []

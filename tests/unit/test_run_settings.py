"""The journal's header says how a show was run and what it was; `run --resume` restores it (issue 20.1, 20.4)."""

import argparse
import json
from datetime import datetime, timedelta

import pytest

from rhythm_console.cli import build_parser, main
from rhythm_console.clock import ManualClock
from rhythm_console.commands.run_resume import choose_run, resume_command
from rhythm_console.errors import UserError
from rhythm_console.i18n import speaking
from rhythm_console.journal import JournalError, JournalWriter, read_journal
from rhythm_console.run_settings import RunSettings, without_secrets
from tests.support.plans import SMALL_PLAN


def _run_args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["run", *argv])


def test_the_header_keeps_the_kind_and_the_run_and_reads_them_back(tmp_path, small_plan):
    run = RunSettings(sources=("douyin:/srv/room.jsonl,follow=1", "jsonl:/srv/shop.jsonl"), listen="0.0.0.0:8765",
                      allow_hosts=("studio.local",), bus="nats://alice:s3cret@bus.example:4222", room="studio-a",
                      lang="zh")
    path = tmp_path / "s.jsonl"
    JournalWriter(path, small_plan, clock=ManualClock(), kind="rehearsal", run=run).close()
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["kind"] == "rehearsal"
    assert header["run"] == {"sources": ["douyin:/srv/room.jsonl,follow=1", "jsonl:/srv/shop.jsonl"],
                             "listen": "0.0.0.0:8765", "allow_hosts": ["studio.local"],
                             "bus": "nats://bus.example:4222", "room": "studio-a", "lang": "zh"}
    assert "s3cret" not in path.read_text(encoding="utf-8")
    read = read_journal(path).header
    assert read.kind == "rehearsal"
    assert read.run == RunSettings(sources=run.sources, listen="0.0.0.0:8765", allow_hosts=("studio.local",),
                                   bus="nats://bus.example:4222", room="studio-a", lang="zh")


def test_an_old_journal_without_kind_or_run_reads_as_live(tmp_path, small_plan):
    path = tmp_path / "old.jsonl"
    JournalWriter(path, small_plan, clock=ManualClock()).close()
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    del header["kind"], header["run"]
    path.write_text(json.dumps(header, ensure_ascii=False) + "\n", encoding="utf-8")
    read = read_journal(path).header
    assert (read.kind, read.run) == ("live", None)


@pytest.mark.parametrize(("field", "value", "said"), [
    ("kind", "party", "the header's kind 'party' is not one of live, rehearsal, simulated, drill"),
    ("run", {"sources": "douyin:x"}, "the header's run.sources is not a list of source specs"),
    ("run", {"lang": "fr"}, "the header's run.lang is not zh or en"),
    ("run", [1], "the header's run is not an object"),
])
def test_a_damaged_kind_or_run_is_refused_naming_the_field(tmp_path, small_plan, field, value, said, english):
    path = tmp_path / "bad.jsonl"
    JournalWriter(path, small_plan, clock=ManualClock()).close()
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    header[field] = value
    path.write_text(json.dumps(header, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(JournalError, match=f"bad.jsonl:1: {said}"):
        read_journal(path)


@pytest.mark.parametrize(("url", "kept"), [
    ("nats://alice:s3cret@bus.example:4222", "nats://bus.example:4222"),
    ("nats://TOKEN123@10.0.0.5:4222", "nats://10.0.0.5:4222"),
    ("tls://bus.example:4443/?token=abc#x", "tls://bus.example:4443/"),
    ("bus.example:4222", "nats://bus.example:4222"),
    ("nats://[::1]:4222", "nats://[::1]:4222"),
])
def test_a_bus_url_is_kept_without_user_password_or_token(url, kept):
    assert without_secrets(url) == kept
    assert RunSettings(bus=url).bus == kept


def test_a_new_run_records_its_flags_with_files_by_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "room.jsonl").write_text("", encoding="utf-8")
    choice = choose_run(_run_args("plan.yaml", "--source", "douyin:room.jsonl,follow=1", "--source", "simulate"), "zh")
    assert choice.settings.sources == (f"douyin:{tmp_path / 'room.jsonl'},follow=1", "simulate:seed=1,scale=1.0")
    assert choice.lines == ()
    assert choose_run(_run_args("plan.yaml"), "en").settings == RunSettings(sources=("simulate:seed=1,scale=1.0",),
                                                                            lang="en")


def test_resume_alone_restores_the_run_and_says_so(tmp_path):
    feed = tmp_path / "room.jsonl"
    feed.write_text("", encoding="utf-8")
    recorded = RunSettings(sources=(f"jsonl:{feed},follow=1",), listen="127.0.0.1:9001", room="studio-a",
                           bus="nats://127.0.0.1:4222", lang="en")
    choice = choose_run(_run_args("--resume", "j.jsonl"), "zh", resumed=tmp_path / "j.jsonl", recorded=recorded)
    assert choice.settings == recorded
    assert [spec.kind for spec in choice.specs] == ["jsonl"]
    assert len(choice.lines) == 1 and choice.lines[0].startswith(f"carrying on {tmp_path / 'j.jsonl'}: ")
    assert f"--source jsonl:{feed},follow=1 --listen 127.0.0.1:9001 --bus nats://127.0.0.1:4222" in choice.lines[0]
    assert resume_command(tmp_path / "j.jsonl", recorded, choice.settings) == f"rhythm-console run --resume {tmp_path / 'j.jsonl'}"


def test_flags_given_with_resume_override_each_with_a_line(tmp_path):
    recorded = RunSettings(sources=("simulate:seed=1,scale=1.0",), listen="127.0.0.1:9001", lang="en")
    choice = choose_run(_run_args("--resume", "j.jsonl", "--source", "none", "--listen", "127.0.0.1:9002"), "zh",
                        resumed=tmp_path / "j.jsonl", recorded=recorded)
    assert choice.settings.sources == ("none",) and choice.settings.listen == "127.0.0.1:9002"
    assert "resume: --source is now none (the journal had simulate:seed=1,scale=1.0)" in choice.lines
    assert "resume: --listen is now 127.0.0.1:9002 (the journal had 127.0.0.1:9001)" in choice.lines
    # The header is written once: carrying on again needs the changed flags again.
    assert resume_command(tmp_path / "j.jsonl", recorded, choice.settings) == (
        f"rhythm-console run --resume {tmp_path / 'j.jsonl'} --source none --listen 127.0.0.1:9002")


def test_a_resumed_old_journal_has_no_source_unless_asked_never_the_simulated_room(tmp_path):
    choice = choose_run(_run_args("--resume", "j.jsonl"), "en", resumed=tmp_path / "j.jsonl", recorded=None)
    assert choice.specs == () and choice.settings.sources == ()
    assert "does not say where its figures came from" in choice.lines[0]
    asked = choose_run(_run_args("--resume", "j.jsonl", "--source", "simulate"), "en",
                       resumed=tmp_path / "j.jsonl", recorded=None)
    assert [spec.kind for spec in asked.specs] == ["simulate"]


def test_a_recorded_file_that_is_gone_is_one_clear_line(tmp_path):
    recorded = RunSettings(sources=(f"douyin:{tmp_path / 'gone.jsonl'}",), lang="en")
    with speaking("en"), pytest.raises(UserError, match=r"gone.jsonl \(recorded in the journal\): .*no such file"):
        choose_run(_run_args("--resume", "j.jsonl"), "en", resumed=tmp_path / "j.jsonl", recorded=recorded)


def test_run_without_a_plan_or_resume_says_what_it_needs(capsys):
    assert main(["run", "--lang", "en"]) == 2
    assert "run needs a plan" in capsys.readouterr().err
    assert main(["run"]) == 2  # no plan to take the language from: Chinese, as plans usually are
    assert "run 需要一个脚本" in capsys.readouterr().err


def test_rehearsal_cannot_turn_a_resumed_live_show_into_a_rehearsal(tmp_path, small_plan, capsys):
    path = tmp_path / "live.jsonl"
    JournalWriter(path, small_plan, clock=ManualClock(), kind="live", run=RunSettings(sources=("none",))).close()
    assert main(["run", "--resume", str(path), "--rehearsal", "--lang", "en"]) == 2
    assert "is a live show and resumes as one; leave out --rehearsal" in capsys.readouterr().err


def test_simulate_writes_a_simulated_show_stamped_when_it_was_made(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN.replace("show: {title: 小测试}",
                                       "show: {title: 小测试, starts_at: 2020-01-01T20:00:00+08:00}"), encoding="utf-8")
    path = tmp_path / "sim.jsonl"
    before = datetime.now().astimezone()
    assert main(["simulate", str(plan), "--instant", "-o", str(path),
                 "--library", str(tmp_path / "lib.sqlite")]) == 0
    header = read_journal(path).header
    assert header.kind == "simulated"
    assert header.run is not None and header.run.sources == ("simulate:seed=1,scale=1",)
    assert abs((header.started_wall - before).total_seconds()) < 600  # now, not the plan's start date (2020)
    assert header.started_wall.utcoffset() == timedelta(hours=8)  # in the show's own zone


def test_a_rehearsal_s_start_is_not_the_plans_started_late_also_once_resumed(tmp_path, monkeypatch):
    from rhythm_console.ui.manager import ManagerApp

    sessions = []
    monkeypatch.setattr(ManagerApp, "run", lambda app, *args, **kwargs: sessions.append(app.session))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)  # run opens only in a terminal
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    plan, journal = tmp_path / "p.yaml", tmp_path / "r.jsonl"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert main(["run", str(plan), "--rehearsal", "--source", "none", "--journal", str(journal)]) == 0
    assert main(["run", "--resume", str(journal)]) == 0
    live = tmp_path / "l.jsonl"
    assert main(["run", str(plan), "--source", "none", "--journal", str(live)]) == 0
    assert [session.count_plan_start for session in sessions] == [False, False, True]

"""`run`'s first frame pays only for what the command needs (issue 22): without --listen, --bus or a
feed nothing of the link (aiohttp), the bus, the library, openpyxl, the review or resume is imported."""

import json
import subprocess
import sys

from tests.support.plans import PLANS, ROOT

BUILD_THE_CONSOLE = f"""
import json, sys
from rhythm_console.commands.run import build_source
from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.sources.runner import parse_source_spec
from rhythm_console.ui.manager import ManagerApp

plan = load_plan({str(PLANS / "demo.yaml")!r})
session = LiveSession(plan, ManualClock(), lang="zh")
ManagerApp(session, Texts("zh"), build_source(parse_source_spec("simulate"), session))
print(json.dumps(sorted(sys.modules)))
"""

NOT_YET = ("aiohttp", "nats", "openpyxl", "sqlite3", "rhythm_console.link.server", "rhythm_console.link.client",
           "rhythm_console.bus", "rhythm_console.library", "rhythm_console.review", "rhythm_console.report",
           "rhythm_console.resume", "rhythm_console.spreadsheet", "rhythm_console.sources.feeds",
           "rhythm_console.sources.douyin", "msgspec")  # msgspec: the journal's reader, not its writer


def test_the_console_without_listen_imports_no_link_bus_library_or_review():
    done = subprocess.run([sys.executable, "-c", BUILD_THE_CONSOLE], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    loaded = set(json.loads(done.stdout))
    assert "textual.app" in loaded and "rhythm_console.ui.manager" in loaded  # the console was built
    assert "aiohttp" not in loaded
    early = sorted(name for name in loaded if any(name == root or name.startswith(root + ".") for root in NOT_YET))
    assert early == []


def test_a_screen_command_that_ends_before_its_first_frame_gives_collection_back(tmp_path, capsys):
    import gc

    from rhythm_console.cli import main

    assert gc.isenabled()
    assert main(["run", str(tmp_path / "no-such-plan.yaml"), "--lang", "en"]) == 2
    assert gc.isenabled()


async def test_collection_held_at_start_up_runs_again_after_the_first_frame(tmp_path):
    import gc

    from rhythm_console.ui.gc_tuning import hold_collector, resume_collector
    from tests.support.console_helpers import make_console

    app, _, _ = make_console(tmp_path / "show.jsonl")
    hold_collector()
    try:
        assert not gc.isenabled()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        resume_collector()
        gc.enable()


def test_collection_turned_off_by_someone_else_stays_off():
    import gc

    from rhythm_console.ui.gc_tuning import calm_garbage_collector, hold_collector

    gc.disable()
    try:
        hold_collector()
        calm_garbage_collector()
        assert not gc.isenabled()
    finally:
        gc.enable()


A_REPORT = """
import json, sys
from rhythm_console.cli import main

main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def test_a_report_without_a_library_never_opens_one(tmp_path):
    """The store (and the indexing it does) is for a library that is there: a report with none beside its journal
    reads only that it is not."""
    journal = tmp_path / "show.jsonl"
    subprocess.run([sys.executable, "-m", "rhythm_console", "simulate", str(PLANS / "quick.yaml"), "--instant",
                    "-o", str(journal), "--library", str(tmp_path / "elsewhere.sqlite")], check=True, cwd=ROOT,
                   capture_output=True)
    done = subprocess.run([sys.executable, "-c", A_REPORT, "report", str(journal), "-o", str(tmp_path / "r.md"),
                           "--library", str(tmp_path / "none.sqlite")], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "rhythm_console.review" in loaded and (tmp_path / "r.md").exists()  # the report was made
    assert "rhythm_console.library.store" not in loaded

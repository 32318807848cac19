"""`probe` starts with what reading a capture needs (issue 22): nothing of logging, the event loop, the
screen, the plan's models or the link is imported by a file's probe, nor the catalog's words (`--json` says none)."""

import json
import subprocess
import sys

from rhythm_console.i18n import AREAS
from tests.support.plans import DATA, ROOT

PROBE_A_FILE = f"""
import contextlib, io, json, sys
from rhythm_console.cli import main

with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["probe", "douyin:" + {str(DATA / "feeds" / "douyin-quirks.jsonl")!r}, "--json"])
print(json.dumps([code, json.loads(out.getvalue())["items"], sorted(sys.modules)]))
"""

NOT_NEEDED = ("logging", "asyncio", "aiohttp", "textual", "rich", "pydantic", "yaml", "rhythm_console.plan",
              "rhythm_console.link", "rhythm_console.ui", "rhythm_console.session", "rhythm_console.vocabulary",
              *(f"rhythm_console.i18n.{area}" for area in AREAS))


def test_a_files_probe_imports_no_logging_event_loop_screen_plan_or_words():
    done = subprocess.run([sys.executable, "-c", PROBE_A_FILE], capture_output=True, text=True, cwd=ROOT, check=True)
    code, items, loaded = json.loads(done.stdout)
    assert code == 0 and items["comment"] == 2  # the capture was read
    early = sorted(name for name in loaded if any(name == root or name.startswith(root + ".") for root in NOT_NEEDED))
    assert early == []

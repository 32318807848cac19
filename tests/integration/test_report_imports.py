"""`report` pays only for what it needs (issue 22): a journal's plan is read without the YAML loader, and
neither the debrief's comparison (--against), the other formats' renderers nor the other commands are
imported to write one format."""

import json
import subprocess
import sys

import pytest

from tests.support.across_helpers import team_events, write_journal
from tests.support.plans import ROOT

REPORT = """
import json, sys
from rhythm_console.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]))
"""

NOT_NEEDED = ("yaml", "rhythm_console.plan.loader", "rhythm_console.plan.document", "rhythm_console.review.drill",
              "rhythm_console.commands.shows", "rhythm_console.commands.library", "openpyxl",
              "rhythm_console.spreadsheet.workbook", "rhythm_console.spreadsheet.importer",
              "rhythm_console.session", "rhythm_console.link", "rhythm_console.bus", "textual", "aiohttp")
RENDERERS = {"md": "rhythm_console.report.markdown", "html": "rhythm_console.report.html",
             "csv": "rhythm_console.report.csv_report"}


@pytest.mark.parametrize("form", sorted(RENDERERS))
def test_a_report_imports_its_own_renderer_and_no_loader_debrief_or_other_command(tmp_path, form):
    journal = write_journal(tmp_path / "show.jsonl", team_events())
    done = subprocess.run([sys.executable, "-c", REPORT, "report", str(journal), "--format", form, "-o",
                           str(tmp_path / f"report.{form}"), "--library", str(tmp_path / "none.sqlite")],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    assert code == 0 and (tmp_path / f"report.{form}").stat().st_size > 0  # the report was written
    assert RENDERERS[form] in loaded
    early = sorted(name for name in loaded if any(name == root or name.startswith(root + ".") for root in NOT_NEEDED))
    assert early == []
    assert [name for name in RENDERERS.values() if name in loaded] == [RENDERERS[form]]

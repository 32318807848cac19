"""Outside text never controls a terminal: one helper, used wherever such text is printed."""

import re
import subprocess
import sys

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.errors import PlanProblem, UserError
from rhythm_console.events import Advance, CueSent, Hold, Note, Resume, ShowEnded, ShowStarted
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import BOTTOM, HEIGHT, TOP, drift_chart
from rhythm_console.report.markdown import render_markdown
from rhythm_console.report.text import ReportText
from rhythm_console.textsafe import printable
from tests.support.plans import ROOT
from tests.support.reviews import review_of

HOSTILE = "a\x1b[2J\x1b]0;owned\x07b\r\nc\x00\u202egnp.exe\u2066"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_printable_escapes_controls_and_keeps_chinese():
    assert printable(HOSTILE) == "a\\x1b[2J\\x1b]0;owned\\x07b\\r\\nc\\x00\\u202egnp.exe\\u2066"
    assert printable("上链接 · 秋冬新品") == "上链接 · 秋冬新品"


def test_error_messages_stay_on_one_line_without_controls():
    problem = PlanProblem("x.yaml", 3, 5, "segments[0].title", f"bad value {HOSTILE!s}")
    assert "\n" not in str(problem) and not CONTROLS.search(str(problem))
    assert "\n" not in str(UserError(HOSTILE)) and not CONTROLS.search(str(UserError(HOSTILE)))


def test_check_prints_a_hostile_title_and_path_safely(tmp_path):
    plan = tmp_path / "p\x1b[31m.yaml"
    plan.write_text('show: {title: "秋冬\\e[2J\\u202e新品\\a"}\nsegments:\n  - {id: a, kind: opening, title: 开场, duration: 5m}\n',
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rhythm_console", "check", str(plan)], capture_output=True,
                          text=True, cwd=ROOT)
    # Refused (a title that controls the terminal would garble the console's header), and said safely.
    assert done.returncode == 2, done.stderr
    assert not CONTROLS.search(done.stderr) and "p\\x1b[31m.yaml:1:15: show.title:" in done.stderr
    assert "秋冬\\x1b[2J\\u202e新品\\x07" in done.stderr


def test_probe_text_output_escapes_the_feed_s_names(capsys, tmp_path):
    from rhythm_console.cli import main

    feed = tmp_path / "f.jsonl"
    feed.write_text('{"type": "\\u001b[2Jtele\\u202eport"}\n', encoding="utf-8")
    assert main(["probe", f"jsonl:{feed}"]) == 1  # read, but nothing in it the console could use
    said = capsys.readouterr()
    assert not CONTROLS.search(said.out) and "\\x1b[2Jtele\\u202eport 1" in said.out
    assert not CONTROLS.search(said.err) and "不认识 1" in said.err


def _hostile_journal(path, small_plan):
    with JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in [ShowStarted(at=0), CueSent(at=10, cue=1, text=HOSTILE), Hold(at=20, reason=HOSTILE),
                      Resume(at=30), Note(at=40, text=HOSTILE), ShowEnded(at=50)]:
            writer.append(event)
    return read_journal(path)


def test_markdown_and_csv_reports_escape_controls(tmp_path, small_plan):
    review = review_of(_hostile_journal(tmp_path / "s.jsonl", small_plan))
    markdown = render_markdown(review, "en")
    # a note is quoted as Markdown text too: its [ escaped as \[
    assert not CONTROLS.search(markdown) and markdown.count("\\x1b[2J") + markdown.count("\\x1b\\[2J") == 3
    plan = small_plan.model_copy(update={"segments": [small_plan.segments[0].model_copy(update={"title": HOSTILE})]})
    assert not CONTROLS.search(render_csv(review_of(_hostile_journal(tmp_path / "t.jsonl", plan))))


def test_the_drift_chart_keeps_a_long_over_run_inside_the_plot(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    with JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None) as writer:
        writer.append(ShowStarted(at=0))
        writer.append(Advance(at=25 * 60))  # a 5-minute opening ran 25: drift passes +20 min
        writer.append(ShowEnded(at=40 * 60))
    review = review_of(read_journal(path))
    assert max(value for _, value in review.drift_series) >= 20 * 60
    svg = drift_chart(review, ReportText("en"))
    points = re.search(r'<polyline[^>]*points="([^"]+)"', svg).group(1).split()
    ys = [float(point.split(",")[1]) for point in points]
    assert all(TOP <= y <= HEIGHT - BOTTOM for y in ys)
    assert min(ys) < TOP + (HEIGHT - TOP - BOTTOM) * 0.2  # scaled to the data, not squeezed flat
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', svg)
    assert labels[0].startswith("−") and labels[-1].startswith("+") and labels[-1].endswith("m")


@pytest.mark.parametrize("scale", ["nan", "inf", "0", "-1", "1001"])
def test_simulate_scale_is_checked_like_the_source_spec(capsys, tmp_path, scale):
    from rhythm_console.cli import main

    assert main(["simulate", str(ROOT / "plans" / "quick.yaml"), "--instant", "-o", str(tmp_path / "j.jsonl"),
                 "--scale", scale]) == 2
    assert "scale 须大于 0、最多 1000" in capsys.readouterr().err  # before the plan is read: Chinese
    assert not (tmp_path / "j.jsonl").exists()


def test_capture_without_arguments_prints_its_usage():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "capture.py")], capture_output=True, text=True)
    assert done.returncode == 2 and "usage: capture.py" in done.stderr and "Traceback" not in done.stderr

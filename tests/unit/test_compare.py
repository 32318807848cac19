"""compare's figures on journals worked out by hand, per person on a two-person plan, and the renderers."""

from html.parser import HTMLParser

import pytest

from rhythm_console.cli import main
from rhythm_console.events import ShowEnded
from rhythm_console.journal import read_journal
from rhythm_console.review.compare import FIGURES, compare
from rhythm_console.review.records import show_record
from tests.support.across_helpers import team_events, write_journal
from tests.support.reviews import review_of


@pytest.fixture
def two_shows(tmp_path):
    over = write_journal(tmp_path / "over.jsonl", team_events(coat=720, coat_ack=2, qa_ack=8), day=0)
    on_time = write_journal(tmp_path / "ontime.jsonl", team_events(coat=600, coat_ack=4, qa_ack=6, coat_gmv=2000), day=1)
    return over, on_time


def _record(path):
    return show_record(review_of(read_journal(path)))


def test_one_show_by_hand(two_shows):
    show = _record(two_shows[0])
    assert show.length == 300 + 720 + 300 + 180 and show.final_drift == 120
    assert (show.segments_done, show.overran, show.overrun_rate) == (4, 1, 0.25)
    assert show.mean_abs_drift == 30  # (0 + 120 + 0 + 0) / 4
    # mean online × minutes per segment: 100 × 5 + 300 × 12 + 200 × 5 (the lottery had no sample)
    assert show.watch_minutes == pytest.approx(5100)
    assert show.gmv == 1000 and show.gmv_per_kwm == pytest.approx(1000 * 1000 / 5100)
    assert (show.cue_count, show.ack_median) == (3, 2)
    coat = show.segments[1]
    assert (coat.verdict, coat.delta, coat.gmv, coat.orders, coat.clicks) == ("over", 120, 1000, 5, 50)
    assert (coat.online_before, coat.online_peak, coat.online_lift) == (100, 300, 2.0)


def test_by_kind_and_by_product(two_shows):
    comparison = compare([_record(path) for path in two_shows])
    (coat,) = comparison.products
    assert (coat.sku, coat.shows, coat.minutes, coat.gmv, coat.orders) == ("C1", 2, 22, 3000, 10)
    assert coat.gmv_per_minute == pytest.approx(3000 / 22)
    product = next(row for row in comparison.kinds if row.kind == "product")
    assert (product.segments, product.shows, product.overrun_rate, product.mean_abs_drift) == (2, 2, 0.5, 60)
    overrun = next(f for f in FIGURES if f.name == "overrun_rate")
    assert comparison.values(overrun) == [0.25, 0.0]


def test_per_person_on_a_two_person_plan(two_shows):
    people = {row.name: row for row in compare([_record(path) for path in two_shows]).people}
    host, assistant = people["安娜"], people["小雨"]
    # 安娜 leads open, coat and bag: 5 + 12 + 3 and 5 + 10 + 3 minutes; one over-run in six segments.
    assert (host.shows, host.segments, host.on_air_minutes) == (2, 6, 38)
    assert host.overrun_rate == pytest.approx(1 / 6)
    assert host.ack_median == 3  # acks 2, 2, 4, 4 during the coat
    assert host.gmv_per_minute == pytest.approx(3000 / 32)  # the lotteries had no sample, so no GMV figure
    assert (assistant.roles, assistant.segments, assistant.on_air_minutes, assistant.overrun_rate) == (
        ("assistant",), 2, 10, 0)
    assert assistant.ack_median == 7  # acks 8 and 6 during the Q&A
    roles = {row.name: row for row in compare([_record(path) for path in two_shows]).roles}
    assert roles["assistant"].segments == 2 and roles["host"].segments == 6


def test_compare_from_journals_and_from_the_library_agree(tmp_path, two_shows, capsys):
    library = tmp_path / "lib.sqlite"
    assert main(["library", "add", *map(str, two_shows), "--library", str(library)]) == 0
    capsys.readouterr()
    assert main(["compare", *map(str, two_shows), "--format", "csv"]) == 0
    from_journals = capsys.readouterr().out
    assert main(["compare", "--last", "2", "--library", str(library), "--format", "csv"]) == 0
    assert capsys.readouterr().out == from_journals
    header, first, second = from_journals.strip().splitlines()
    assert "overrun_rate" in header and first.startswith("2026-11-28") and second.startswith("2026-11-29")


def test_every_figure_says_its_formula_in_markdown_and_html(tmp_path, two_shows, capsys):
    assert main(["compare", *map(str, two_shows), "--lang", "en"]) == 0
    markdown = capsys.readouterr().out
    for figure in FIGURES:
        if figure.section != "platform":
            assert figure.formula and figure.formula.replace("|", "\\|") in markdown, figure.name
    assert "distinct" in markdown  # the basis: counts of events, not people
    out = tmp_path / "compare.html"
    assert main(["compare", *map(str, two_shows), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    HTMLParser().feed(page)
    assert page.count("<svg") >= 3 and "http" not in page.replace('xmlns="http', "")
    assert "安娜" in page and "大衣" in page


def test_the_basis_of_every_figure_is_in_the_comparison_s_language(two_shows, capsys):
    # The 口径 column of a Chinese comparison was the English formulas.
    from rhythm_console.i18n import CATALOGS
    from rhythm_console.review.records import FORMULAS

    assert main(["compare", *map(str, two_shows), "--lang", "zh"]) == 0
    markdown = capsys.readouterr().out
    assert "segment durations" not in markdown and "count of events" not in markdown
    assert "计划中各环节时长之和" in markdown and "事件计数" in markdown
    for name in FORMULAS:
        assert CATALOGS["zh"][f"formula.{name}"] and CATALOGS["en"][f"formula.{name}"] == FORMULAS[name], name


def test_shows_of_the_same_minute_are_told_apart_and_the_role_table_names_the_role_once(tmp_path, capsys):
    # Five simulations of one plan all start at its 20:00: five columns headed alike could not be told apart.
    same = [write_journal(tmp_path / f"s{n}.jsonl", team_events(coat=600 + 60 * n), day=0) for n in range(2)]
    assert main(["compare", *map(str, same), "--lang", "zh"]) == 0
    markdown = capsys.readouterr().out
    assert "| 2026-11-28 20:00 #1 | 2026-11-28 20:00 #2 |" in markdown
    roles = markdown.split("### 按角色")[1]
    assert "| 角色 | 场次 |" in roles and "| 角色 | 角色 |" not in roles
    assert " s |" not in markdown and "秒" in markdown  # seconds in the comparison's language
    out = tmp_path / "same.html"
    assert main(["compare", *map(str, same), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<p class="meta">依据 2 场：2 场直播 · ' in page


def test_compare_refusals(tmp_path, two_shows, capsys):
    assert main(["compare", str(two_shows[0]), "--last", "3"]) == 2
    assert main(["compare", "--last", "0", "--library", str(tmp_path / "lib.sqlite")]) == 2
    assert main(["compare", "--last", "2", "--library", str(tmp_path / "none.sqlite"), "--lang", "en"]) == 2
    assert "no show library" in capsys.readouterr().err


def test_a_comparison_says_how_many_shows_it_rests_on_and_which_were_not_live(tmp_path, capsys):
    live = write_journal(tmp_path / "live.jsonl", team_events(coat=600), day=0)
    rehearsal = write_journal(tmp_path / "rehearsal.jsonl", team_events(coat=720), day=1, kind="rehearsal")
    assert main(["compare", str(live), str(rehearsal), "--lang", "zh"]) == 0
    markdown = capsys.readouterr().out
    assert "依据 2 场：1 场直播、1 场彩排" in markdown
    assert "| 2026-11-28 20:00 | 2026-11-29 20:00 · 彩排 |" in markdown  # no column passes for a real show
    assert main(["compare", str(live), str(rehearsal), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("started,kind,title,") and ",rehearsal," in rows[2]
    assert main(["compare", str(live), str(rehearsal), "--lang", "en"]) == 0
    assert "Rests on 2 show(s): 1 live, 1 rehearsal" in capsys.readouterr().out


def test_a_show_ended_before_its_last_segments_is_never_ahead_by_what_it_left_out(tmp_path):
    events = [event for event in team_events(coat=600) if event.at <= 300 + 600]  # stopped as the coat ended
    cut = write_journal(tmp_path / "cut.jsonl", [*events, ShowEnded(at=300 + 600 + 30)])
    show = _record(cut)
    # It ran the opening and the coat on time and stopped 30 s into the Q&A; the Q&A and the lucky bag never ran.
    assert show.not_run == 1 and show.final_drift == pytest.approx(30 - 300)  # the Q&A's 5:00 was cut short
    on_plan = _record(write_journal(tmp_path / "whole.jsonl", team_events(coat=600)))
    assert on_plan.not_run == 0 and on_plan.final_drift == 0
    assert "not_run" in {figure.name for figure in FIGURES}

"""A cue is "delivered" only when a pane received it (issue 20.3): a role with no pane connected reads
`助播: 无人接收` on the console's cue log, in the journal and in the review, never 已发送 or 已送达."""

from __future__ import annotations

from rhythm_console.acks import Delivery, delivery
from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import load_plan
from rhythm_console.report.markdown import render_markdown
from rhythm_console.session import LiveSession
from rhythm_console.ui.widgets.cues import delivery_summary, delivery_text
from tests.support.panes import RecordingPane
from tests.support.plans import PLANS
from tests.support.reviews import review_of
from tests.support.waiting import until


async def test_playbook_steps_for_a_role_with_no_pane_read_as_nobody_there(tmp_path):
    plan = load_plan(PLANS / "demo.yaml")
    clock = ManualClock()
    path = tmp_path / "show.jsonl"
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), advise=False)
    link = LinkServer(session, "127.0.0.1", 0)
    await link.start()
    pane = RecordingPane(link.url, name="host")  # only the host has a pane: no assistant, no ops
    pane.start()
    try:
        await until(lambda: link.pane_names() == ["host"])
        session.start_or_advance()
        reason, roles = session.send_contingency_steps("link-broken")
        assert reason is None and roles == ["host", "assistant", "ops"]
        host, assistant, ops = session.state.cues
        await until(lambda: session.state.cue(host.cue).delivered)  # the host's pane said it received it
        state = session.state
        assert [delivery(state.cue(c.cue)) for c in (host, assistant, ops)] == [
            Delivery.delivered, Delivery.nobody, Delivery.nobody]
        t = Texts("zh")
        assert str(delivery_text(t, state.cue(assistant.cue))) == "助播: 无人接收"
        assert str(delivery_summary(t, state.cue(ops.cue))) == "运营: 无人接收"
        assert "host→" in str(delivery_text(t, state.cue(host.cue)))
        session.end_show()
    finally:
        await pane.stop()
        await link.stop()
        session.close()

    journal = read_journal(path)
    sent = [e for e in journal.events if e.type == "cue_sent"]
    assert [e.reach for e in sent] == [["host"], [], []]  # the journal keeps who could receive each
    assert sum(e.type == "cue_delivered" for e in journal.events) == 1
    review = review_of(journal)
    assert [c.delivery for c in review.cues] == [Delivery.delivered, Delivery.nobody, Delivery.nobody]
    report = render_markdown(review, "zh")
    assert "助播: 无人接收" in report and "运营: 无人接收" in report
    assert "2 条提词无人接收" in report and "（助播、运营）" in report


def test_without_a_link_every_cue_reads_nobody_and_an_older_journal_reads_unknown(tmp_path):
    plan = load_plan(PLANS / "demo.yaml")
    session = LiveSession(plan, ManualClock(), advise=False)
    session.start_or_advance()
    session.send_cue("加快节奏")
    record = session.state.cues[-1]
    assert record.reach == () and delivery(record) is Delivery.nobody
    assert str(delivery_summary(Texts("en"), record)) == "nobody to receive it"
    from dataclasses import replace
    older = replace(record, reach=None)  # a journal from before cue_sent said who could receive it
    assert delivery(older) is Delivery.unknown and str(delivery_text(Texts("zh"), older)) == "送达未知"

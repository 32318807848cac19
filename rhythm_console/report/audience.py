"""The review's customer-voice section (review/audience.py's figures), rendered on its own as Markdown
or HTML, so it can follow whichever report the rest of the review makes."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from rhythm_console.audience.lexicon import Kind
from rhythm_console.i18n import Texts
from rhythm_console.report.markdown_text import quoted
from rhythm_console.review.audience import AudienceReview, VoiceFinding, VoiceSegment
from rhythm_console.textsafe import printable
from rhythm_console.units import wall_at

_COLOURS = {"tech_complaints": "#c0392b", "rhythm_complaints": "#d68910"}
WIDTH, HEIGHT = 720, 120


class _Words:
    def __init__(self, voice: AudienceReview, lang: str, started_wall: datetime) -> None:
        self.texts = Texts(lang)
        self.voice = voice
        self.started_wall = started_wall
        self.labels = {category: label for category, label, _ in voice.categories}

    def label(self, category: str) -> str:
        key = f"audience.cat.{category}"
        return self.labels.get(category) or (self.texts(key) if self.texts.has(key) else category)

    def when(self, at: float) -> str:
        return f"{wall_at(self.started_wall, at):%H:%M}"

    def finding(self, finding: VoiceFinding) -> str:
        params = dict(finding.params)
        if finding.code == "questions_peak":
            params["topic"] = self.label(str(params["category"]))
        if finding.code == "tech_spike":
            params["when"] = self.when(float(params["at"]))  # type: ignore[arg-type]
        return self.texts(f"finding.{finding.code}", **params) + self.texts("finding.stop")

    def cells(self, segment: VoiceSegment, kinds: tuple[Kind, ...]) -> str:
        parts = [f"{self.label(category)} {count}" + (
                     f" ({self.texts('audience.per_min', rate=segment.peaks[category])})" if segment.peaks.get(category)
                     else "")
                 for category, count in sorted(segment.counts.items(), key=lambda kv: -kv[1])
                 if self.voice.kind_of(category) in kinds]
        return self.texts.listed(parts) or "—"

    def examples(self, segment: VoiceSegment, quote: Callable[[str], str] = str) -> str:
        """The comments heard, by category; `quote` makes each comment safe where it is written."""
        return " · ".join(f"{quote(self.label(category))}: " + " / ".join(f"“{quote(text)}”" for text in texts)
                          for category, texts in segment.examples.items()) or "—"


_COMPLAINTS = (Kind.rhythm_complaint, Kind.tech_complaint)


def voice_markdown(voice: AudienceReview, lang: str, started_wall: datetime) -> str:
    if not voice.heard:
        return ""
    w = _Words(voice, lang, started_wall)
    t = w.texts
    lines = [f"## {t('report.voice')}", "", f"({t('report.voice_note')})", ""]
    lines += [f"- {printable(w.finding(finding))}" for finding in voice.findings]
    if voice.findings:
        lines.append("")
    header = [t("report.segment"), t("report.voice_questions"), t("report.voice_complaints"), t("report.voice_buy"),
              t("report.voice_examples")]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for segment in voice.segments:
        row = [segment.title or "—", w.cells(segment, (Kind.question,)), w.cells(segment, _COMPLAINTS),
               w.cells(segment, (Kind.buy_signal,))]
        cells = [printable(cell).replace("|", "\\|") for cell in row] + [w.examples(segment, quoted)]
        lines.append("| " + " | ".join(cells) + " |")
    if voice.spikes:
        lines += ["", f"{t('report.voice_spikes')}: " + t.listed(
            f"{w.when(spike.at)} {w.label(spike.category)} {t('audience.per_min', rate=spike.rate)}"
            for spike in voice.spikes)]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return html.escape(printable(text))


def _chart(voice: AudienceReview, w: _Words) -> str:
    points = [point for series in voice.series.values() for point in series]
    if not points:
        return ""
    start, end = min(at for at, _ in points), max(at for at, _ in points)
    high = max(max(rate for _, rate in points), 1.0)
    span = max(end - start, 1.0)
    shapes = []
    for category, series in voice.series.items():
        coords = " ".join(f"{(at - start) / span * (WIDTH - 20) + 10:.1f},{HEIGHT - 10 - rate / high * (HEIGHT - 20):.1f}"
                          for at, rate in series)
        shapes.append(f'<polyline fill="none" stroke="{_COLOURS[category]}" stroke-width="1.5" points="{coords}"/>')
    for spike in voice.spikes:
        x = (spike.at - start) / span * (WIDTH - 20) + 10
        shapes.append(f'<circle cx="{x:.1f}" cy="{HEIGHT - 10 - spike.rate / high * (HEIGHT - 20):.1f}" r="4" '
                      f'fill="{_COLOURS[spike.category]}"><title>{_escape(w.when(spike.at))} '
                      f'{_escape(w.label(spike.category))} {spike.rate:.0f}/min</title></circle>')
    legend = "".join(f'<span style="color:{_COLOURS[c]}">■ {_escape(w.label(c))}</span> ' for c in voice.series)
    return (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-label="{_escape(w.texts("report.voice_spikes"))}">{"".join(shapes)}</svg><div>{legend}</div>')


def voice_html(voice: AudienceReview, lang: str, started_wall: datetime) -> str:
    if not voice.heard:
        return ""
    w = _Words(voice, lang, started_wall)
    t = w.texts
    parts = [f"<section class='voice'><h2>{_escape(t('report.voice'))}</h2><p>{_escape(t('report.voice_note'))}</p>"]
    if voice.findings:
        parts.append("<ul class='findings'>" + "".join(f"<li>{_escape(w.finding(f))}</li>" for f in voice.findings)
                     + "</ul>")
    parts.append(_chart(voice, w))
    header = [t("report.segment"), t("report.voice_questions"), t("report.voice_complaints"), t("report.voice_buy"),
              t("report.voice_examples")]
    parts.append("<table><tr>" + "".join(f"<th>{_escape(h)}</th>" for h in header) + "</tr>")
    for segment in voice.segments:
        row = [segment.title or "—", w.cells(segment, (Kind.question,)), w.cells(segment, _COMPLAINTS),
               w.cells(segment, (Kind.buy_signal,)), w.examples(segment)]
        parts.append("<tr>" + "".join(f"<td>{_escape(cell)}</td>" for cell in row) + "</tr>")
    parts.append("</table></section>")
    return "".join(parts)

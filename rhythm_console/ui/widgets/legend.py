"""The keys that send cues: the plan's presets (1-9) and the built-in F-keys, all in sight.

Wide and tall enough, every item is drawn whole, wrapped at item boundaries onto a few lines;
otherwise each item keeps its key and its first words, so nine presets still fit on one line."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from rhythm_console.ui.format import LEVEL_STYLE, clip
from rhythm_console.ui.redraw import show
from rhythm_console.ui.view import ShowsView, View

Item = tuple[str, str, str]  # key, words, style
GAP = 2  # cells between items


def fit_items(items: list[Item], width: int, max_lines: int) -> list[Text]:
    """Lines showing every item: whole when they fit in `max_lines`, else cut to share one line."""
    whole = _flow(items, width)
    if len(whole) <= max_lines:
        return whole
    per_item = max(2, (width - GAP * (len(items) - 1)) // max(1, len(items)))
    cut = [(key, _cut(words, per_item - cell_len(key)), style) for key, words, style in items]
    return _flow(cut, width)


def _cut(words: str, cells: int) -> str:
    if cell_len(words) <= cells:
        return words
    return clip(Text(words), max(1, cells)).plain


def _flow(items: list[Item], width: int) -> list[Text]:
    lines: list[Text] = []
    line = Text()
    for key, words, style in items:
        item = Text()
        item.append(key, style="bold reverse")
        item.append(words, style=style)
        if line.cell_len and line.cell_len + GAP + item.cell_len > width:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append(" " * GAP)
        line.append_text(item)
    if line.cell_len:
        lines.append(line)
    return lines


class KeyLegend(ShowsView, Static):
    """Two groups, each starting on its own line: the plan's presets, then the built-in F-keys."""

    def __init__(self, builtins: dict[str, str], **kwargs: Any) -> None:  # Static's
        super().__init__(**kwargs)
        self.builtins = builtins  # key -> built-in cue name

    def update_view(self, view: View) -> None:
        if not self.display:  # shown by the live console only: its keys send
            return
        t, plan = view.texts, view.state.plan
        width = self.size.width or 78
        tall = (self.app.size.height if self.app else 0) >= 34
        presets = [(p.key, p.text, LEVEL_STYLE[p.level.value]) for p in plan.cue_presets]
        builtins = []
        for key, name in self.builtins.items():
            cue = plan.cue_for(name, t)
            if cue is None:  # every built-in cue has words: a name the plan does not know is not shown
                continue
            words, level = cue
            builtins.append((key.upper(), words, LEVEL_STYLE[level.value]))
        lines = fit_items(presets, width, 3 if tall else 1) if presets else []
        lines += fit_items(builtins, width, 2 if tall else 1)
        text = Text("\n").join(lines)
        if self.size.height != len(lines):
            # Its height is its lines' (nowrap, at most 5): another height is a layout still to come, or one asked
            # for while the screen was laying out (the first draw, before its width is known) and lost: ask again.
            self.update(text)
        else:
            show(self, text)  # drawn again only when its words or their fit change

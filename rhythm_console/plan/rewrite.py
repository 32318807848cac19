"""Changing a plan's YAML text in place: a segment's duration, a note added to it (pure, text in and out).

Edits are made on the text at the places the YAML parser says the values
are, so everything else the manager wrote stays byte for byte: comments,
order, quoting, blank lines. What is lost: the old text of a changed
duration, and the layout of a segment's existing `notes` (it is rewritten as
one quoted string with the new note appended; comments inside it go).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import yaml

from rhythm_console.durations import format_short


@dataclass(frozen=True)
class SegmentEdit:
    segment_id: str
    duration: float | None = None  # the new duration in seconds
    comment: str | None = None  # why, written beside the new duration
    note: str | None = None  # appended to the segment's notes


class RewriteError(ValueError):
    """The plan text does not hold what the edit names (a segment id that is not in it)."""


def _segments(root: yaml.Node | None) -> dict[str, yaml.MappingNode]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    found: dict[str, yaml.MappingNode] = {}
    for key, value in root.value:
        if key.value == "segments" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    ids = [v for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
                    if ids:
                        found[ids[0].value] = item
    return found


def _entry(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The segment's own `name: value` (written in it, not merged in with `<<:`)."""
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)


def _inherited(mapping: yaml.MappingNode, name: str) -> yaml.Node | None:
    """The value of `name` a segment takes from the mappings it merges (`<<: *base`, `<<: [*a, *b]`), the
    first one that has it (as YAML's merge does), when the segment does not write it itself."""
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:merge":
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    found = _entry(source, name) or ((None, inner) if (inner := _inherited(source, name)) else None)
                    if found is not None:
                        return found[1]
    return None


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _has_comment(line: str) -> bool:
    """Whether a line holds a comment (a # after a space, outside quotes: close enough for plan lines)."""
    quote = None
    for position, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (position == 0 or line[position - 1] in " \t"):
            return True
    return False


def rewrite_plan(text: str, edits: list[SegmentEdit]) -> str:
    """The plan text with the edits applied; RewriteError for a segment that is not in it.

    A segment's edits are made as one: its notes joined into one (two spans over the same text
    would garble it), its duration the last one asked for. A duration written with an anchor
    (`&d 8m`, or `*d` naming one) is shared with whatever else names it: it is not changed, the
    new duration is added to the segment's notes instead. A duration or notes merged in (`<<: *base`)
    get the segment's own key, which overrides the merged one (merged notes are carried into it)."""
    segments = _segments(yaml.compose(text, Loader=yaml.SafeLoader))
    spans: list[tuple[int, int, str]] = []  # (start, end, replacement), applied from the end
    for segment_id, (duration, comment, notes) in _by_segment(edits).items():
        mapping = segments.get(segment_id)
        if mapping is None:
            raise RewriteError(f"segment {segment_id!r} is not in the plan")
        if duration is not None:
            own = _entry(mapping, "duration")
            if own is None:  # merged in with `<<:`: the segment's own key overrides it, the base stays
                why = f"  # {' '.join(comment.split())}" if comment and not mapping.flow_style else ""
                spans += _new_key(text, mapping, f"duration: {format_short(duration)}{why}")
            elif text.startswith(("&", "*"), own[1].start_mark.index):  # shared with what else names it
                line = f"duration: {format_short(duration)}"
                notes = [f"{line} ({' '.join(comment.split())})" if comment else line, *notes]
            else:
                spans += _duration_spans(text, own, duration, comment)
        if notes:
            spans += _note_spans(text, mapping, "\n".join(notes))
    for start, end, replacement in sorted(spans, key=lambda span: (span[0], span[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _by_segment(edits: list[SegmentEdit]) -> dict[str, tuple[float | None, str | None, list[str]]]:
    merged: dict[str, tuple[float | None, str | None, list[str]]] = {}
    for edit in edits:
        duration, comment, notes = merged.get(edit.segment_id, (None, None, []))
        if edit.duration is not None:
            duration, comment = edit.duration, edit.comment
        merged[edit.segment_id] = (duration, comment, [*notes, edit.note] if edit.note else notes)
    return merged


def _duration_spans(text: str, entry: tuple[yaml.Node, yaml.Node], duration: float,
                    why: str | None) -> list[tuple[int, int, str]]:
    key, value = entry  # the segment's own `duration: value`
    spans = [(value.start_mark.index, value.end_mark.index, format_short(duration))]
    if why:
        comment = "# " + " ".join(why.split())
        line_start, line_end = _line_start(text, key.start_mark.index), _line_end(text, value.end_mark.index)
        if _has_comment(text[value.end_mark.index:line_end]):  # keep the manager's comment: ours goes above
            spans.append((line_start, line_start, " " * key.start_mark.column + comment + "\n"))
        else:
            spans.append((line_end, line_end, "  " + comment))
    return spans


def _note_spans(text: str, mapping: yaml.MappingNode, note: str) -> list[tuple[int, int, str]]:
    existing = _entry(mapping, "notes")
    if existing is not None and isinstance(existing[1], yaml.ScalarNode):
        _, value = existing
        joined = f"{value.value}\n{note}" if value.value else note
        end = value.end_mark.index
        tail = "\n" if text[value.start_mark.index:end].endswith("\n") else ""  # a block scalar ends past its newline
        return [(value.start_mark.index, end, json.dumps(joined, ensure_ascii=False) + tail)]
    if existing is not None:  # not text: the plan loader says so; the note is not added to it
        return []
    merged = _inherited(mapping, "notes")  # the segment's own notes will hide the merged ones: they go in too
    if isinstance(merged, yaml.ScalarNode) and merged.value:
        note = f"{merged.value}\n{note}"
    return _new_key(text, mapping, f"notes: {json.dumps(note, ensure_ascii=False)}")


def _new_key(text: str, mapping: yaml.MappingNode, entry: str) -> list[tuple[int, int, str]]:
    """`entry` (`key: value`) added to the segment: in braces before the closing one; in a block after the
    first key's line, or, when the first key holds a block (product: then its lines), before the second key."""
    if mapping.flow_style:
        close = mapping.end_mark.index - 1  # the closing brace
        return [(close, close, f", {entry}")]
    first_key, first_value = mapping.value[0]
    line = " " * first_key.start_mark.column + entry
    if first_value.end_mark.line == first_key.start_mark.line or len(mapping.value) == 1:
        after = _line_end(text, first_key.start_mark.index)
        return [(after, after, "\n" + line)]
    second = _line_start(text, mapping.value[1][0].start_mark.index)
    return [(second, second, line + "\n")]


def rewrite_starts_at(text: str, starts_at: datetime) -> str:
    """The plan text with `show.starts_at` set to `starts_at` (written with its zone): its value replaced where
    it is written, or the key added to `show:`; RewriteError for a plan with no `show:` mapping."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    show = next((value for key, value in root.value if key.value == "show"), None) \
        if isinstance(root, yaml.MappingNode) else None
    if not isinstance(show, yaml.MappingNode) or not show.value:
        raise RewriteError("the plan has no show: mapping")
    written = starts_at.isoformat(timespec="seconds")
    own = _entry(show, "starts_at")
    if own is not None:
        value = own[1]
        return text[:value.start_mark.index] + written + text[value.end_mark.index:]
    start, end, replacement = _new_key(text, show, f"starts_at: {written}")[0]
    return text[:start] + replacement + text[end:]

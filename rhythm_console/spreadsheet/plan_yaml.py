"""A plan's data as readable YAML: the plan's own key order, block style, and a comment above each segment
saying which cells it came from."""

from __future__ import annotations

import yaml

from rhythm_console.textsafe import printable


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml's emitter when present
    def ignore_aliases(self, data: object) -> bool:
        return True  # every value written out where it is: no &id001 / *id001 in a plan made for people


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=10_000)


def _items(segments: list[object]) -> list[str]:
    """Each segment's YAML as an item of the list: the list dumped once (a dump per segment cost twice the
    time), cut where an item starts (a line "- " at the margin: everything inside an item is indented)."""
    items: list[list[str]] = []
    for line in _dump(segments).splitlines():
        if line.startswith("- ") or line == "-" or not items:
            items.append([])
        items[-1].append(line)
    return ["".join(f"  {line}\n" for line in lines) for lines in items]


def plan_yaml(plan: dict[str, object], origins: list[str], heading: str) -> str:
    """`plan` holds show and segments (in that order, other sections after); origins[i] names segment i's cells;
    `heading` is the comment on top, in the sheet's language."""
    parts = [f"# {printable(heading)}\n"]
    for key, value in plan.items():
        if key != "segments":
            parts.append(_dump({key: value}))
            continue
        assert isinstance(value, list)
        parts.append("segments:\n")
        for item, origin in zip(_items(value), origins, strict=True):
            parts.append(f"  # {printable(origin)}\n")  # one line, whatever a sheet or file is named
            parts.append(item)
    return "".join(parts)

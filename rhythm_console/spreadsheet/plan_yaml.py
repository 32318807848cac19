"""A plan's data as readable YAML: the plan's own key order, block style, and a comment above each segment
saying which cells it came from."""

from __future__ import annotations

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present: the same text, ~10x faster


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=10_000)


def plan_yaml(plan: dict[str, object], origins: list[str]) -> str:
    """`plan` holds show and segments (in that order, other sections after); origins[i] names segment i's cells."""
    parts = ["# Imported from a spreadsheet script by `rhythm-console import`; check it with `rhythm-console check`.\n"]
    for key, value in plan.items():
        if key != "segments":
            parts.append(_dump({key: value}))
            continue
        parts.append("segments:\n")
        for segment, origin in zip(value, origins, strict=True):
            parts.append(f"  # {origin}\n")
            parts.append("".join(f"  {line}\n" for line in _dump([segment]).splitlines()))
    return "".join(parts)

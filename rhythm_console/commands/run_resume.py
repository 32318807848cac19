"""How `run` runs a show: from its flags, or with `--resume J` from the journal's header, the flags given
beside `--resume` overriding it (each change said on a line); and the command that carries a show on.

A resumed show never falls back to the simulated room: without a recorded source and without
`--source`, it has none.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts
from rhythm_console.run_settings import RunSettings, without_secrets
from rhythm_console.sources.runner import SourceSpec, SourceSpecError, parse_source_spec
from rhythm_console.textsafe import printable

# Each recorded field and the flag that sets it.
FLAGS = (("sources", "--source"), ("listen", "--listen"), ("allow_hosts", "--allow-host"),
         ("bus", "--bus"), ("room", "--room"), ("lang", "--lang"))
DEFAULT_SOURCE = "simulate"


@dataclass(frozen=True)
class RunChoice:
    settings: RunSettings  # what this run uses (a new journal's header records it)
    specs: tuple[SourceSpec, ...]  # the sources, parsed and checked
    lines: tuple[str, ...]  # what to tell the manager: what was restored, what the flags changed


def _flags(args: argparse.Namespace) -> dict[str, object]:
    """What the flags say, None for a flag not given."""
    hosts = getattr(args, "allow_host", None)  # --allow-host (the link's Host check) where this version has it
    return {"sources": tuple(args.source) if args.source else None, "listen": args.listen,
            "allow_hosts": tuple(hosts) if hosts else None,
            "bus": without_secrets(args.bus) if args.bus else None, "room": args.room, "lang": args.lang}


def _specs(texts: tuple[str, ...], recorded: bool) -> tuple[SourceSpec, ...]:
    specs = []
    for text in texts:
        try:
            specs.append(parse_source_spec(text))
        except SourceSpecError as exc:
            raise UserError(Said("error.source.recorded" if recorded else "error.source.given", spec=printable(text),
                                 why=exc)) from None
    if sum(spec.target == "-" for spec in specs) > 1:
        raise UserError(Said("error.source.stdin_twice"))
    return tuple(specs)


def _shown(value: object, texts: Texts) -> str:
    if isinstance(value, tuple):
        return " ".join(printable(str(part)) for part in value) if value else texts("resume.none")
    return texts("resume.none") if value is None else printable(str(value))


def choose_run(args: argparse.Namespace, plan_lang: str, *, resumed: Path | None = None,
               recorded: RunSettings | None = None) -> RunChoice:
    """The run's settings: the flags over the journal's header (resuming) or over the defaults."""
    given = _flags(args)
    if resumed is None:
        base = RunSettings(sources=(DEFAULT_SOURCE,), lang=plan_lang)
    else:  # a journal from before the header kept its run: no source unless one is asked for
        base = recorded if recorded is not None else RunSettings(lang=plan_lang)
    values = {name: getattr(base, name) if given[name] is None else given[name] for name, _ in FLAGS}
    specs = _specs(tuple(values["sources"]), recorded=given["sources"] is None)
    values["sources"] = tuple(spec.text for spec in specs)  # files by their absolute paths
    settings = RunSettings(**values)  # type: ignore[arg-type]
    texts = Texts(settings.lang)
    lines: list[str] = []
    if resumed is not None:
        journal = printable(resumed)
        if recorded is None and given["sources"] is None:
            lines.append(texts("resume.no_run", journal=journal))
        restored = [f"{flag} {_shown(getattr(settings, name), texts)}" for name, flag in FLAGS
                    if given[name] is None and getattr(settings, name) not in (None, ())]
        if restored:
            lines.append(texts("resume.restored", journal=journal, what=" ".join(restored)))
        for name, flag in FLAGS:
            old, new = getattr(base, name), getattr(settings, name)
            if given[name] is not None and old != new and (recorded is not None or name != "lang"):
                lines.append(texts("resume.changed", flag=flag, old=_shown(old, texts), new=_shown(new, texts)))
    return RunChoice(settings=settings, specs=specs, lines=tuple(lines))


def resume_command(journal: Path, recorded: RunSettings | None, current: RunSettings) -> str:
    """`rhythm-console run --resume J`, plus the flags for whatever this run changed from the header
    (the header is written once, so a change made on resuming must be asked for again)."""
    words = ["rhythm-console", "run", "--resume", str(journal)]
    base = recorded if recorded is not None else RunSettings(lang=current.lang)
    for name, flag in FLAGS:
        value = getattr(current, name)
        if value == getattr(base, name):
            continue
        for part in value if isinstance(value, tuple) else (value,):
            if part is not None:
                words += [flag, str(part)]
    return shlex.join(words)

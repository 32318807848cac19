"""Errors a user can fix. Kept free of heavy imports: the CLI reports them on every path."""

from __future__ import annotations

from dataclasses import dataclass

from rhythm_console.textsafe import printable


class UserError(Exception):
    """Something the user can fix; the message says what, on one line, whatever outside text it quotes."""

    def __str__(self) -> str:
        return printable(super().__str__())


@dataclass(frozen=True)
class PlanProblem:
    path: str
    line: int | None
    column: int | None
    field: str
    message: str
    # advice (`check` prints it; `check --strict` fails on it): the word that says so, in the message's
    # language (警告 / warning); "" for an error, which stops the plan
    warning: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        if self.warning:
            where += f": {self.warning}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable(text)  # one line each, quoting a plan's values safely


class PlanError(Exception):
    """A plan that cannot be used; carries every problem found, each located.

    Its text lists the first SHOWN problems and a count of the rest: a plan with thousands of errors
    needs its first ones fixed, not a screenful it cannot read.
    """

    SHOWN = 50

    def __init__(self, problems: list[PlanProblem], more: str = "… and {count} more problems") -> None:
        lines = [str(p) for p in problems[: self.SHOWN]]
        if len(problems) > self.SHOWN:
            lines.append(more.format(count=len(problems) - self.SHOWN))
        super().__init__("\n".join(lines))
        self.problems = problems

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

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable(text)  # one line each, quoting a plan's values safely


class PlanError(Exception):
    """A plan that cannot be used; carries every problem found, each located."""

    def __init__(self, problems: list[PlanProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

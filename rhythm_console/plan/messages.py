"""What the plan loader says about a problem, in the plan's language.

Every message a plan author can see is a catalog entry (plan.error.*, plan.example.*), so none of pydantic's or PyYAML's own wording
reaches them. Values quoted back are cut short and escaped: a plan is text from outside.
"""

from __future__ import annotations

from rhythm_console import vocabulary
from rhythm_console.i18n import Texts
from rhythm_console.textsafe import printable

SHOWN_LENGTH = 40

def say(message: str, lang: str, /, **context: object) -> str:
    return Texts(lang)(f"plan.error.{message}", **context)


def example(field: str, shape: str, lang: str) -> str:
    """The catalog's example of a field's shape (its plan.example.<field>), else of the shape in general."""
    texts = Texts(lang)
    for key in (f"plan.example.{field}", f"plan.example.default.{shape}"):
        if texts.has(key):
            return texts(key, example=True)  # formatted, so the catalog's {{ }} read as braces
    return ""


def words(field: str, lang: str) -> str:
    return Texts(lang).listed(vocabulary.accepted(field, lang))


def escaped(text: str, limit: int = SHOWN_LENGTH) -> str:
    """Text from a plan made safe for one line of a terminal: cut to `limit`, control characters as escapes."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return printable(text)


def shown(value: object) -> str:
    """A value quoted back to its author: strings in quotes, anything else as Python writes it."""
    return f'"{escaped(value)}"' if isinstance(value, str) else escaped(repr(value))

"""The Word file's core properties (title, subject, author) as Word allows them: 255 characters at most.

A translated title can be longer than its original (French and Spanish run a third
longer than English): a value over the limit is shortened at a word boundary, with
an ellipsis, and said in a warning; the document's own text is never shortened.
"""

from __future__ import annotations

from pipeline.errors import Diagnostic, Location, warning
from pipeline.model import Config, DocumentSpec

LIMIT = 255  # characters: Word's (and python-docx's) limit on a core property


def fit(value: str, limit: int = LIMIT) -> str:
    """``value`` if it fits, else its words up to ``limit`` characters with "…" at the end."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut and not value[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def properties(spec: DocumentSpec, config: Config) -> dict[str, str]:
    """The core properties a document's values fill: title, subject (the symbol), author (the body)."""
    return {"title": spec.title, "subject": spec.symbol, "author": config.meeting.body}


def property_findings(spec: DocumentSpec, config: Config, language: str) -> list[Diagnostic]:
    """A warning per core property too long for Word, naming it and its length."""
    return [
        warning(
            "render.property-long",
            Location(f"{spec.symbol} ({language})", f"document property {name}"),
            f"the {name} is {len(value)} characters; Word's document properties take {LIMIT}: the "
            f"property is shortened to “…{fit(value)[-40:]}” (the document's own text is whole)",
        )
        for name, value in properties(spec, config).items()
        if len(value) > LIMIT
    ]

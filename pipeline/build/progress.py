"""What a build is doing now, told step by step to whoever draws it (the command line, on a terminal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of a build.

    Before compute has planned the documents, only ``phase`` is known ("intake", "validate", "check
    figures", "compute", "nothing changed"). Then each document made goes through "render" (its original
    and its returned translations), "verify" and "export"; then "convert" runs one LibreOffice batch per
    language (all the documents' Word files in that language at once, so a batch is reported, not a
    document); then "publish".
    """

    phase: str
    symbol: str | None = None  # the document worked on
    index: int = 0  # the document's number in ``documents`` (from 1); in "convert", the batch's in ``batches``
    documents: tuple[str, ...] = ()  # the symbols of the documents this build makes, in order
    batches: tuple[str, ...] = ()  # the conversion's batches, one per language, in order
    files: int = 0  # in "convert": the Word files of this batch

    @property
    def total(self) -> int:
        return len(self.documents)

    @property
    def language(self) -> str | None:
        """The language of the PDF batch converted now."""
        if self.phase == "convert" and 0 < self.index <= len(self.batches):
            return self.batches[self.index - 1]
        return None

    def __str__(self) -> str:
        """As a log says it: "render CCM/MSP/2025/7", "convert en", "intake"."""
        return " ".join(part for part in (self.phase, self.symbol or self.language) if part)


Progress = Callable[[Step], None]


def quiet(_step: Step) -> None:
    """No one is watching."""

"""The checks on a rendered document that look back at its drafts: nothing lost, every script printable."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.errors import Diagnostic, Location, warning
from pipeline.model import DocumentSpec, Draft
from pipeline.verify.fidelity import document_words, lost_words
from pipeline.verify.fonts import problems as font_problems


def verify(spec: DocumentSpec, drafts: Mapping[str, Draft], docx: bytes) -> list[Diagnostic]:
    """Every word of every draft is in the rendered document, in order (see :mod:`pipeline.verify.fidelity`),
    and every font and script it uses will print as written (see :mod:`pipeline.verify.fonts`)."""
    document = document_words(docx)
    found = [
        warning("pdf.font", Location(spec.symbol), message)
        for message in font_problems(docx, " ".join(document.body + document.notes))
    ]
    for section in spec.sections:
        draft = drafts.get(section.id)
        if draft is None:
            continue
        missing = lost_words(draft.words, document)
        if missing:
            sample = ", ".join(dict.fromkeys(missing[:8]))
            found.append(
                warning(
                    "draft.lost-text",
                    Location(draft.source.display),
                    f"{len(missing)} word(s) of the draft are not in {spec.symbol} "
                    f"(first: {sample}); check the section by eye, and report this "
                    "as a bug of ccm-report with the draft attached",
                )
            )
    return found

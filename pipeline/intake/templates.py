"""The Word templates meeting.yaml names, and the translated ones the returned translations need."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.errors import Diagnostic, Location, error
from pipeline.intake.files import display, sha256
from pipeline.model import Config, Translation


def read_templates(
    config: Config, templates_dir: Path, meeting: str
) -> tuple[dict[str, bytes], dict[str, str], list[Diagnostic]]:
    """Each document's and family's template by its name in meeting.yaml (shown as ``meeting``),
    their digests by shown path, and a finding for each one missing."""
    templates: dict[str, bytes] = {}
    hashes: dict[str, str] = {}
    found: list[Diagnostic] = []
    for doc in config.documents + config.families:
        path = templates_dir / doc.template
        if doc.template in templates:
            continue
        if not path.is_file():
            what = "document" if doc in config.documents else "family"
            found.append(
                error(
                    "config.template",
                    Location(meeting),
                    f"{what} '{doc.id}': template '{doc.template}' not found in {display(templates_dir)}/",
                )
            )
            continue
        templates[doc.template] = path.read_bytes()
        hashes[display(path)] = sha256(templates[doc.template])
    return templates, hashes, found


def read_translated_templates(
    translations: Mapping[tuple[str, str], Translation],
    templates_dir: Path,
    templates: dict[str, bytes],
    hashes: dict[str, str],
) -> list[Diagnostic]:
    """Into ``templates`` (as ``<lang>/<name>``) and ``hashes``: the template in each language a returned
    translation is merged into; a finding for each one missing."""
    found: list[Diagnostic] = []
    for (_doc_id, language), translation in translations.items():
        name = f"{language}/{translation.template}"
        path = templates_dir / name
        if name in templates:
            continue
        if not path.is_file():
            found.append(
                error(
                    "translation.template",
                    Location(translation.display),
                    f"there is no {language} version of the template {translation.template} "
                    f"({display(path)}); make it from the English one (translate its fixed "
                    "wording, keep its styles and fields) or run 'make templates'",
                )
            )
            continue
        templates[name] = path.read_bytes()
        hashes[display(path)] = sha256(templates[name])
    return found

"""Intake: read every input into typed, immutable values that remember their origin.

This is the input edge: it lists folders, opens files and runs pandoc. It does
not judge (that is :mod:`pipeline.validate.rules`), except to say that a file could
not be read at all. Each kind of input has its reader: meeting.yaml
(:mod:`~pipeline.intake.meeting`), the templates (:mod:`~pipeline.intake.templates`),
the drafts (:mod:`~pipeline.intake.folders`, :mod:`~pipeline.intake.draft_files`),
the returned translations (:mod:`~pipeline.intake.translations`) and the data
(:mod:`~pipeline.intake.data`), the warnings the ISU let stand
(:mod:`~pipeline.intake.acknowledgements`); :func:`read_inputs` gathers them into one :class:`Inputs`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pipeline.errors import Diagnostic, InputsInvalid, Location, error, warning
from pipeline.intake.acknowledgements import read_acknowledgements
from pipeline.intake.data import read_data
from pipeline.intake.draft_dates import pin_findings
from pipeline.intake.draft_files import read_drafts, section_titles, tracked_changes_policy
from pipeline.intake.files import FileChanging, display, outside, read_stable, sha256
from pipeline.intake.folders import DRAFT_SUFFIXES, LEGACY, fall_back, folder_notes, saved_at, scan_folder
from pipeline.intake.meeting import parse_meeting
from pipeline.intake.templates import read_templates, read_translated_templates
from pipeline.intake.translations import TranslationRefused, read_translations, receive
from pipeline.model import Config, Draft, DraftStats, Inputs, SectionFolder

if TYPE_CHECKING:  # the build passes its converter in: intake does not start LibreOffice itself
    from pipeline.convert import Converter

# Importers of the former single module find its names here still.
_read_drafts = read_drafts
__all__ = [
    "DRAFT_SUFFIXES",
    "LEGACY",
    "FileChanging",
    "Inputs",
    "TranslationRefused",
    "display",
    "meeting_config",
    "read_data",
    "read_inputs",
    "read_stable",
    "read_translations",
    "receive",
    "saved_at",
    "scan_folder",
    "tracked_changes_policy",
]


def read_inputs(
    inputs_dir: Path,
    templates_dir: Path,
    *,
    final: bool = False,
    converter: Converter | None = None,
    cache: Path | None = None,
) -> Inputs:
    """Everything under ``inputs_dir``; ``converter`` turns legacy drafts (.doc, .rtf, .docm) into .docx;
    ``cache`` keeps pandoc's readings of drafts between builds."""
    diagnostics: list[Diagnostic] = []
    hashes: dict[str, str] = {}
    meeting_path = inputs_dir / "meeting.yaml"
    config = _read_meeting(meeting_path, inputs_dir, hashes, diagnostics)

    templates: dict[str, bytes] = {}
    drafts: dict[str, Draft] = {}
    folders: dict[str, SectionFolder] = {}
    problems: dict[str, str] = {}
    stats: dict[str, DraftStats] = {}
    if config is not None:
        templates, template_hashes, found = read_templates(config, templates_dir, display(meeting_path))
        hashes.update(template_hashes)
        diagnostics.extend(found)
        section_ids = list(dict.fromkeys(s.id for d in config.documents for s in d.sections))
        pins = {s.id: s.draft for d in reversed(config.documents) for s in d.sections if s.draft}  # the first's
        drafts_dir = inputs_dir / "drafts"
        now = dt.datetime.now(dt.UTC)  # the build day: a draft saved after it has a wrong date
        for section_id in section_ids:
            folder = scan_folder(drafts_dir / section_id, section_id, inputs_dir, pins.get(section_id), now)
            folders[section_id] = folder
            if section_id in pins:
                present = [f.path.name for f in (folder.chosen, *folder.superseded) if f is not None]
                unusable = {n: "not a draft (drafts are .docx, .odt, .md, .doc, .rtf or .docm)" for n in folder.ignored}
                unusable.update(folder.set_aside)
                diagnostics.extend(
                    pin_findings(pins[section_id], folder.where, present, display(meeting_path), unusable)
                )
        if drafts_dir.is_dir():
            for entry in sorted(drafts_dir.iterdir()):
                if entry.is_dir() and entry.name not in folders and not entry.name.startswith("."):
                    diagnostics.append(
                        warning(
                            "draft.folder",
                            Location(display(entry)),
                            f"no section in meeting.yaml has the id '{entry.name}'; "
                            "its drafts are not used (rename the folder to a section id)",
                        )
                    )
        policy = tracked_changes_policy(config.drafts.tracked_changes, final=final)

        def read(folders_to_read: list[SectionFolder]) -> list[tuple]:
            titles = section_titles(config)
            return read_drafts(folders_to_read, policy, titles, converter, config.drafts.normalise_country_names, cache)

        chosen = [f for f in folders.values() if f.chosen is not None]
        while chosen:
            again = []
            for folder, (draft, draft_stats, found, problem) in zip(chosen, read(chosen), strict=True):
                assert folder.chosen is not None  # chosen holds only the folders with a chosen file (above)
                hashes[folder.chosen.display] = folder.chosen.sha256
                previous = fall_back(folder, found[-1].message) if draft is None and found else None
                if previous is not None:  # the newest could not be read: the one before it is
                    folders[folder.section_id] = previous
                    again.append(previous)
                    continue
                diagnostics.extend(found)
                if draft is not None:
                    drafts[folder.section_id] = draft
                    stats[folder.section_id] = draft_stats
                if problem:
                    problems[folder.section_id] = problem
            chosen = again
        for folder in folders.values():
            diagnostics.extend(folder_notes(folder))

    translations: dict = {}
    refused: dict = {}
    if config is not None:
        translations, found, refused = read_translations(inputs_dir / "translations", config, inputs_dir)
        diagnostics.extend(found)
        for translation in translations.values():
            hashes[translation.display] = translation.sha256
        diagnostics.extend(read_translated_templates(translations, templates_dir, templates, hashes))
        for (doc_id, language), translation in list(translations.items()):  # no template in its language
            if f"{language}/{translation.template}" not in templates:
                refused[doc_id, language] = translations.pop((doc_id, language)).display

    data, data_hashes, data_found = read_data(inputs_dir / "data")
    hashes.update(data_hashes)
    diagnostics.extend(data_found)
    acknowledgements, found = read_acknowledgements(inputs_dir, hashes)
    diagnostics.extend(found)
    return Inputs(
        inputs_dir=inputs_dir,
        templates_dir=templates_dir,
        config=config,
        templates=MappingProxyType(templates),
        drafts=MappingProxyType(drafts),
        folders=MappingProxyType(folders),
        problems=MappingProxyType(problems),
        stats=MappingProxyType(stats),
        data=data,
        hashes=MappingProxyType(hashes),
        diagnostics=tuple(diagnostics),
        paths=MappingProxyType(_paths(inputs_dir, templates_dir, config, folders, templates, translations)),
        translations=MappingProxyType(translations),
        refused_translations=MappingProxyType(refused),
        acknowledgements=acknowledgements,
    )


def meeting_config(inputs_dir: Path) -> Config:
    """meeting.yaml's Config alone (what a returned translation is checked against), or
    :class:`InputsInvalid` with its findings."""
    diagnostics: list[Diagnostic] = []
    config = _read_meeting(inputs_dir / "meeting.yaml", inputs_dir, {}, diagnostics)
    if config is None:
        raise InputsInvalid("meeting.yaml cannot be read; nothing was taken in", tuple(diagnostics))
    return config


def _read_meeting(path: Path, inputs_dir: Path, hashes: dict[str, str], diagnostics: list[Diagnostic]) -> Config | None:
    """meeting.yaml's Config, or None when it is missing or wrong (the findings say why)."""
    if not path.is_file():
        diagnostics.append(
            error(
                "config.missing",
                Location(display(path)),
                "meeting.yaml is missing; copy the sample from the README into it",
            )
        )
        return None
    if outside(path, inputs_dir):
        diagnostics.append(
            error(
                "config.link",
                Location(display(path)),
                "meeting.yaml is a link to a file outside the inputs folder; it is not followed",
            )
        )
        return None
    raw = path.read_bytes()
    hashes[display(path)] = sha256(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.append(
            error("config", Location(display(path)), f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8")
        )
        return None
    config, found = parse_meeting(text, display(path))
    diagnostics.extend(found)
    return config


def _paths(
    inputs_dir: Path,
    templates_dir: Path,
    config: Config | None,
    folders: dict[str, SectionFolder],
    templates: dict[str, bytes],
    translations: dict,
) -> dict[str, Path]:
    """Every file the build read, by its shown path: a file changed during the build stops it."""
    paths = {
        display(p): p
        for p in [
            inputs_dir / "meeting.yaml",
            inputs_dir / "acknowledged.yaml",
            inputs_dir / "data" / "schema.yaml",
            *(inputs_dir / "data").glob("*.xls[xm]"),
        ]
    }
    if config is not None:
        paths.update(
            {
                display(templates_dir / d.template): templates_dir / d.template
                for d in config.documents + config.families
            }
        )
    paths.update({f.chosen.display: f.chosen.path for f in folders.values() if f.chosen is not None})
    paths.update({display(templates_dir / name): templates_dir / name for name in templates})
    paths.update({t.display: inputs_dir / "translations" / Path(t.display).name for t in translations.values()})
    return paths


def changed_since_read(inputs: Inputs) -> list[str]:
    """The inputs whose content is no longer what intake read (hashes before and after)."""
    changed = []
    for shown, digest in inputs.hashes.items():
        path = inputs.paths.get(shown)
        try:
            now = hashlib.sha256(path.read_bytes()).hexdigest() if path else digest
        except OSError:
            now = ""
        if now != digest:
            changed.append(shown)
    return changed

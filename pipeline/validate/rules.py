"""Validation: pure rules over what intake read. Every finding is a Diagnostic.

Errors stop the build; warnings do not, except in final mode (``--final``),
where a document must be complete and clean before it goes to the UN.
"""

from __future__ import annotations

import datetime as dt

from pipeline.errors import Diagnostic, Location, error, warning
from pipeline.model import Inputs
from pipeline.model.blocks import Heading, ListBlock, Paragraph, block_text, footnotes_in, plain_text
from pipeline.reference import NameVariant, entry_into_force, informal_names, states
from pipeline.validate.coverage import REPORT_SHEETS, coverage, data_year
from pipeline.validate.states import state_mismatches, suggest


def validate(inputs: Inputs, variants: tuple[NameVariant, ...]) -> list[Diagnostic]:
    """Every finding about the inputs, in a stable order."""
    found: list[Diagnostic] = []
    if inputs.config is None:
        return found
    found.extend(missing_drafts(inputs))
    for draft in inputs.drafts.values():
        found.extend(country_names(draft.blocks, draft.source.display, variants))
        found.extend(bullet_punctuation(draft.blocks, draft.source.display))
    found.extend(data_references(inputs, states(), variants))
    found.extend(state_mismatches(inputs.data, states(), variants))
    found.extend(coverage_of(inputs))
    return found


def coverage_of(inputs: Inputs) -> list[Diagnostic]:
    """The sheets the documents use have rows for the year they report (pipeline/validate/coverage.py):
    the documents' annexes and figures come from REPORT_SHEETS, each family from its sheet."""
    if inputs.config is None or not inputs.data.records:
        return []  # no meeting.yaml, or no data read (a broken schema.yaml): intake said why
    period = inputs.config.meeting.reporting_period
    sheets = (REPORT_SHEETS if inputs.config.documents else ()) + tuple(f.sheet for f in inputs.config.families)
    # a meeting being prepared (new-meeting wrote placeholders) has no data for its year yet: it still builds
    preparing = any(d.code == "config.placeholder" for d in inputs.diagnostics)
    folder = f"{inputs.inputs_dir.name}/data/"
    return coverage(inputs.data, data_year(period), sheets, period.end, folder, preparing=preparing)


def missing_drafts(inputs: Inputs) -> list[Diagnostic]:
    """A required section with no usable draft: a warning here, an error in final mode."""
    found: list[Diagnostic] = []
    if inputs.config is None:
        return found  # no meeting.yaml, no sections: intake reported it (validate returns here too)
    seen = set()
    for doc in inputs.config.documents:
        for section in doc.sections:
            if section.id in seen or section.id in inputs.drafts:
                continue
            seen.add(section.id)
            if section.id in inputs.problems:
                continue  # intake already said why the file could not be read
            if section.required:
                who = f" (coordinators: {', '.join(section.coordinators)})" if section.coordinators else ""
                found.append(
                    warning(
                        "draft.missing",
                        Location(f"{inputs.inputs_dir.name}/drafts/{section.id}/"),
                        f"no draft for the required section '{section.heading or section.id}'"
                        f"{who}; a placeholder stands in its place",
                    )
                )
    return found


def country_names(blocks, where: str, variants: tuple[NameVariant, ...]) -> list[Diagnostic]:
    """Informal country names ("Lao PDR") where documents must use the UN short name."""
    found = []
    for block in blocks:
        texts = [block_text(block)] + [
            plain_text(b.inlines)
            for note in footnotes_in((block,))
            for b in note.blocks
            if isinstance(b, (Paragraph, Heading))
        ]
        origin = getattr(block, "origin", 0)
        for text in texts:
            for variant, _offset in informal_names(text, variants):
                found.append(
                    warning(
                        "draft.country-name",
                        Location(where, f"paragraph {origin}"),
                        f"informal name \u201c{variant.variant}\u201d: official documents use "
                        f"\u201c{variant.un_name}\u201d",
                    )
                )
    return found


def bullet_punctuation(blocks, where: str) -> list[Diagnostic]:
    """UN bullets end with nothing (short items) or a full stop (sentences), never a semicolon."""
    found = []
    for block in blocks:
        if not (isinstance(block, ListBlock) and block.kind == "bullet"):
            continue
        for number, item in enumerate(block.items, start=1):
            text = block_text(item[0]).rstrip() if item else ""
            if text.endswith(";") or text.endswith(("; and", "; or")):
                found.append(
                    warning(
                        "draft.bullet-semicolon",
                        Location(where, f"paragraph {block.origin}"),
                        f"bullet {number} ends with a semicolon; UN style puts no punctuation "
                        "after short items and a full stop after sentences",
                    )
                )
    return found


PARTY_STATUSES = ("State Party", "Former State Party")


def data_references(
    inputs: Inputs, membership: tuple[dict[str, str], ...] = (), variants: tuple[NameVariant, ...] = ()
) -> list[Diagnostic]:
    """Every State named in the data exists, and only States Parties report as States Parties.

    ``membership`` is the reference list of States (pipeline/reference/states.csv), ``variants``
    the informal names an unknown code's row may give its State by ("Burma").
    """
    found = []
    states = {r["ISO3"]: r for r in inputs.data.sheet("States")}
    if not states:
        found.append(
            warning(
                "data.states",
                Location(f"{inputs.inputs_dir.name}/data/"),
                "no States sheet with rows was found; figures computed from the data will be empty",
            )
        )
        return found
    reference = {row["iso3"]: row for row in membership}
    for sheet, records in inputs.data.records.items():
        for record in records:
            for column, value in record.values.items():
                if column not in ("ISO3", "Donor") or not value:
                    continue
                if reference and value not in reference:
                    name = str(record.values.get("State") or "") if column == "ISO3" else ""
                    found.append(
                        error(
                            "data.unknown-state",
                            record.cells[column],
                            f"{value} is not a State code the Convention knows"
                            f"{suggest(name, str(value), membership, variants)}",
                        )
                    )
                elif sheet != "States" and value not in states:
                    found.append(
                        error(
                            "data.unknown-state",
                            record.cells[column],
                            f"{value} is not in the States sheet; add the State there or correct the code",
                        )
                    )
                elif sheet != "States" and states[value]["Status"] not in PARTY_STATUSES and column == "ISO3":
                    found.append(
                        error(
                            "data.not-a-party",
                            record.cells[column],
                            f"{states[value]['State']} is a {str(states[value]['Status']).lower()}, not a "
                            f"State Party, and cannot have rows in {sheet}; check the code",
                        )
                    )
    for iso3, record in states.items():
        deposit, eif = record.values.get("Deposit"), record.values.get("Entry into force")
        if isinstance(deposit, dt.date) and isinstance(eif, dt.date) and eif != entry_into_force(deposit):
            found.append(
                error(
                    "data.entry-into-force",
                    record.cells["Entry into force"],
                    f"entry into force {eif.isoformat()} does not follow from the deposit on "
                    f"{deposit.isoformat()}: Article 17 gives {entry_into_force(deposit).isoformat()}",
                )
            )
        listed = reference.get(iso3) if isinstance(iso3, str) else None  # the reference's keys are codes
        if listed and record["Status"] == "State Party" and listed["status"] not in ("State Party",):
            found.append(
                error(
                    "data.not-a-party",
                    record.cells["Status"],
                    f"{listed['name_en']} is listed as a State Party, but the depositary's records "
                    f"(pipeline/reference/states.csv) have it as a {listed['status'].lower()}",
                )
            )
    return found

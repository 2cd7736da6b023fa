"""``ccm-report new-meeting``: check everything, then archive this meeting and prepare the next one.

Reads meeting.yaml (intake), plans the next one (:mod:`pipeline.publish.cycle`), checks the next
meeting.yaml it would write against the schema (so its placeholders are the very findings a build will
print, with their lines), and only then moves files. Returns the lines to print: what was done, and the
checklist of what the ISU must now fill in.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CcmReportError, Diagnostic, has_errors
from pipeline.intake.files import display
from pipeline.intake.folders import scan_folder
from pipeline.intake.meeting import parse_meeting
from pipeline.model import Config
from pipeline.publish.cycle import Moves, carry_out, next_meeting_text
from pipeline.publish.outputs import exclusive
from pipeline.validate.coverage import REPORT_SHEETS


def new_meeting(inputs_dir: Path, outputs_dir: Path, archive_dir: Path, *, dry_run: bool = False) -> list[str]:
    """Archive the current meeting in ``archive_dir/<slug>/`` and prepare the next one in ``inputs_dir``;
    with ``dry_run``, only say what would be done. Any problem stops it before anything is touched."""
    path = inputs_dir / "meeting.yaml"
    where = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CcmReportError(
            f"{where}: cannot be read ({exc}); new-meeting starts from the current meeting.yaml"
        ) from None
    config, findings = parse_meeting(text, where)
    if config is None or has_errors(findings):
        raise CcmReportError(
            f"{where} has errors: fix them, then run new-meeting again (nothing was changed)", tuple(findings)
        )
    unfilled = [d for d in findings if d.code == "config.placeholder"]
    if unfilled:  # a second run by mistake would archive the meeting just prepared and skip a year
        at = ", ".join(d.location.place for d in unfilled)
        raise CcmReportError(
            f"{where} still has {len(unfilled)} placeholder(s) (lines {at}): the {config.meeting.name} is "
            "being prepared, not over; new-meeting starts from a meeting whose numbers and dates are filled in "
            "(nothing was changed)"
        )
    planned = next_meeting_text(text)
    header = (
        f"# Prepared by 'ccm-report new-meeting' from the {planned.previous_name} (kept in "
        f"{display(archive_dir / planned.slug)}/).\n# Fill in every [placeholder] and every date ending in -MM-DD: "
        "'ccm-report validate' lists what is left.\n\n"
    )
    planned = next_meeting_text(text, header)
    next_config, next_findings = parse_meeting(planned.text, where)
    if next_config is None or has_errors(next_findings):  # a bug of ours, never the user's
        raise RuntimeError("the next meeting.yaml does not read: " + "; ".join(map(str, next_findings)))
    archive = archive_dir / planned.slug
    if archive.exists():
        raise CcmReportError(
            f"{display(archive)} already exists: the {planned.previous_name} is archived already. Is "
            f"{where} still last year's? Remove or rename {display(archive)} to archive it again"
        )
    sections = [s for d in config.documents for s in d.sections]
    kept = {}
    for section in sections:
        chosen = scan_folder(inputs_dir / "drafts" / section.id, section.id, inputs_dir, pin=section.draft).chosen
        if chosen is not None:
            kept[section.id] = chosen.path
    moves = Moves(inputs_dir, outputs_dir, archive, planned.text, kept, tuple(s.id for s in sections))
    lines = _what_is_done(moves, planned.previous_name, planned.name, dry_run)
    if not dry_run:
        with exclusive(outputs_dir):
            carry_out(moves)
    return lines + checklist(next_config, next_findings, kept, planned.data_year, where)


def _what_is_done(moves: Moves, previous: str, name: str, dry_run: bool) -> list[str]:
    would = "would be " if dry_run else ""
    lines = [
        f"{'dry run: nothing is changed. ' if dry_run else ''}The {previous}: {would}archived in "
        f"{display(moves.archive)}/ (inputs/ and outputs/ as they are).",
        f"The {name}: {display(moves.inputs / 'meeting.yaml')} {would}written for it.",
    ]
    for section, draft in moves.keep_drafts.items():
        lines.append(f"  {display(moves.inputs / 'drafts' / section / 'previous' / draft.name)}: {would}kept")
    lines.append(
        f"  not carried over (only in the archive): {display(moves.inputs / 'issued')}/ (so nothing "
        f"becomes a revision of last year's documents), {display(moves.inputs / 'translations')}/, "
        f"{display(moves.inputs / 'acknowledged.yaml')}; the data workbooks stay"
    )
    return lines


def checklist(config: Config, findings: list[Diagnostic], kept: dict, data_year: int, where: str) -> list[str]:
    """What the ISU must now fill in: every placeholder with its line, the drafts to collect and from
    whom, the data to add."""
    lines = ["", "To fill in for the next meeting:", f"  {where}:"]
    lines += [f"    line {d.location.place}: {d.message}" for d in findings if d.code == "config.placeholder"]
    lines.append(
        f"    also check: meeting.place ({config.meeting.place}), the agenda items and the coordinators, kept "
        "as they were (a Review Conference year changes the name, the place and the symbols' series)"
    )
    lines.append("  drafts to collect (each section's last draft is in its previous/ folder):")
    for doc in config.documents:
        for section in doc.sections:
            who = ", ".join(section.coordinators) or "no coordinator named"
            lines.append(f"    {section.id:<26} from {who}")
    lines.append(
        f"  data (inputs/data/): the rows for {data_year} (until they are there, a build warns of 'no rows' while "
        "meeting.yaml has placeholders, and stops on it once they are filled in):"
    )
    lines.append(f"    {', '.join(REPORT_SHEETS)}")
    for family in config.families:
        wanted = ", ".join(f"{column} {value}" for column, value in family.where.items())
        lines.append(f"    {family.sheet}: the rows of the {family.id} documents ({wanted})")
    return lines

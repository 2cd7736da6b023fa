"""Reminders composed: whom to write to, why, and what to say, from the calendar and the data.

Pure: meeting.yaml's values, the sections whose draft has not arrived, the Article 7 reports overdue,
the States' contacts, ``today`` and the templates in; one :class:`Reminder` per recipient out, and a
finding for each one who should be written to and cannot be. Days are whole calendar days
(:func:`pipeline.model.days_past`): a draft due on 13 June is 1 day overdue on 14 June.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr

from pipeline import locale
from pipeline.errors import Diagnostic, Location, warning
from pipeline.model import Config, Contact, Dataset, DocumentSpec, SectionSpec, days_past, to_be_set
from pipeline.remind.texts import Templates

CONTACTS = "Contacts"  # the workbook's sheet of States' contacts (inputs/data/schema.yaml); no document reads it


@dataclass(frozen=True)
class Recipient:
    name: str  # "Ms. Maria Santos"; "" when the contact gives none
    address: str  # "coordinator.italy@example.org"

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else f"<{self.address}>"


@dataclass(frozen=True)
class Reminder:
    """One e-mail: to whom, in which language, what it says, and why it is written (for the terminal)."""

    kind: str  # "coordinator" (a draft awaited) or "state" (an Article 7 report overdue)
    file: str  # its file in outputs/reminders/: "coordinator-italy.eml", "article7-belize.eml"
    to: tuple[Recipient, ...]
    language: str  # the language it is written in: the recipient's when there are templates for it, else en
    subject: str
    body: str
    why: str  # in English: "Universalization (CCM/MSP/2025/7): draft 18 days overdue"
    chases: tuple[str, ...] = ()  # what it asks for, not its wording: "draft universalization", "BLZ annual 2024"

    @property
    def identity(self) -> str:
        """The same reminder from one run to the next, whatever its wording or the days counted: its
        addresses and what it chases, "coordinator.italy@example.org | draft universalization"."""
        addresses = sorted({r.address.lower() for r in self.to})
        return f"{', '.join(addresses)} | {', '.join(self.chases)}"


@dataclass(frozen=True)
class AwaitedDraft:
    """A required section whose draft has not arrived, or whose file could not be used."""

    document: DocumentSpec
    section: SectionSpec
    heading: str  # the section's heading, or its chapter's when it stands directly under it
    due: dt.date | None  # Config.due_of: its own due date, else deadlines.drafts_due; None: no date set
    problem: str = ""  # why the file sent could not be used (intake's words); "" when none arrived


@dataclass(frozen=True)
class OverdueReport:
    """An Article 7 report not received by its due date (compute's figures, row by row)."""

    iso3: str
    state: str  # the UN short name in English, as the States sheet gives it
    report: str  # "Annual" or "Initial"
    year: int  # the calendar year an annual report covers (an initial report: the year of entry into force)
    due: dt.date


def awaited_drafts(
    config: Config, drafts: Mapping[str, object], problems: Mapping[str, str]
) -> tuple[AwaitedDraft, ...]:
    """Every required section with no usable draft (``drafts`` and ``problems`` by section id, as intake
    gives them), once each, in the order of meeting.yaml. An optional section is not chased."""
    found: list[AwaitedDraft] = []
    seen: set[str] = set()
    for document in config.documents:
        for chapter in document.chapters:
            for section in chapter.sections:
                if section.id in seen or section.id in drafts or not section.required:
                    continue
                seen.add(section.id)
                heading = section.heading or chapter.heading
                found.append(
                    AwaitedDraft(document, section, heading, config.due_of(section), problems.get(section.id, ""))
                )
    return tuple(found)


def state_contacts(data: Dataset) -> dict[str, Contact] | None:
    """The Contacts sheet's rows by ISO3 code (the address cell may hold several, "a@x.org; b@y.org");
    None when no workbook has the sheet."""
    if CONTACTS not in data.records:
        return None
    return {
        str(r["ISO3"]): Contact(str(r.values.get("Name") or ""), str(r["Email"]), str(r.values.get("Language") or "en"))
        for r in data.sheet(CONTACTS)
        if r.values.get("ISO3") and r.values.get("Email")
    }


def compose(
    config: Config,
    awaited: tuple[AwaitedDraft, ...],
    overdue: tuple[OverdueReport, ...],
    contacts: Mapping[str, Contact] | None,
    today: dt.date,
    templates: Templates,
    *,
    overdue_only: bool = False,
    meeting_file: str = "inputs/meeting.yaml",
    data_folder: str = "inputs/data/",
) -> tuple[tuple[Reminder, ...], list[Diagnostic]]:
    """One reminder per coordinating State with a draft awaited (all its sections in one e-mail) and per
    State Party with a report overdue (all its reports in one e-mail), coordinators first; a warning for
    each that cannot be written for want of a contact, naming what to add where (``meeting_file``,
    ``data_folder``: as the user sees them), and one when the meeting is over. With ``overdue_only``, a
    draft not yet past its due date (or with none) is left out."""
    reminders: list[Reminder] = []
    found: list[Diagnostic] = []
    if meeting_over(config, today):
        dates = locale.un_date_range(config.meeting.dates.start, config.meeting.dates.end, "en")
        found.append(
            warning(
                "remind.meeting-over",
                Location(meeting_file),
                f"the meeting in meeting.yaml is over ({config.meeting.name}, {dates}): these reminders are about "
                "that meeting; for the next one run 'ccm-report new-meeting' first",
            )
        )
    if overdue_only:
        awaited = tuple(d for d in awaited if d.due is not None and days_past(d.due, today) > 0)
    by_coordinator: dict[str, list[AwaitedDraft]] = {}
    for draft in awaited:
        if not draft.section.coordinators:
            found.append(
                warning(
                    "remind.no-coordinator",
                    Location(meeting_file),
                    f"the draft of '{draft.heading}' ({draft.document.symbol}) has not arrived and the section "
                    "names no coordinators, so no reminder was written; add them to the section "
                    "(sections[].coordinators)",
                )
            )
        for state in draft.section.coordinators:
            by_coordinator.setdefault(state, []).append(draft)
    for state, drafts in by_coordinator.items():
        contact = config.coordinators.get(state)
        if contact is None:
            headings = ", ".join(f"'{d.heading}'" for d in drafts)
            found.append(
                warning(
                    "remind.no-contact",
                    Location(meeting_file),
                    f"no reminder to {state}, coordinator of {headings}, whose draft has not arrived: there is "
                    f"no contact for {state}; add one under coordinators: {state}: {{name: ..., email: ..., "
                    "language: en}",
                )
            )
            continue
        reminders.append(_to_coordinator(config, state, contact, drafts, today, templates))
    by_state: dict[str, list[OverdueReport]] = {}
    for report in overdue:
        by_state.setdefault(report.iso3, []).append(report)
    if by_state and contacts is None:
        names = locale.join([reports[0].state for reports in by_state.values()], "en")
        found.append(
            warning(
                "remind.no-contacts-sheet",
                Location(data_folder),
                f"no reminder to the {len(by_state)} States Parties whose Article 7 reports are overdue ({names}): "
                f"no workbook has a {CONTACTS} sheet; add one (ISO3, State, Name, Email, Language), declared in "
                "schema.yaml as the sample declares it",
            )
        )
        return tuple(reminders), found
    for iso3, reports in by_state.items():
        state_contact = (contacts or {}).get(iso3)
        if state_contact is None:
            found.append(
                warning(
                    "remind.no-contact",
                    Location(data_folder, CONTACTS),
                    f"no reminder to {reports[0].state} ({iso3}) about its {_reports_why(reports, today)}: the "
                    f"{CONTACTS} sheet has no row for {iso3}; add one (ISO3, State, Name, Email, Language)",
                )
            )
            continue
        reminders.append(_to_state(config, state_contact, sorted(reports, key=lambda r: r.due), today, templates))
    return tuple(reminders), found


def _to_coordinator(
    config: Config, state: str, contact: Contact, drafts: list[AwaitedDraft], today: dt.date, templates: Templates
) -> Reminder:
    lang = templates.language_for("coordinator", contact.language)
    sections = []
    for draft in drafts:
        past = days_past(draft.due, today) if draft.due else None
        sections.append(
            {
                "heading": draft.heading,
                "document": draft.document.symbol,
                "title": draft.document.title,
                "due": locale.un_date(draft.due, lang) if draft.due else "",
                "overdue": max(past, 0) if past is not None else 0,
                "left": max(-past, 0) if past is not None else 0,
                "problem": draft.problem,
                "coordinators": locale.join([locale.state_name(s, lang) for s in draft.section.coordinators], lang),
                "partners": locale.join(
                    [locale.state_name(other, lang) for other in draft.section.coordinators if other != state], lang
                ),
            }
        )
    context = {
        **_common(config, today, lang),
        **addressing(contact.name),
        "state": locale.state_name(state, lang),
        "sections": sections,
    }
    subject, body = templates.render("coordinator", lang, context)
    why = "; ".join(_draft_why(d, today) for d in drafts)
    chases = tuple(f"draft {d.section.id}" for d in drafts)
    to = _recipients(contact)
    return Reminder("coordinator", f"coordinator-{slug(state)}.eml", to, lang, subject, body, why, chases)


def _to_state(
    config: Config, contact: Contact, reports: list[OverdueReport], today: dt.date, templates: Templates
) -> Reminder:
    lang = templates.language_for("state", contact.language)
    state = reports[0].state
    context = {
        **_common(config, today, lang),
        **addressing(contact.name),
        "state": locale.state_name(state, lang),
        "reports": [
            {
                "kind": r.report.lower(),
                "year": r.year,
                "due": locale.un_date(r.due, lang),
                "overdue": days_past(r.due, today),
                "years": days_past(r.due, today) // 365,
            }
            for r in reports
        ],
    }
    subject, body = templates.render("state", lang, context)
    why = _reports_why(reports, today)
    chases = tuple(f"{r.iso3} {r.report.lower()}" + (f" {r.year}" if r.report == "Annual" else "") for r in reports)
    return Reminder("state", f"article7-{slug(state)}.eml", _recipients(contact), lang, subject, body, why, chases)


def meeting_over(config: Config, today: dt.date) -> bool:
    """Whether ``today`` is after the meeting's last day (never while that day is a placeholder)."""
    end = config.meeting.dates.end
    return not to_be_set(end) and today > end


def _common(config: Config, today: dt.date, lang: str) -> dict[str, object]:
    """What every template may use: the meeting, today, the processing date and whether each has passed,
    the sender and the reply address."""
    meeting = config.meeting
    deadline = config.deadlines.processing_deadline(meeting.dates.start)
    sender_name, sender_address = parseaddr(config.mail.sender)
    _name, reply_address = parseaddr(config.mail.reply_to or config.mail.sender)
    return {
        "meeting": {
            "name": meeting.name,
            "place": meeting.place,
            "dates": locale.un_date_range(meeting.dates.start, meeting.dates.end, lang),
        },
        "today": locale.un_date(today, lang),
        "processing": locale.un_date(deadline, lang) if deadline else "",
        "processing_passed": deadline is not None and today > deadline,
        "meeting_passed": meeting_over(config, today),
        "sender": sender_name or sender_address,
        "reply_to": reply_address,
    }


# A title a name may start with, and whom it addresses: f(eminine), m(asculine), "" (either: Dr. in English).
TITLES = {
    **dict.fromkeys(("mr", "m", "sr"), "m"),
    **dict.fromkeys(("ms", "mrs", "miss", "mme", "mlle", "sra", "srta", "dra"), "f"),
    "dr": "",
}


def addressing(name: str) -> dict[str, str]:
    """How a template addresses a person: ``name`` in full; ``title`` ("Ms.", "" when the name has none);
    ``addressee``, the title and the name less its first given name ("Ms. Maria Santos" -> "Ms. Santos",
    "Sra. Camila Rojas Pérez" -> "Sra. Rojas Pérez"), or the name in full without a title; ``gender``
    "f" or "m" as the title says, "" when it does not (no title, Dr.)."""
    words = " ".join(name.split()).split(" ")
    title = words[0] if words[0].rstrip(".").lower() in TITLES else ""
    if not title:
        return {"name": name, "title": "", "addressee": " ".join(words), "gender": ""}
    rest = words[1:]
    addressee = " ".join([title, *(rest[1:] or rest)])
    return {"name": name, "title": title, "addressee": addressee, "gender": TITLES[title.rstrip(".").lower()]}


def _recipients(contact: Contact) -> tuple[Recipient, ...]:
    """The contact's address, or each of its addresses ("a@x.org; b@y.org"), under its name."""
    name = " ".join(contact.name.split())  # no line break can reach a header
    return tuple(Recipient(name, address) for address in re.split(r"\s*[;,]\s*", contact.email.strip()) if address)


def _draft_why(draft: AwaitedDraft, today: dt.date) -> str:
    """ "draft of Universalization (CCM/MSP/2025/7), due 13 June 2025, 18 days overdue", for the terminal."""
    what = f"draft of {draft.heading} ({draft.document.symbol})"
    if draft.problem:
        what += ", the file sent could not be used"
    if draft.due is None:
        return f"{what}, no due date set"
    past = days_past(draft.due, today)
    due = f"{what}, due {locale.un_date(draft.due, 'en')}"
    if past > 0:
        return f"{due}, {locale.format_number(past, 'en')} day{'s' * (past != 1)} overdue"
    return f"{due}, today" if past == 0 else f"{due}, in {locale.format_number(-past, 'en')} day{'s' * (past != -1)}"


def _reports_why(reports: list[OverdueReport], today: dt.date) -> str:
    """ "annual report on 2024, due 30 April 2025, 62 days overdue", for the terminal and the findings."""
    parts = []
    for r in sorted(reports, key=lambda r: r.due):
        what = f"annual report on {r.year}" if r.report == "Annual" else "initial report"
        days = locale.format_number(days_past(r.due, today), "en")
        parts.append(f"{what}, due {locale.un_date(r.due, 'en')}, {days} days overdue")
    return "; ".join(parts)


def slug(name: str) -> str:
    """A name as a file name's part: "Côte d'Ivoire" -> "cote-d-ivoire" (ASCII, lower case, hyphens)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"

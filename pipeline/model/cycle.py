"""The yearly cycle's settings: when drafts are due, when documents go to the UN, whom to write to.

Plain values read from meeting.yaml's ``deadlines``, ``coordinators`` and ``mail`` (pipeline.intake.cycle,
which also checks the calendar against itself); the e-mails are pipeline.remind's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Deadlines:
    """``drafts_due``: the day coordinators' drafts are due (a section may have its own);
    ``processing_weeks``: a document goes to the UN for processing this many weeks before the
    meeting's first day (the UN's rule: ten)."""

    drafts_due: dt.date | None = None
    processing_weeks: int = 10

    def processing_deadline(self, meeting_start: dt.date) -> dt.date | None:
        """The last day a document may be submitted for processing: the meeting's first day minus
        ``processing_weeks`` weeks (16 September 2025, ten weeks: 8 July 2025); None while the meeting's
        first day is a placeholder (``2026-MM-DD``, written by new-meeting)."""
        if to_be_set(meeting_start):
            return None
        return meeting_start - dt.timedelta(weeks=self.processing_weeks)


def to_be_set(day: object) -> bool:
    """A date still a placeholder in meeting.yaml (``2026-MM-DD``, as new-meeting writes it): read as the
    last day of its year (pipeline.intake.schema.DateToBeSet), never to be counted with."""
    return bool(getattr(day, "placeholder", None))


def days_past(due: dt.date, on: dt.date) -> int:
    """Days from ``due`` to ``on``: positive when ``on`` is after the due date (days overdue, or days late
    for something received then), 0 on the day, negative before it (days left)."""
    return (on - due).days


@dataclass(frozen=True)
class Contact:
    """Whom to write to for a coordinating State, or for a State Party's Article 7 report."""

    name: str  # "Ms. Maria Rossi"
    email: str  # "maria.rossi@example.org"
    language: str = "en"  # ISO 639-1: the language to write in (en, fr, es; others get English)


@dataclass(frozen=True)
class SmtpServer:
    """The mail server ``ccm-report remind --send`` hands the e-mails to. The password is read from the
    environment variable ``password_env`` when sending, never from a file."""

    host: str
    port: int = 587
    security: str = "starttls"  # starttls (port 587) | tls (port 465) | none (a local relay only)
    username: str = ""  # "" : no login
    password_env: str = "CCM_SMTP_PASSWORD"


@dataclass(frozen=True)
class MailOptions:
    """The reminders' sender and the server that sends them (None: they are only written)."""

    sender: str = ""  # "CCM Implementation Support Unit <isu@example.org>"
    reply_to: str = ""
    smtp: SmtpServer | None = None

"""remind: the e-mails that chase what the documents still lack, written as .eml files and sent on request.

- compose: whom to write to and why (a coordinator whose section's draft has not arrived, a State Party
  whose Article 7 report is overdue), one :class:`~pipeline.remind.compose.Reminder` per recipient,
  its text from the ISU's templates in the recipient's language (pure)
- texts: the templates in ``templates/email/<language>/`` (Jinja, sandboxed, plain text): the subject
  on the first line, the body after it
- message: a reminder as an RFC 5322 message (UTF-8, quoted-printable), and its file's name
- send: the messages handed to the SMTP server of meeting.yaml's ``mail.smtp`` (STARTTLS, TLS or none),
  each delivery's outcome told, one failure stopping no other

Rule: imports only the layers below (locale, model, errors); the overdue reports come from compute
through the orchestrator (:mod:`pipeline.build.remind`), which also writes the files.
"""

from pipeline.remind.compose import (
    CONTACTS,
    AwaitedDraft,
    OverdueReport,
    Recipient,
    Reminder,
    awaited_drafts,
    compose,
    state_contacts,
)
from pipeline.remind.message import email_message
from pipeline.remind.send import Delivery, send_all
from pipeline.remind.texts import Templates, load_templates

__all__ = [
    "CONTACTS",
    "AwaitedDraft",
    "Delivery",
    "OverdueReport",
    "Recipient",
    "Reminder",
    "Templates",
    "awaited_drafts",
    "compose",
    "email_message",
    "load_templates",
    "send_all",
    "state_contacts",
]

"""remind: the e-mails that chase what the documents still lack, written as .eml files and sent on request.

- compose: whom to write to and why (a coordinator whose section's draft has not arrived, a State Party
  whose Article 7 report is overdue), one :class:`~pipeline.remind.compose.Reminder` per recipient,
  its text from the ISU's templates in the recipient's language (pure)
- texts: the templates in ``templates/email/<language>/`` (Jinja, sandboxed, plain text): the subject
  on the first line, the body after it
- message: a reminder as an RFC 5322 message (UTF-8, quoted-printable), and its file's name
- send: the messages handed to the SMTP server of meeting.yaml's ``mail.smtp`` (STARTTLS, TLS or none),
  each delivery's outcome told; a refused recipient stops no other message, a failure of the server or
  the account stops them all, told once
- sent: the record of what the server took (outputs/logs/reminders-sent.jsonl), so that a reminder sent
  in the last 7 days is not sent again unless asked

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
    meeting_over,
    state_contacts,
)
from pipeline.remind.message import email_message
from pipeline.remind.send import Delivery, Sending, send_all
from pipeline.remind.sent import LOG, last_sent, sent_lately, sent_line
from pipeline.remind.texts import Templates, load_templates

__all__ = [
    "CONTACTS",
    "LOG",
    "AwaitedDraft",
    "Delivery",
    "OverdueReport",
    "Recipient",
    "Reminder",
    "Sending",
    "Templates",
    "awaited_drafts",
    "compose",
    "email_message",
    "last_sent",
    "load_templates",
    "meeting_over",
    "send_all",
    "sent_lately",
    "sent_line",
    "state_contacts",
]

"""A reminder as an Internet message (RFC 5322): the bytes of its .eml file, the same bytes it is sent as.

Headers are 7-bit (a name with accents is an RFC 2047 encoded word) and lines end in CRLF; the body
is UTF-8 as it reads (8bit, RFC 6152), so that the file is legible in any editor; a server that does
not take 8-bit text gets it quoted-printable (:func:`seven_bit`). ``Date`` is the moment it is
written; ``Message-ID`` is unique, under the sender's domain (never this machine's name).
"""

from __future__ import annotations

import copy
import datetime as dt
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from pipeline.errors import CcmReportError
from pipeline.model import MailOptions
from pipeline.remind.compose import Reminder


def email_message(reminder: Reminder, mail: MailOptions, when: dt.datetime) -> EmailMessage:
    """``reminder`` from ``mail.sender`` (replies to ``mail.reply_to``, else the sender), dated ``when``
    (an aware datetime)."""
    if not mail.sender:
        raise CcmReportError(
            "meeting.yaml says who sends the reminders in mail.from, and it has no mail: add "
            "'mail: {from: CCM Implementation Support Unit <isu@example.org>}'"
        )
    domain = parseaddr(mail.sender)[1].rpartition("@")[2]
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = mail.sender
    message["To"] = [Address(display_name=r.name, addr_spec=r.address) for r in reminder.to]
    message["Reply-To"] = mail.reply_to or mail.sender
    message["Subject"] = reminder.subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=domain)  # short enough to stay on its line
    # RFC 5322 allows lines of 998 octets: a longer paragraph is sent quoted-printable, which folds it
    longest = max((len(line.encode("utf-8")) for line in reminder.body.splitlines()), default=0)
    message.set_content(reminder.body, charset="utf-8", cte="8bit" if longest <= 998 else "quoted-printable")
    message["Content-Language"] = reminder.language  # after set_content, which clears the Content- headers
    return message


def seven_bit(message: EmailMessage) -> EmailMessage:
    """The same message with its body quoted-printable, for a server that does not announce 8BITMIME."""
    again = copy.deepcopy(message)
    language = message["Content-Language"]
    again.set_content(message.get_content(), charset="utf-8", cte="quoted-printable")
    again["Content-Language"] = language
    return again

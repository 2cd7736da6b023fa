"""The record of what was sent: ``outputs/logs/reminders-sent.jsonl``, one JSON line per e-mail the server
took, kept from run to run (outputs/reminders/ is replaced each time, outputs/logs/ is not).

Each line: ``sent`` (the moment, ISO 8601 with its offset), ``identity`` (:attr:`Reminder.identity`: the
addresses and what it chases, not the wording), ``recipients`` (the addresses the server took),
``subject`` and ``file``. A reminder whose identity was sent fewer than :data:`AGAIN_AFTER_DAYS` days
before the day of the run (or on a later day) is not sent again unless asked. Pure: lines in, lines out.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from pipeline.remind.compose import Reminder

LOG = "logs/reminders-sent.jsonl"  # under outputs/
AGAIN_AFTER_DAYS = 7  # sent on 30 November: not again before 7 December


def sent_line(reminder: Reminder, accepted: tuple[str, ...], file: str, when: dt.datetime) -> str:
    """The log's line for ``reminder``, taken by the server for ``accepted`` at ``when`` (aware)."""
    record = {
        "sent": when.isoformat(timespec="seconds"),
        "identity": reminder.identity,
        "recipients": list(accepted),
        "subject": reminder.subject,
        "file": file,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def last_sent(lines: Iterable[str]) -> dict[str, dt.date]:
    """Each identity's latest day of sending in the log's ``lines``; a line that cannot be read (cut
    short by a crash, edited by hand) is passed over."""
    found: dict[str, dt.date] = {}
    for line in lines:
        try:
            record = json.loads(line)
            day = dt.datetime.fromisoformat(record["sent"]).date()
            identity = str(record["identity"])
        except (ValueError, KeyError, TypeError):
            continue
        found[identity] = max(day, found.get(identity, day))
    return found


def sent_lately(reminder: Reminder, sent: dict[str, dt.date], today: dt.date) -> dt.date | None:
    """The day ``reminder`` was last sent when that is fewer than AGAIN_AFTER_DAYS days before ``today``
    (or after it: a run dated in the past does not send what was sent since); None otherwise."""
    day = sent.get(reminder.identity)
    return day if day is not None and (today - day).days < AGAIN_AFTER_DAYS else None

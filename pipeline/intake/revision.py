"""meeting.yaml's keys for what follows an issue: ``changes_after_issue`` (/Rev.n or /Corr.n) and a
revision's own date and job number (``revision: {date: 2025-09-01, job_number: GE.25-12345}``), which the
UN assigns to each revision; left out, the revision shows the original's, with a warning."""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType

from pipeline.intake.schema import DATE, Key, Mapping, Scalar, choice, pattern

JOB_NUMBER = re.compile(r"^GE\.\d{2}-\d{5}$")

AFTER_ISSUE = Scalar("revision or corrigendum", choice("revision", "corrigendum"))
REVISION = Mapping(
    {
        "date": Key(DATE, "the revision's date of submission, printed under its symbol", required=False),
        "job_number": Key(
            Scalar("a job number", pattern(JOB_NUMBER, "GE.25-12345")),
            "the revision's job number, without the language letter",
            required=False,
        ),
    }
)


def revisions_of(documents: list[dict]) -> MappingProxyType[str, tuple[dt.date | None, str | None]]:
    """Each document's revision date and job number, as meeting.yaml gives them (None where it does not)."""
    return MappingProxyType(
        {d["id"]: (d["revision"]["date"], d["revision"]["job_number"]) for d in documents if d.get("revision")}
    )

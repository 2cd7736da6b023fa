"""The status a build writes, with what the status page needs besides the build's own values: the
calendar from meeting.yaml (read again: a build that found nothing changed has not read it), the
files of each document in outputs/ (the page links to them), the last status.json (what changed)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.errors import Diagnostic
from pipeline.intake.meeting import parse_meeting
from pipeline.model import Config
from pipeline.publish.status import DocumentStatus, status_data


def build_status(
    outputs_dir: Path,
    inputs_dir: Path | None,
    documents: tuple[DocumentStatus, ...],
    diagnostics: Iterable[Diagnostic],
    figures: Mapping[str, object],
    sheets: Mapping[str, int],
) -> dict:
    """status.json's values for this build, at this moment, against the last one's."""
    return status_data(
        documents,
        tuple(diagnostics),
        figures,
        sheets,
        config=_meeting(inputs_dir),
        built=dt.datetime.now(dt.UTC),
        outputs={d.document_id: outputs_of(outputs_dir, d.document_id) for d in documents},
        previous=_last_status(outputs_dir),
    )


def _meeting(inputs_dir: Path | None) -> Config | None:
    if inputs_dir is None:
        return None
    try:
        return parse_meeting((inputs_dir / "meeting.yaml").read_text(encoding="utf-8"), "meeting.yaml")[0]
    except OSError:
        return None


def outputs_of(outputs_dir: Path, document_id: str) -> list[str]:
    """A document's files in outputs/, relative to it: what the status page links to."""
    folder = outputs_dir / document_id
    return sorted(p.relative_to(outputs_dir).as_posix() for p in folder.rglob("*") if p.is_file())


def _last_status(outputs_dir: Path) -> dict | None:
    try:
        data = json.loads((outputs_dir / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None

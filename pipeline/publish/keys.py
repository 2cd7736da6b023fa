"""Rebuild only what changed, and say why: each document is keyed by what it is made from.

A document's key is the SHA-256 of the pipeline's version, its slice of
meeting.yaml (its own entry, the meeting, the drafts policy, the PDF options)
and the hashes of the files it is made from (its template, its sections' drafts,
the data). The manifest keeps the key of each document built; a document whose
key is unchanged, and whose files are still there, is not built again. Pure
functions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import PurePosixPath

from pipeline import __version__
from pipeline.model import Config, DocumentSpec


def document_key(spec: DocumentSpec, config: Config, inputs: dict[str, str]) -> str:
    """The content hash of everything a document is made from."""
    settings = {
        "document": dataclasses.asdict(spec),
        "meeting": dataclasses.asdict(config.meeting),
        "drafts": dataclasses.asdict(config.drafts),
        "pdf": dataclasses.asdict(config.pdf),
    }
    payload = json.dumps({"version": __version__, "settings": settings, "inputs": inputs},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def row_digests(records) -> list[str]:
    """A short hash of each row's values, sorted: what a sheet holds, whatever its order or file."""
    return sorted(hashlib.sha256(json.dumps(dict(r.values), sort_keys=True, default=str).encode()).hexdigest()[:16]
                  for r in records)


def sheet_digest(rows: list[str]) -> str:
    return hashlib.sha256(",".join(rows).encode()).hexdigest()


def reasons(previous: dict | None, key: str, inputs: dict[str, str], outputs_exist: bool,
            rows: dict[str, list[str]] | None = None) -> list[str]:
    """Why a document must be built again: [] when it need not be.

    ``rows`` are the data's row digests by sheet, to say how many rows of a sheet changed.
    """
    if not previous or "key" not in previous:
        return ["not built before"]
    if not outputs_exist:
        return ["its outputs are missing"]
    if previous["key"] == key:
        return []
    why = []
    before = previous.get("inputs", {})
    for path in sorted(set(before) | set(inputs)):
        if before.get(path) == inputs.get(path):
            continue
        if path.startswith("data:"):
            why.append(_rows_changed(path[5:], previous.get("rows", {}).get(path[5:], []), (rows or {}).get(path[5:], [])))
            continue
        verb = "is new" if path not in before else "is gone" if path not in inputs else "changed"
        why.append(f"{_short(path)} {verb}")
    if previous.get("pipeline_version") not in (None, __version__):
        why.append(f"ccm-report {previous['pipeline_version']} -> {__version__}")
    return why or ["meeting.yaml changed"]


def _rows_changed(sheet: str, before: list[str], now: list[str]) -> str:
    """'data: 1 row of Article7 changed', '2 rows of Clearance new' ..."""
    added, removed = len(set(now) - set(before)), len(set(before) - set(now))
    changed = min(added, removed)
    parts = [f"{n} row{'s' if n != 1 else ''} of {sheet} {what}"
             for n, what in ((changed, "changed"), (added - changed, "new"), (removed - changed, "gone")) if n]
    return "data: " + ", ".join(parts or [f"{sheet} changed"])


def _short(path: str) -> str:
    """drafts/clearance for a draft, data/states-parties.xlsx, templates/x.docx: the part users know."""
    parts = PurePosixPath(path).parts
    for anchor in ("drafts", "data", "templates"):
        if anchor in parts:
            rest = parts[parts.index(anchor):]
            return "/".join(rest[:2]) if anchor == "drafts" else "/".join(rest)
    return PurePosixPath(path).name

"""Issued versions: what went to the UN, kept in inputs/issued/, and the revisions that follow.

``ccm-report issue SYMBOL`` copies a document's current Word and PDF files to
``inputs/issued/<document id>/<n>/`` (its translations' in ``<n>/<language>/``) with a
record of its key (what it was made from). When a later build finds the document's content changed since, the
document becomes a revision: its symbol gains /Rev.<n> and a redline Word file
shows every change against the issued version (see :mod:`pipeline.export.redline`).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.errors import CcmReportError
from pipeline.model import DocumentSpec


@dataclass(frozen=True)
class Issued:
    version: int  # 1 for the first issue
    symbol: str
    key: str  # the document's key when it was issued
    docx: Path


def latest(inputs_dir: Path, document_id: str) -> Issued | None:
    """The last issued version of a document, or None."""
    folder = inputs_dir / "issued" / document_id
    versions = (
        sorted((int(p.name), p) for p in folder.glob("*") if p.is_dir() and p.name.isdigit()) if folder.is_dir() else []
    )
    for version, path in reversed(versions):
        try:
            record = json.loads((path / "issued.json").read_text(encoding="utf-8"))
            docx = next(path.glob("*.docx"))
        except (OSError, ValueError, StopIteration):
            continue
        return Issued(version, str(record["symbol"]), str(record["key"]), docx)
    return None


def revision_symbol(base: str, issued: Issued, kind: str = "revision") -> str:
    """The symbol after ``issued``: CCM/MSP/2025/7/Rev.1, then /Rev.2; or /Corr.1 for a corrigendum."""
    return f"{base}/{'Corr' if kind == 'corrigendum' else 'Rev'}.{issued.version}"


def issue(outputs_dir: Path, inputs_dir: Path, symbol: str, today: dt.date) -> Path:
    """Record the current outputs of the document ``symbol`` as issued; returns where."""
    try:
        manifest = json.loads((outputs_dir / "manifest.json").read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError):
        raise CcmReportError(f"{outputs_dir}/manifest.json: no build to issue from; run 'make report' first") from None
    found = [(doc_id, entry) for doc_id, entry in manifest.items() if entry.get("symbol") == symbol or doc_id == symbol]
    if not found:
        known = ", ".join(sorted(e.get("symbol", "") for e in manifest.values()))
        raise CcmReportError(f"no document {symbol!r} in the last build (documents: {known})")
    doc_id, entry = found[0]
    folder = inputs_dir / "issued" / doc_id
    version = 1 + max([int(p.name) for p in folder.glob("*") if p.name.isdigit()] + [0]) if folder.is_dir() else 1
    target = folder / str(version)
    target.mkdir(parents=True)
    # The original's files at the top (the redline compares against them), each translation's in
    # a folder of its language: the language versions share a file name.
    translations = set(entry.get("languages") or {})
    for source in sorted((outputs_dir / doc_id).glob("*/*")):
        if source.suffix in (".docx", ".pdf") and not source.stem.endswith("-redline"):
            language = source.parent.name
            where = target / language if language in translations else target
            where.mkdir(exist_ok=True)
            shutil.copy2(source, where / source.name)
    # what the document says (content_key), so that a new ccm-report or pandoc alone makes no revision
    record = {
        "symbol": entry.get("issued_symbol", entry["symbol"]),
        "key": entry.get("content_key", entry["key"]),
        "date": today.isoformat(),
        "version": version,
    }
    (target / "issued.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return target


def revisions(
    specs: Iterable[DocumentSpec], issued: Mapping[str, Issued | None], keys: Mapping[str, str]
) -> dict[str, DocumentSpec]:
    """A document changed since it was issued is a revision (/Rev.n, or /Corr.n as meeting.yaml says);
    one unchanged since keeps the symbol it was issued under."""
    revised = {}
    for spec in specs:
        earlier = issued[spec.id]
        if earlier is not None:
            symbol = (
                earlier.symbol
                if earlier.key == keys[spec.id]
                else revision_symbol(spec.symbol, earlier, spec.changes_after_issue)
            )
            if symbol != spec.symbol:
                revised[spec.id] = replace(spec, symbol=symbol)
    return revised

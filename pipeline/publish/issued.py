"""Issued versions: what went to the UN, kept in inputs/issued/, and the revisions that follow.

``ccm-report issue SYMBOL`` copies a document's current Word and PDF files to
``inputs/issued/<base symbol>/<n>/`` (``CCM_MSP_2025_7/1/``; its translations' in
``<n>/<language>/``) with a record of its key (what it was made from). Issued versions belong
to a symbol, not to a document id: a document whose symbol in meeting.yaml differs from the
issued one's (next year's CCM/MSP/2026/7) is a new document, never a revision. When a later
build finds the document's content changed since, the document becomes a revision: its symbol
gains /Rev.<n> and a redline shows every change against the issued version (see
:mod:`pipeline.export.redline`).

A folder of the earlier layout (``inputs/issued/<document id>/<n>/``) is still read, by the
symbol its records name; ``issue`` moves it to the layout above and says so.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.errors import CcmReportError
from pipeline.model import DocumentSpec
from pipeline.publish.outputs import output_name

SUFFIX = re.compile(r"/(?:Rev|Corr)\.\d+$")


@dataclass(frozen=True)
class Issued:
    version: int  # 1 for the first issue
    symbol: str  # as printed: CCM/MSP/2025/7, CCM/MSP/2025/7/Rev.1
    key: str  # the document's content key when it was issued
    docx: Path
    date: str = ""  # when it was recorded as issued
    forced: str = ""  # the reason given with --force, when it was issued despite open findings
    printed: tuple[str, str] = ("", "")  # the date and job number its masthead showed


def base_symbol(symbol: str) -> str:
    """The symbol without its revision: CCM/MSP/2025/7/Rev.1 -> CCM/MSP/2025/7."""
    return SUFFIX.sub("", symbol.strip())


def _records(inputs_dir: Path) -> Iterable[tuple[Path, dict]]:
    """Every issued version's folder and record, in either layout."""
    for path in sorted((inputs_dir / "issued").glob("*/*/issued.json")):
        if not path.parent.name.isdigit():
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            yield path.parent, record
        except (OSError, ValueError):
            continue


def _base_of(record: dict) -> str:
    return str(record.get("base_symbol") or base_symbol(str(record.get("symbol", ""))))


def latest(inputs_dir: Path, symbol: str) -> Issued | None:
    """The last issued version of the document whose symbol (as meeting.yaml gives it) is ``symbol``."""
    found = []
    for path, record in _records(inputs_dir):
        docx = next(iter(sorted(path.glob("*.docx"))), None)
        if _base_of(record) != base_symbol(symbol) or docx is None or "key" not in record:
            continue
        printed = record.get("printed") or {}
        forced = (record.get("forced") or {}).get("reason", "")
        issued = Issued(
            int(path.name),
            str(record["symbol"]),
            str(record["key"]),
            docx,
            str(record.get("date", "")),
            str(forced),
            (str(printed.get("date", "")), str(printed.get("job_number", ""))),
        )
        found.append(issued)
    return max(found, key=lambda i: i.version, default=None)


def migrate(inputs_dir: Path) -> list[str]:
    """Move folders of the earlier layout (``issued/<document id>/<n>/``) to ``issued/<base symbol>/<n>/``;
    what was moved, in words."""
    moved = []
    for path, record in list(_records(inputs_dir)):
        target = inputs_dir / "issued" / output_name(_base_of(record)) / path.name
        if target == path:
            continue
        if target.exists():
            moved.append(f"{path}: not moved, {target} exists already; move it by hand")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), str(target))
        moved.append(f"{path} moved to {target} (issued versions are now kept by symbol)")
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
    return moved


def revision_symbol(base: str, issued: Issued, kind: str = "revision") -> str:
    """The symbol after ``issued``: CCM/MSP/2025/7/Rev.1, then /Rev.2; or /Corr.1 for a corrigendum."""
    return f"{base}/{'Corr' if kind == 'corrigendum' else 'Rev'}.{issued.version}"


def blocking(outputs_dir: Path, entry: Mapping) -> list[str]:
    """What stops the last build from being issued: its open errors and warnings (the build would fail
    --final) and the document's incomplete translations."""
    try:
        findings = json.loads((outputs_dir / "status.json").read_text(encoding="utf-8")).get("findings", [])
    except (OSError, ValueError):
        return [f"{outputs_dir}/status.json: no status of the last build"]
    found = [
        f"{f.get('severity', '')}: {f.get('where', '')}: {f.get('message', '')} [{f.get('code', '')}]"
        + (f" (key {f['key']})" if f.get("key") else "")
        for f in findings
        if f.get("severity") in ("ERROR", "WARNING")
    ]
    for language, state in sorted((entry.get("languages") or {}).items()):
        if state != "complete":
            found.append(f"translation into {language}: {state}")
    return found


def _find(manifest: Mapping[str, dict], symbol: str) -> tuple[str, dict]:
    for doc_id, entry in manifest.items():
        if symbol in (entry.get("symbol"), entry.get("issued_symbol"), doc_id):
            return doc_id, entry
    known = ", ".join(sorted(e.get("issued_symbol") or e.get("symbol", "") for e in manifest.values()))
    raise CcmReportError(f"no document {symbol!r} in the last build (documents: {known})")


def issue(
    outputs_dir: Path,
    inputs_dir: Path,
    symbol: str,
    today: dt.date,
    *,
    force: str | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> Path:
    """Record the current outputs of the document ``symbol`` (as meeting.yaml gives it, or as printed:
    .../Rev.1) as issued; returns where. Refused while the last build has open findings or the document
    incomplete translations, unless ``force`` gives the reason, which is recorded."""
    try:
        manifest = json.loads((outputs_dir / "manifest.json").read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError):
        raise CcmReportError(f"{outputs_dir}/manifest.json: no build to issue from; run 'make report' first") from None
    doc_id, entry = _find(manifest, symbol.strip())
    printed_symbol = entry.get("issued_symbol", entry["symbol"])
    stops = blocking(outputs_dir, entry)
    if stops and not (force or "").strip():
        raise CcmReportError(
            f"{printed_symbol} was not issued: the last build would fail --final or its translations are "
            "incomplete:\n  - " + "\n  - ".join(stops) + "\nFix them and build again, acknowledge a warning in "
            'inputs/acknowledged.yaml, or issue it anyway with --force "the reason" (recorded)'
        )
    for line in migrate(inputs_dir):
        say(line)
    base = base_symbol(entry["symbol"])
    earlier = latest(inputs_dir, base)
    target = inputs_dir / "issued" / output_name(base) / str(earlier.version + 1 if earlier else 1)
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
    record: dict = {
        "symbol": printed_symbol,
        "base_symbol": base,
        "document": doc_id,
        "key": entry.get("content_key", entry["key"]),
        "date": today.isoformat(),
        "version": int(target.name),
    }
    if entry.get("printed"):
        record["printed"] = entry["printed"]
    if stops:
        record["forced"] = {"reason": (force or "").strip(), "open": stops}
    (target / "issued.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _note_in_status(outputs_dir, doc_id, issued_note(latest(inputs_dir, base)))
    return target


def _note_in_status(outputs_dir: Path, doc_id: str, note: str) -> None:
    """The issue in outputs/status.json at once, so that 'ccm-report status' shows it before the next build."""
    path = outputs_dir / "status.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for doc in data.get("documents", []):
            if doc.get("id") == doc_id:
                doc["state"] = doc.get("state", "").split("; issued as ")[0] + note
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except (OSError, ValueError):
        return


def issued_note(issued: Issued | None) -> str:
    """How the status names an issued version: '; issued as CCM/MSP/2025/7 on 2025-07-14 (forced: ...)'."""
    if issued is None:
        return ""
    forced = f" despite open findings, forced: {issued.forced}" if issued.forced else ""
    return f"; issued as {issued.symbol} on {issued.date or 'an unknown date'}{forced}"


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

"""Rebuild only what changed, and say why: each document is keyed by what it is made from.

A document's key is the SHA-256 of four parts, each kept in the manifest beside
the key so that a changed key can be explained in the user's terms:

- ``settings``: a digest of the parsed values of meeting.yaml that the document
  uses, not of the file: its own entry (for a member of a family, the family's
  entry and the member's spec), the meeting, the drafts policy when it has
  sections, the PDF and translation options. Editing one document's entry, or a
  comment, leaves the other documents' keys as they were.
- ``inputs``: the hashes of the files it is made from (its template and its
  translations' templates, its sections' drafts, the data schema, each data
  sheet's rows, its returned translations), each named by its path under
  inputs/ or templates/: a project moved, copied or built from another folder
  keeps its keys.
- ``code``: a digest of the pipeline's own files (:func:`pipeline.publish.fingerprint.code_digest`).
- ``tools``: the versions of the programs that make it: LibreOffice (the PDF),
  pandoc (the drafts, for a document with sections).

``content_key`` is the same without code and tools: what the document says, for
comparing it with an issued version. Pure functions (a shown path is read
against the working folder it is relative to).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from pipeline.model import Config, DocumentSpec, FamilySpec, Inputs

SETTINGS_CHANGED = "meeting.yaml: this document's settings changed"
CODE_CHANGED = "the pipeline's code changed"
OUTPUTS_GONE = "its Word or PDF file was no longer in outputs/ (deleted or moved since the last build)"


def settings_of(spec: DocumentSpec, config: Config) -> dict:
    """The values of meeting.yaml that one document is made from, as plain JSON values."""
    settings: dict = {
        "document": _lean(_plain(spec)),
        "meeting": _plain(config.meeting),
        "pdf": _plain(config.pdf),
        "translation": _plain(config.translation),
    }
    if spec.sections:  # the drafts policy decides how drafts are read; a document without drafts has none
        settings["drafts"] = _plain(config.drafts)
    family = family_of(spec, config)
    if family is not None:
        settings["family"] = _lean(_plain(family))
    return settings


def family_of(spec: DocumentSpec, config: Config) -> FamilySpec | None:
    """The family a document was made from (its id is the family's id, a hyphen and a State's ISO3
    code, and it has the family's template); None for a document of its own."""
    if any(d.id == spec.id for d in config.documents):
        return None
    return next((f for f in config.families if spec.id.startswith(f"{f.id}-") and spec.template == f.template), None)


def tools_of(spec: DocumentSpec, tools: Mapping[str, str]) -> dict[str, str]:
    """The programs that make this document, with their versions: pandoc reads drafts (only a
    document with sections has any); LibreOffice makes every PDF."""
    used = {"LibreOffice"} | ({"pandoc"} if spec.sections else set())
    return {name: version for name, version in sorted(tools.items()) if name in used}


def inputs_of(inputs: Inputs, spec: DocumentSpec, rows: Mapping[str, list[str]]) -> dict[str, str]:
    """The hashes of the files one document is made from: its template (and its translations'),
    its drafts, the data schema, each data sheet's ``rows`` (so a re-saved workbook with the same
    rows changes nothing), its returned translations, and the other documents' (``memory:``: the
    translation memory its exports are pre-filled from). meeting.yaml is not among them: its values
    are (see :func:`settings_of`).

    Files are named from their folder ("inputs/drafts/clearance/v3.docx", "templates/x.docx"),
    not as shown (relative to the working folder), so that the key is the same wherever the
    project is and whichever folder the build is run from.
    """
    used = {}
    for path, digest in inputs.hashes.items():
        if path.endswith("schema.yaml") or path.endswith(spec.template):
            used[_named(inputs, path)] = digest
    for sheet, digests in rows.items():
        used[f"data:{sheet}"] = sheet_digest(digests)
    for section in spec.sections:
        draft = inputs.drafts.get(section.id)
        if draft is not None:
            used[_named(inputs, draft.source.display)] = draft.source.sha256
    for (doc_id, _language), translation in inputs.translations.items():
        # Another document's return feeds this one's XLIFF exports too, through the meeting's memory.
        where = "" if doc_id == spec.id else "memory:"
        used[where + _named(inputs, translation.display)] = translation.sha256
    return dict(sorted(used.items()))


def _named(inputs: Inputs, shown: str) -> str:
    """A file's name in a key: its path under inputs/ or templates/, from its shown path (which
    is relative to the working folder, or absolute outside it)."""
    file = Path(inputs.paths.get(shown) or shown).absolute()
    for label, root in (("inputs", inputs.inputs_dir), ("templates", inputs.templates_dir)):
        try:
            return f"{label}/{file.relative_to(Path(root).absolute()).as_posix()}"
        except ValueError:
            continue
    return shown


def rows_of(inputs: Inputs) -> dict[str, list[str]]:
    """Each data sheet's row digests (:func:`row_digests`), by sheet name."""
    return {sheet: row_digests(records) for sheet, records in inputs.data.records.items()}


def document_record(
    spec: DocumentSpec,
    config: Config,
    inputs: Mapping[str, str],
    rows: Mapping[str, list[str]],
    *,
    code: str,
    tools: Mapping[str, str],
) -> dict:
    """What the manifest keeps of how a document was made: its ``key``, its ``content_key``, and
    the parts they are made of (``settings``, ``inputs``, ``rows``, ``code``, ``tools``).

    key = SHA-256 of (content_key, code, the versions of the tools it uses);
    content_key = SHA-256 of (the settings digest, the input hashes).
    """
    settings = _digest(settings_of(spec, config))
    used_tools = tools_of(spec, tools)
    content = _digest({"settings": settings, "inputs": dict(inputs)})
    return {
        "key": _digest({"content": content, "code": code, "tools": used_tools}),
        "content_key": content,
        "settings": settings,
        "code": code,
        "tools": used_tools,
        "inputs": dict(inputs),
        "rows": {sheet: list(digests) for sheet, digests in rows.items()},
    }


def why_rebuilt(previous: Mapping | None, record: Mapping, outputs_exist: bool) -> list[str]:
    """Why a document must be built again, in the user's terms: [] when it need not be.

    ``previous`` is its entry in the last manifest, ``record`` what :func:`document_record`
    makes of it now: "clearance: its draft v3.docx was edited", "data: 1 row of Article7 changed",
    "meeting.yaml: this document's settings changed", "the pipeline's code changed",
    "pandoc 3.9 → 3.10".
    """
    if not previous or "key" not in previous:
        return ["not built before"]
    if not outputs_exist:
        return [OUTPUTS_GONE]
    if previous["key"] == record["key"]:
        return []
    if "code" not in previous:  # made by a ccm-report whose keys did not record their parts
        return [CODE_CHANGED]
    why = inputs_changed(previous, record["inputs"], record.get("rows"))
    if previous.get("settings") != record["settings"]:
        why.append(SETTINGS_CHANGED)
    if previous.get("code") != record["code"]:
        why.append(CODE_CHANGED)
    before, now = previous.get("tools") or {}, record["tools"]
    for tool in sorted(set(before) | set(now)):
        if before.get(tool) != now.get(tool):
            why.append(f"{tool} {before.get(tool, 'not used')} → {now.get(tool, 'not used')}")
    return why or ["its key changed"]


def inputs_changed(previous: Mapping, inputs: Mapping[str, str], rows: Mapping[str, list[str]] | None) -> list[str]:
    """The files whose hashes differ from ``previous["inputs"]``, in plain words: a section's draft by
    its section ("clearance: its draft is now v4.docx, in place of v3.docx": a newer one, or an older one
    used again), other files by their path under inputs/ or templates/ ("templates/x.docx changed"), and
    the data by rows (``rows`` now, ``previous["rows"]`` then): "data: 2 rows of Clearance new"."""
    why = []
    before = previous.get("inputs", {})
    drafts: dict[str, tuple[list[str], list[str], list[str]]] = {}  # section -> (new, gone, edited) file names
    for path in sorted(set(before) | set(inputs)):
        if before.get(path) == inputs.get(path):
            continue
        if path.startswith("data:"):
            sheet = path[5:]
            why.append(_rows_changed(sheet, previous.get("rows", {}).get(sheet, []), (rows or {}).get(sheet, [])))
            continue
        kind = 0 if path not in before else 1 if path not in inputs else 2
        if path.startswith("memory:"):
            why.append(f"the translation memory: {_short(path[7:])} {('added', 'removed', 'changed')[kind]}")
            continue
        section = _section(path)
        if section:
            drafts.setdefault(section, ([], [], []))[kind].append(PurePosixPath(path).name)
        else:
            why.append(f"{_short(path)} {('added', 'removed', 'changed')[kind]}")
    return why + [_draft_changed(section, *names) for section, names in drafts.items()]


def _section(path: str) -> str:
    """The section a draft's path belongs to (inputs/drafts/<section>/<file>), "" for another file."""
    parts = PurePosixPath(path).parts
    return parts[parts.index("drafts") + 1] if "drafts" in parts[:-2] else ""


def _draft_changed(section: str, new: list[str], gone: list[str], edited: list[str]) -> str:
    """What happened to a section's draft, as a person says it: "victim-assistance: its draft is
    now VA_v2.docx, in place of VA_v1.docx"; "a first draft arrived"; "its draft ... was removed"; "... was edited"."""
    named = ", ".join
    if new and gone:
        return f"{section}: its draft is now {named(new)}, in place of {named(gone)}"
    if new:
        return f"{section}: a first draft arrived, {named(new)}"
    if gone:
        return f"{section}: its draft {named(gone)} was removed"
    return f"{section}: its draft {named(edited)} was edited"


def row_digests(records) -> list[str]:
    """A short hash of each row's values, sorted: what a sheet holds, whatever its order or file."""
    return sorted(
        hashlib.sha256(json.dumps(dict(r.values), sort_keys=True, default=str).encode()).hexdigest()[:16]
        for r in records
    )


def sheet_digest(rows: list[str]) -> str:
    return hashlib.sha256(",".join(rows).encode()).hexdigest()


def _digest(value: object) -> str:
    """SHA-256 of a JSON value, written with sorted keys (so the same values give the same digest)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# Settings of a document that are not printed in it: the calendar (when it was sent for processing, when
# its drafts were due) makes no new version of it.
NOT_PRINTED = frozenset({"submitted", "due"})


def _lean(value: object) -> object:
    """A document's settings as they bear on what it says: a setting left out (None) is not there, so a
    new optional key of meeting.yaml changes no key; a pinned draft counts by its file name, not by the
    line of meeting.yaml that pins it; the calendar's dates are not part of it (NOT_PRINTED)."""
    if isinstance(value, dict):
        lean = {k: _lean(v) for k, v in value.items() if v is not None and k not in NOT_PRINTED}
        pin = lean.get("draft")
        if isinstance(pin, dict):
            lean["draft"] = pin.get("file")
        return lean
    if isinstance(value, list):
        return [_lean(v) for v in value]
    return value


def _plain(value: object) -> object:
    """A parsed value as JSON: dataclasses and mappings as objects, tuples as lists, dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _rows_changed(sheet: str, before: list[str], now: list[str]) -> str:
    """'data: 1 row of Article7 changed', '2 rows of Clearance new' ..."""
    added, removed = len(set(now) - set(before)), len(set(before) - set(now))
    changed = min(added, removed)
    parts = [
        f"{n} row{'s' if n != 1 else ''} of {sheet} {what}"
        for n, what in ((changed, "changed"), (added - changed, "new"), (removed - changed, "gone"))
        if n
    ]
    return "data: " + ", ".join(parts or [f"{sheet} changed"])


def _short(path: str) -> str:
    """data/schema.yaml, templates/x.docx, translations/x.xlf: the part users know."""
    parts = PurePosixPath(path).parts
    for anchor in ("data", "templates", "translations"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return PurePosixPath(path).name

"""The versions of the programs a build runs (pandoc, LibreOffice), found once and remembered.

Asking LibreOffice its version starts it (about 0.6 s), and finding pandoc the way
pypandoc does runs every candidate: too slow for a build that finds nothing
changed, which answers in under half a second. So an answer is kept in a small
JSON memo (``outputs/.cache/tools.json``) with the stamp of the files it was
found from: each file's resolved path, modification time (ns) and size (bytes).
While the stamps are the same the answer is read back; an upgraded, moved or newly
installed program changes a stamp, and it is asked again.

The lowest layer (standard library only), so that every stage that runs a
program, and the orchestrator, can use it.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

MEMO = "tools.json"  # in outputs/.cache/, beside pandoc's readings

# Drafts are read in threads: one asks, the others then find its answer.
_lock = threading.Lock()
_known: dict[str, dict] = {}  # name -> entry: the memo of a caller that keeps none, for this process only


def stamps(files: Sequence[str]) -> list[list]:
    """[resolved path, mtime in ns, size in bytes] per file; [path, None, None] for one that is not
    there ("" for one that was not found at all)."""
    found: list[list] = []
    for file in files:
        if not file:
            found.append(["", None, None])
            continue
        path = os.path.realpath(os.path.expanduser(file))
        try:
            status = os.stat(path)
            found.append([path, status.st_mtime_ns, status.st_size])
        except OSError:
            found.append([path, None, None])
    return found


def remembered(memo: Path | None, name: str, files: Sequence[str], ask: Callable[[], str]) -> str:
    """``ask()``'s answer for ``name`` (e.g. "pandoc" -> "3.9"), read back from ``memo`` while the
    stamps of ``files`` (the program and whatever decides which program it is) are unchanged.

    ``memo`` None keeps the answer for this process only. A memo that cannot be read or
    written only costs the time of asking again.
    """
    now = stamps(files)
    with _lock:
        entries = _read(memo) if memo is not None else _known
        entry = entries.get(name)
        if isinstance(entry, dict) and entry.get("files") == now and isinstance(entry.get("version"), str):
            return entry["version"]
        answer = ask()
        entries[name] = {"files": now, "version": answer}
        if memo is not None:
            _write(memo, entries)
        return answer


def _read(memo: Path) -> dict:
    try:
        data = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(memo: Path, entries: dict) -> None:
    """Replaced whole (a temporary file renamed), so a reader never sees half of it."""
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{memo.name}.", dir=memo.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(entries, out, indent=1, sort_keys=True)
        os.replace(temporary, memo)
    except OSError:
        Path(temporary).unlink(missing_ok=True)

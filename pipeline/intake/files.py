"""The files of the inputs folder as the user knows them: shown paths, stable reads, links, digests."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path


def display(path: Path) -> str:
    """A path as the user knows it: relative to the working folder when under it, and printable.

    A file name may hold a newline or a right-to-left mark that would forge or
    reverse a diagnostic line: such characters are shown as escapes.
    """
    try:
        text = str(path.absolute().relative_to(Path.cwd().absolute()))
    except ValueError:
        text = str(path)
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


class FileChanging(Exception):
    """The file changed while it was being read: it is still being written or copied."""


def read_stable(path: Path) -> bytes:
    """The file's bytes, provided its size and time did not change while it was read."""
    before = path.stat()
    data = path.read_bytes()
    after = path.stat()
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        raise FileChanging(str(path))
    return data


def outside(path: Path, root: Path) -> bool:
    """Whether ``path`` (a link, say) leads out of ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
        return False
    except ValueError:
        return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

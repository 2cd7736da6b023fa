"""A look at a file before any parser opens it: is it what its name says, and is it safe to open?

Office files are zip packages. A zip can be empty, truncated, a bomb (a few
kilobytes that inflate to gigabytes), or carry paths that climb out of a
folder; a password-protected Word file is not a zip at all but an OLE
container. Each of these gets one clear refusal here, before pandoc or
LibreOffice sees the file. Only the zip's directory is read, never its data.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SUFFIXES = (".docx", ".docm", ".odt", ".dotx", ".xlsx", ".xlsm")


# What reading a damaged zip can raise, from the zip directory to the deflate stream.
PACKAGE_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError)


@dataclass(frozen=True)
class Limits:
    """Bounds on what a draft may be; sizes in bytes."""

    file_bytes: int = 30 * 1024 * 1024
    inflated_bytes: int = 200 * 1024 * 1024
    ratio: int = 200  # inflated size / compressed size of one member
    members: int = 2000


@dataclass(frozen=True)
class Refusal:
    code: str  # empty, too-large, encrypted, unreadable, unsafe-zip, zip-bomb, unsafe-xml
    reason: str


def inspect(path: Path, limits: Limits = Limits()) -> Refusal | None:
    """Why the file cannot be a draft, or None when it may be opened."""
    size = path.stat().st_size
    if size == 0:
        return Refusal("empty", "the file is empty (0 bytes); send the draft again")
    if size > limits.file_bytes:
        return Refusal(
            "too-large",
            f"the file is {size / 2**20:.0f} MB, over the limit of "
            f"{limits.file_bytes / 2**20:.0f} MB; remove large images or "
            "embedded files and send it again",
        )
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix in ZIP_SUFFIXES and head == OLE_MAGIC:
        return Refusal(
            "encrypted",
            "the file is password-protected (or a legacy .doc renamed "
            "to .docx); remove the password in Word (File > Info > "
            "Protect Document) and save it as .docx",
        )
    if suffix not in ZIP_SUFFIXES:
        return None
    return inspect_zip(path, suffix, limits)


def inspect_zip(source: Path | IO[bytes], suffix: str = ".docx", limits: Limits = Limits()) -> Refusal | None:
    """Why a zip package (a path or a binary stream) may not be opened, or None; reads its directory and XML prologs."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except PACKAGE_ERRORS:
        return Refusal(
            "unreadable",
            f"this is not a readable {suffix} file (it may be damaged, "
            "truncated or of another format); save it again from Word as .docx",
        )
    if len(members) > limits.members:
        return Refusal(
            "unsafe-zip", f"the package has {len(members)} parts (a Word file has a few dozen); it is refused unopened"
        )
    names = set()
    for member in members:
        name = member.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            return Refusal(
                "unsafe-zip", f"the package holds a part with an unsafe path ({name!r}); it is refused unopened"
            )
        if name in names:
            return Refusal("unsafe-zip", f"the package holds the part {name!r} twice; it is refused unopened")
        names.add(name)
        if (
            member.compress_size
            and member.file_size / member.compress_size > limits.ratio
            and member.file_size > 1024 * 1024
        ):
            return Refusal(
                "zip-bomb",
                f"the part {name} would inflate {member.file_size // member.compress_size}"
                " times its size (a 'zip bomb'); it is refused unopened",
            )
    inflated = sum(m.file_size for m in members)
    if inflated > limits.inflated_bytes:
        return Refusal(
            "zip-bomb",
            f"the package would inflate to {inflated / 2**20:.0f} MB, over the "
            f"limit of {limits.inflated_bytes / 2**20:.0f} MB; it is refused unopened",
        )
    return _declared_entities(source, members)


def _declared_entities(source: Path | IO[bytes], members) -> Refusal | None:
    """A DOCTYPE in an XML part: the door to entity expansion ("billion laughs") and external files."""
    try:
        with zipfile.ZipFile(source) as archive:
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as part:
                        if declares_doctype(part):
                            return Refusal(
                                "unsafe-xml",
                                f"the part {member.filename} declares XML entities, "
                                "which Office files never do; it is refused unopened",
                            )
    except PACKAGE_ERRORS:
        return Refusal("unreadable", "the package is damaged (a part cannot be read); save it again")
    return None


PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)


def declares_doctype(stream, chunk: int = 2**20, limit: int = 16 * 2**20) -> bool:
    """Whether an XML document's prolog (before its root element) holds a DOCTYPE.

    Reads only as far as the root element, however much comment padding precedes it
    (up to ``limit`` bytes: a longer prolog is not an Office file's).
    """
    buffer, position = b"", 0
    while True:
        more = stream.read(chunk)
        buffer += more
        while (match := PROLOG.match(buffer, position)) is not None:
            position = match.end()
        rest = buffer[position:].lstrip()
        if rest.startswith((b"<!DOCTYPE", b"<!ENTITY")):
            return True
        if rest[:1] == b"<" and rest[1:2] not in (b"?", b"!", b""):
            return False  # the root element: no DOCTYPE can follow
        if not more:
            return False
        if len(buffer) > limit:
            return True

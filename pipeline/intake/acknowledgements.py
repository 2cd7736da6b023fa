"""``inputs/acknowledged.yaml``: warnings the ISU lets stand, each with a reason and a name.

A check is sometimes wrong, and a coordinator may know what the data does not. The
ISU copies the key a warning is printed with (``(key 3f9a2c1e)``) into this optional
file, with why and who::

    - key: 3f9a2c1e
      code: draft.country-name        # optional: checked against the finding, to catch a copy error
      reason: the name is quoted from the State's own statement
      by: A. Coordinator
      note: agreed at the Coordination Committee of 3 July   # optional

The warning is then shown with its reason and does not fail ``--final``. A key is
made from the finding's code, file, message and the paragraph it is about
(:attr:`pipeline.errors.Diagnostic.key`), so an acknowledgement lapses when the
paragraph's text changes: the warning comes back, and the entry is named as one
that no longer matches anything. Errors cannot be acknowledged: they must be fixed.

The file is read with the declared-schema mechanism of :mod:`pipeline.intake.schema`
(every problem collected, with its line); :func:`acknowledge` applies it, a pure function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from pipeline.errors import Diagnostic, Location, Severity, error, warning
from pipeline.intake.files import display, outside, sha256
from pipeline.intake.schema import INVALID, TEXT, Context, Key, Mapping, Refused, Scalar, load
from pipeline.intake.schema import Sequence as ListOf
from pipeline.model import Acknowledgement, Draft
from pipeline.model.blocks import Heading, Paragraph, block_text, footnotes_in, plain_text

FILE = "acknowledged.yaml"
CODE = "acknowledged"  # the code of every finding about the file and its entries
KEY = re.compile(r"^[0-9a-f]{8}$")
FINDING_CODE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _key(value: str) -> str:
    key = value.strip().lower()
    if not KEY.match(key):
        raise Refused(f"{value!r} is not a finding's key: eight letters and digits (0-9, a-f), e.g. 3f9a2c1e")
    return key


def _finding_code(value: str) -> str:
    if not FINDING_CODE.match(value.strip()):
        raise Refused(f"{value!r} is not a finding's code, e.g. draft.country-name (the text in [ ])")
    return value.strip()


def _keys_unique(entries: list, node: yaml.Node, ctx: Context, at: str) -> None:
    """Each finding acknowledged once: a second entry would say two different things about it."""
    first: dict[str, int] = {}
    for index, (entry, item) in enumerate(zip(entries, node.value, strict=True), 1):
        if not isinstance(entry, dict) or entry["key"] is INVALID:
            continue
        if entry["key"] in first:
            ctx.fail(
                item,
                f"[{index}].key",
                f"{entry['key']} is acknowledged twice (first in entry {first[entry['key']]}); keep one entry",
            )
        else:
            first[entry["key"]] = index


ENTRY = Mapping(
    {
        "key": Key(Scalar("a finding's key", _key), "the key the warning is printed with: (key 3f9a2c1e)"),
        "reason": Key(TEXT, "why the warning may stand (shown with it in the status)"),
        "by": Key(TEXT, "who acknowledges it: a name"),
        "code": Key(
            Scalar("a finding's code", _finding_code),
            "the warning's code, e.g. draft.country-name: checked, to catch a key copied from another line",
            required=False,
            default="",
        ),
        "note": Key(TEXT, "anything more, for the reader of the file", required=False, default=""),
    }
)


class Entries(ListOf):
    """The file: a list of entries, possibly empty, each key once."""

    def read(self, node, ctx, at):
        entries = super().read(node, ctx, at)
        if entries is not INVALID:
            _keys_unique(entries, node, ctx, at)
        return entries


ACKNOWLEDGED_FILE = Entries(ENTRY, 0)


def parse_acknowledgements(text: str, path: str) -> tuple[tuple[Acknowledgement, ...], list[Diagnostic]]:
    """The entries of acknowledged.yaml's ``text`` (``path`` names it), or none, with every problem.
    A file with nothing but comments acknowledges nothing."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        root = INVALID  # load() says what is wrong, and where
    if root is None:
        return (), []
    raw, diagnostics = load(text, path, ACKNOWLEDGED_FILE, CODE)
    if raw is INVALID or not isinstance(root, yaml.SequenceNode):
        return (), diagnostics
    return (
        tuple(
            Acknowledgement(
                key=entry["key"],
                reason=entry["reason"],
                by=entry["by"],
                where=Location(path, str(item.start_mark.line + 1)),
                code=entry["code"],
                note=entry["note"],
            )
            for entry, item in zip(raw, root.value, strict=True)
        ),
        diagnostics,
    )


def read_acknowledgements(
    inputs_dir: Path, hashes: dict[str, str]
) -> tuple[tuple[Acknowledgement, ...], list[Diagnostic]]:
    """inputs/acknowledged.yaml's entries (none when there is no such file), with every problem."""
    path = inputs_dir / FILE
    if not path.is_file():
        return (), []
    shown = display(path)
    if outside(path, inputs_dir):
        return (), [error(CODE, Location(shown), f"{FILE} is a link to a file outside the inputs folder; not followed")]
    raw = path.read_bytes()
    hashes[shown] = sha256(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (), [error(CODE, Location(shown), f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8")]
    return parse_acknowledgements(text, shown)


# --- applying them --------------------------------------------------------------------------------


def with_paragraph_context(diagnostics: Iterable[Diagnostic], drafts: Iterable[Draft]) -> list[Diagnostic]:
    """Each finding about a draft's paragraph ("paragraph 4") that does not say what it is about, with that
    paragraph's text (and its footnotes') as its context: so its key, and an acknowledgement of it,
    lapses when the paragraph's text changes, and holds when the paragraph only moves."""
    texts: dict[tuple[str, str], list[str]] = {}
    for draft in drafts:
        for block in draft.blocks:
            origin = getattr(block, "origin", 0)
            if origin:
                texts.setdefault((draft.source.display, f"paragraph {origin}"), []).extend(_texts(block))
    out = []
    for d in diagnostics:
        text = texts.get((d.location.path, d.location.place)) if not d.context else None
        out.append(replace(d, context="\n".join(text)) if text else d)
    return out


def _texts(block) -> list[str]:
    notes = [
        plain_text(b.inlines) for n in footnotes_in((block,)) for b in n.blocks if isinstance(b, (Paragraph, Heading))
    ]
    return [block_text(block), *notes]


def acknowledge(
    diagnostics: Iterable[Diagnostic], acknowledgements: Sequence[Acknowledgement], *, lapses: bool = True
) -> list[Diagnostic]:
    """``diagnostics`` with each warning whose key is acknowledged marked so (who, and why), and a
    finding about each entry that acknowledges nothing: its key matches no finding of this build
    (it lapsed), it names an error (errors must be fixed), or its code is not the finding's.

    Idempotent: findings of an earlier call about the entries are dropped and made again, so a
    build may apply it to its intake's findings (``lapses=False``: later phases may still find what an
    entry acknowledges), then again to all of its own."""
    found = [d for d in diagnostics if not (d.code.startswith(CODE + ".") and d.location.path.endswith(FILE))]
    entries = {a.key: a for a in acknowledgements}
    used: set[str] = set()
    out: list[Diagnostic] = []
    problems: list[Diagnostic] = []
    for d in found:
        entry = entries.get(d.key)
        if entry is None:
            out.append(d)
            continue
        used.add(entry.key)
        if d.severity == Severity.ERROR:
            problems.append(
                warning(
                    f"{CODE}.error",
                    entry.where,
                    f"finding {entry.key} [{d.code}] is an error, and errors cannot be acknowledged: "
                    "fix what it says, then remove the entry",
                )
            )
        elif entry.code and entry.code != d.code:
            problems.append(
                warning(
                    f"{CODE}.code",
                    entry.where,
                    f"the entry for {entry.key} says code {entry.code}, but that finding is [{d.code}]: "
                    "copy the key and the code from the same line; it is not acknowledged",
                )
            )
        elif d.severity == Severity.WARNING:
            d = replace(d, acknowledged_by=entry.by, acknowledged_reason=entry.reason)
        out.append(d)
    for a in acknowledgements if lapses else ():
        if a.key not in used:
            problems.append(
                warning(
                    f"{CODE}.lapsed",
                    a.where,
                    f"acknowledged finding {a.key} no longer occurs (its paragraph changed or it was fixed); "
                    "remove the entry",
                )
            )
    return out + problems

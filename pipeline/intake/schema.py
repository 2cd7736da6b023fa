"""Declared schemas for the YAML files the ISU edits: meeting.yaml and inputs/data/schema.yaml.

A schema is a tree of kinds: a :class:`Mapping` declares each of its keys with a
:class:`Key` (its kind, a one-line doc, required or its default); lists, texts,
dates, numbers and choices are kinds too. :func:`load` reads a file's YAML as
nodes (so every finding carries its line), refuses tags, and walks the schema:
every problem is collected, and the caller stops once, on all of them.

Each finding starts with the key's path (``documents[1].date``: items count from
1, as a reader counts them). An unknown key is an error naming the nearest known
key ("did you mean 'min'?"): a misspelt key would otherwise silently undo what it
was written to say (``minimum: 0`` for ``min: 0`` would allow negative figures).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from pipeline.errors import Diagnostic, Location, error, has_errors, warning


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its type, whether it must be there, and what it means."""

    kind: Kind
    doc: str
    required: bool = True
    default: Any = None


INVALID = object()  # what a kind reads from a node it refused (the finding is already recorded)


class Context:
    """Where findings go while one file is read: the file as the user knows it, and the finding code."""

    def __init__(self, path: str, code: str):
        self.path = path
        self.code = code
        self.diagnostics: list[Diagnostic] = []

    def fail(self, node: yaml.Node | None, at: str, message: str) -> None:
        line = str(node.start_mark.line + 1) if node is not None else ""
        self.diagnostics.append(error(self.code, Location(self.path, line), f"{at}: {message}" if at else message))

    def warn(self, node: yaml.Node, at: str, message: str, code: str) -> None:
        """A finding that does not stop the reading (a placeholder left to fill in)."""
        where = Location(self.path, str(node.start_mark.line + 1))
        self.diagnostics.append(warning(f"{self.code}.{code}", where, f"{at}: {message}" if at else message))


class Kind:
    name = "value"

    def read(self, node: yaml.Node, ctx: Context, at: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


def node_kind(node: yaml.Node) -> str:
    return {yaml.ScalarNode: "single value", yaml.MappingNode: "mapping", yaml.SequenceNode: "list"}.get(
        type(node), "value"
    )


class Refused(Exception):
    """A converter's verdict on a value: the message says what is wrong and what to write instead."""


class Scalar(Kind):
    """One value, converted by ``convert`` (which raises :class:`Refused` saying what is wrong)."""

    def __init__(self, name: str, convert: Callable[[str], Any]):
        self.name = name
        self._convert = convert

    def read(self, node, ctx, at):
        if not isinstance(node, yaml.ScalarNode):
            ctx.fail(node, at, f"expected {self.name}, found a {node_kind(node)}")
            return INVALID
        try:
            return self._convert(node.value)
        except Refused as exc:
            ctx.fail(node, at, str(exc))
            return INVALID


def _text(value: str) -> str:
    if not value.strip():
        raise Refused("is empty; write the text or remove the key")
    return value.strip()


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Refused(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-07-14") from None


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Refused(f"{value!r} is not a whole number") from None


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise Refused(f"{value!r} is not a number") from None


def _percent(value: str) -> float:
    number = _number(value)
    if not 0 <= number <= 100:
        raise Refused(f"{value} is not a per cent from 0 to 100")
    return number


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    raise Refused(f"{value!r} is not true or false")


def choice(*choices: str) -> Callable[[str], str]:
    """A converter accepting only ``choices``, spelled exactly."""

    def convert(value: str) -> str:
        if value not in choices:
            raise Refused(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return convert


def pattern(regex: re.Pattern, example: str) -> Callable[[str], str]:
    """A converter accepting text that matches ``regex``; ``example`` shows the form."""

    def convert(value: str) -> str:
        if not regex.match(value.strip()):
            raise Refused(f"{value!r} is not of the form {example}")
        return value.strip()

    return convert


TEXT = Scalar("text", _text)
DATE = Scalar("a date (YYYY-MM-DD)", _date)
INT = Scalar("a whole number", _int)
NUMBER = Scalar("a number", _number)
BOOL = Scalar("true or false", _bool)
PERCENT = Scalar("a number from 0 to 100", _percent)


# A value left to be filled in: text with a part in single square brackets ("CCM/MSP/2026/[number]";
# a [[figure]] is not one), or a date of which only the year is known ("2026-MM-DD").
PLACEHOLDER = re.compile(r"(?<!\[)\[[^\[\]]+\](?!\])")
DATE_PLACEHOLDER = re.compile(r"^(\d{4})-MM-DD$")


class DateToBeSet(dt.date):
    """A date written ``2026-MM-DD``: printed and keyed as typed (``placeholder``); where a date is computed
    with, the last day of its year."""

    placeholder: str

    def __new__(cls, year: int, placeholder: str) -> DateToBeSet:
        made = super().__new__(cls, year, 12, 31)
        made.placeholder = placeholder
        return made

    def isoformat(self) -> str:  # as typed: a document's key changes when the date is filled in
        return self.placeholder

    def __reduce__(self):  # copied and pickled as what it is
        return (DateToBeSet, (self.year, self.placeholder))


class ToBeSet(Kind):
    """A value that may be left as a marked placeholder until the UN or the meeting decides it: read (the
    build goes on and prints it as typed) and a warning at its line (an error with --final), ``why`` saying
    who decides it."""

    def __init__(self, kind: Kind, why: str = "not known yet"):
        self.kind = kind
        self.name = kind.name
        self.why = why

    def read(self, node, ctx, at):
        if isinstance(node, yaml.ScalarNode):
            text = node.value.strip()
            year = DATE_PLACEHOLDER.match(text)
            if year or PLACEHOLDER.search(text):
                ctx.warn(node, at, f"{text} is a placeholder: {self.why}; fill it in", "placeholder")
                if year:
                    return DateToBeSet(int(year.group(1)), text)
        return self.kind.read(node, ctx, at)


def nearest(key: str, known: list[str]) -> str | None:
    """The known key the user most likely meant: the same but for case, one a prefix of the
    other (``minimum`` for ``min``), or the closest spelling (difflib ratio >= 0.6)."""
    lowered = key.lower()
    for name in known:
        if name.lower() == lowered:
            return name
    prefixes = [name for name in known if lowered.startswith(name.lower()) or name.lower().startswith(lowered)]
    if prefixes:
        return max(prefixes, key=len)
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else None


def child(node: yaml.Node, key: str) -> yaml.Node:
    """The value node of ``key`` in a mapping node (for a finding's line), or the mapping itself."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return node


class Mapping(Kind):
    """Declared keys; an unknown key or one written twice is an error. ``check`` runs on the values
    read when all of them were valid: a rule spanning keys, which reports through ``ctx``."""

    name = "mapping"

    def __init__(self, keys: dict[str, Key], check: Callable[[dict, yaml.Node, Context, str], None] | None = None):
        self.keys = keys
        self.check = check

    def read(self, node, ctx, at):
        if not isinstance(node, yaml.MappingNode):
            ctx.fail(node, at, f"expected a mapping of keys, found a {node_kind(node)}")
            return INVALID
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                ctx.fail(key_node, at, f"key '{key}' appears twice")
            elif key not in self.keys:
                ctx.fail(key_node, at, self._unknown(key, value_node))
            seen[key] = value_node
        out: dict[str, Any] = {}
        for key, spec in self.keys.items():
            if key in seen:
                out[key] = spec.kind.read(seen[key], ctx, f"{at}.{key}" if at else key)
            elif spec.required:
                ctx.fail(node, at, f"missing key '{key}': {spec.doc}")
                out[key] = INVALID
            else:
                out[key] = spec.default
        if self.check is not None and all(v is not INVALID for v in out.values()):
            self.check(out, node, ctx, at)
        return out

    def _unknown(self, key: str, value: yaml.Node) -> str:
        near = nearest(str(key), list(self.keys))
        if near is not None:
            return f"unknown key '{key}'; did you mean '{near}'?"
        if " " in str(key) and isinstance(value, yaml.ScalarNode) and value.value == "":
            # In {a: b, c} a comma ends the text b: what follows becomes a key of its own.
            return f"unknown key '{key}': is it the end of a text cut at a comma? Put that whole text in quotes"
        return f"unknown key '{key}' (the keys here are: {', '.join(self.keys)})"


class Names(Kind):
    """A mapping of names the user chooses (sheet names, column names) to values of one kind."""

    name = "mapping of names"

    def __init__(self, item: Kind, what: str = "name: value"):
        self.item = item
        self.what = what

    def read(self, node, ctx, at):
        if not isinstance(node, yaml.MappingNode):
            ctx.fail(node, at, f"expected a mapping of {self.what}, found a {node_kind(node)}")
            return INVALID
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in out:
                ctx.fail(key_node, at, f"'{name}' appears twice")
            out[name] = self.item.read(value_node, ctx, f"{at}.{name}" if at else name)
        return out


class Sequence(Kind):
    name = "list"

    def __init__(self, item: Kind, min_items: int = 1):
        self.item = item
        self.min_items = min_items

    def read(self, node, ctx, at):
        if not isinstance(node, yaml.SequenceNode):
            ctx.fail(node, at, f"expected a list, found a {node_kind(node)}")
            return INVALID
        if len(node.value) < self.min_items:
            ctx.fail(node, at, f"the list needs at least {self.min_items} item(s)")
        return [self.item.read(child, ctx, f"{at}[{index}]") for index, child in enumerate(node.value, 1)]


class StrList(Kind):
    """A list of texts, or a single text taken as a list of one."""

    name = "list of texts"

    def read(self, node, ctx, at):
        if isinstance(node, yaml.ScalarNode):
            return (TEXT.read(node, ctx, at),)
        texts = Sequence(TEXT, 0).read(node, ctx, at)
        return INVALID if texts is INVALID else tuple(texts)


STANDARD_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def load(text: str, path: str, schema: Kind, code: str) -> tuple[Any, list[Diagnostic]]:
    """The values ``schema`` reads from the YAML ``text``, or INVALID, with every finding about it.

    ``path`` names the file in findings, ``code`` is their code. The YAML is composed
    into nodes by the safe loader (no object is ever made) and any explicit tag is refused.
    """
    ctx = Context(path, code)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        ctx.diagnostics.append(
            error(
                code,
                Location(path, f"{mark.line + 1}" if mark else ""),
                f"this is not valid YAML: {problem}; check the indentation and quoting on this line and the one above",
            )
        )
        return INVALID, ctx.diagnostics
    except RecursionError:  # PyYAML composes nested lists and mappings recursively
        ctx.fail(None, "", "lists or mappings are nested hundreds of levels deep; this is not a settings file")
        return INVALID, ctx.diagnostics
    if root is None:
        ctx.fail(None, "", "the file is empty; start from the sample in the README")
        return INVALID, ctx.diagnostics
    _refuse_tags(root, ctx)
    if ctx.diagnostics:
        return INVALID, ctx.diagnostics
    raw = schema.read(root, ctx, "")
    return (INVALID if has_errors(ctx.diagnostics) else raw), ctx.diagnostics


def _refuse_tags(node: yaml.Node, ctx: Context) -> None:
    """Explicit tags (``!!python/object``, ``!custom``) have no place in a settings file."""
    if node.tag not in PLAIN_TAGS:
        ctx.fail(
            node,
            "",
            f"the tag {node.tag.replace(STANDARD_TAG, '!!')} is not allowed; "
            "write plain values (text, numbers, dates, lists, mappings)",
        )
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refuse_tags(key, ctx)
            _refuse_tags(value, ctx)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _refuse_tags(child, ctx)

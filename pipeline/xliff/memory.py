"""A translation memory: the sentences of returned translations, for the next export to reuse.

A memory is made afresh at each build from the returned files it is given (a
pure function of them: no state kept between builds), one per language pair.
Each entry is one translated segment: its source sentence and its target, as
pieces, with the document and unit it came from.

A sentence matches *exactly* when its plain text and its codes are the same:
the key is the text with each code's shape in place (paired, standalone or
marked, nested as it is), not its kind or id, since a returned file names its
codes by id alone and ids are numbered per unit. A *fuzzy* match is one whose
key is at least ``FUZZY`` similar by :class:`difflib.SequenceMatcher` over its
words (the ratio 2M/T of matching words, punctuation marks and codes M over both
lengths T), as a percentage: words, as CAT tools count, and about a hundred
times faster than characters, whose bounds rule out little in one language.

A segment enters the memory when it has a target that is not its source again:
stricter than the merge's :func:`~pipeline.xliff.accept.is_copy` (which lets one
word or a State's name through as translated), since a memory that learned
"Introduction" -> "Introduction" would pre-fill it as done in every language. A
segment whose source has no words (a figure, a symbol) is taken as it is.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from pipeline.locale.languages import language_code
from pipeline.xliff.document import Returned
from pipeline.xliff.pieces import Marked, Paired, Piece, Plain, Standalone, has_text

FUZZY = 75.0  # per cent: the least similarity a fuzzy match is offered at
OFFERED = 3  # fuzzy matches offered per segment, the most similar first
SHARPEN = 5  # see Memory._candidates


@dataclass(frozen=True)
class Entry:
    """One translated sentence: source and target pieces as the returned file held them."""

    source: tuple[Piece, ...]
    target: tuple[Piece, ...]
    document: str  # the document's id
    unit: str  # the unit's id in that document's export


@dataclass(frozen=True)
class Match:
    """An entry offered for a sentence, ``similarity`` per cent alike (100: exact)."""

    entry: Entry
    similarity: float
    origin: str = ""  # where it comes from, as a CAT tool shows it; the export fills it in


@dataclass(frozen=True)
class Memory:
    """The translated sentences of one language pair, in the order of the files they came from."""

    source_language: str
    target_language: str
    entries: tuple[Entry, ...]

    @cached_property
    def _exact(self) -> Mapping[str, tuple[Entry, ...]]:
        index: dict[str, list[Entry]] = {}
        for entry in self.entries:
            index.setdefault(key(entry.source), []).append(entry)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _keys(self) -> tuple[tuple[str, tuple[str, ...], frozenset[str], Entry], ...]:
        """One entry per distinct source key (the first), with the key's words and their set."""
        return tuple((k, w, frozenset(w), entries[0]) for k, entries in self._exact.items() for w in [_words(k)])

    @cached_property
    def _postings(self) -> Mapping[str, tuple[int, ...]]:
        """For each word (token) of the distinct keys, the positions in ``_keys`` of those holding it."""
        index: dict[str, list[int]] = {}
        for position, (_key, _words_of, distinct, _entry) in enumerate(self._keys):
            for word in distinct:
                index.setdefault(word, []).append(position)
        return {word: tuple(positions) for word, positions in index.items()}

    def _candidates(self, words: tuple[str, ...]) -> list[int]:
        """The keys that can be ``FUZZY`` similar to ``words``, found without comparing with the others.

        With n words and m of them matched, the ratio 2m/(n + n') >= r, m <= n' gives m >= r/(2 - r) n
        (0.6 n at 75 per cent): at most u = floor((1 - r/(2 - r)) n) of the words go unmatched, so of the
        rarest u + 1 + k words, any such key holds k + 1 (fewer by the words repeated among them). Only
        the keys that do are compared: every possible match, a small part of the memory.
        """
        ratio = FUZZY / 100
        unmatched = int((1 - ratio / (2 - ratio)) * len(words))
        postings = self._postings
        # Taking ``more`` words past those, a match holds at least ``more + 1`` of them: counting how many
        # each key holds rules most keys out before any comparison (a fifth of the words: measured best).
        more = len(words) // SHARPEN
        rarest = sorted(words, key=lambda w: len(postings.get(w, ())))[: unmatched + 1 + more]
        held = Counter(p for word in set(rarest) for p in postings.get(word, ()))
        needed = more + 1 - (len(rarest) - len(set(rarest)))  # a word twice among them counts once in a key
        if needed <= 0:
            return list(range(len(self._keys)))
        return sorted(p for p, count in held.items() if count >= needed)

    @cached_property
    def _offered(self) -> dict[str, tuple[Match, ...]]:
        """Fuzzy matches already found, by key: an export asks again for each version and language."""
        return {}

    def exact(self, source: tuple[Piece, ...], unit: str = "") -> Entry | None:
        """The entry whose source is this sentence: the one from the same unit when there is one,
        else the first."""
        found = self._exact.get(key(source), ())
        return next((e for e in found if e.unit == unit), found[0] if found else None)

    def fuzzy(self, source: tuple[Piece, ...]) -> tuple[Match, ...]:
        """Up to ``OFFERED`` entries at least ``FUZZY`` per cent similar, most similar first (an exact
        match is not among them)."""
        wanted = key(source)
        if wanted not in self._offered:
            self._offered[wanted] = self._fuzzy(wanted)
        return self._offered[wanted]

    def _fuzzy(self, wanted: str) -> tuple[Match, ...]:
        words = _words(wanted)
        distinct = frozenset(words)
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words)
        found = []
        for position in self._candidates(words):
            other, other_words, other_distinct, entry = self._keys[position]
            total = len(other_words) + len(words)
            if other == wanted or not total:
                continue
            # Bounds on the ratio, cheapest first: a word the other has not cannot match, so the
            # matches are at most each side's length less its distinct words missing from the other.
            if 200 * min(len(other_words), len(words)) / total < FUZZY:
                continue
            most = min(len(words) - len(distinct - other_distinct), len(other_words) - len(other_distinct - distinct))
            if 200 * most / total < FUZZY:
                continue
            matcher.set_seq1(other_words)
            similarity = round(matcher.ratio() * 100, 2)
            if similarity >= FUZZY:
                found.append(Match(entry, similarity))
        found.sort(key=lambda m: -m.similarity)  # stable: equal ones keep the memory's order
        return tuple(found[:OFFERED])


def key(pieces: tuple[Piece, ...]) -> str:
    """A sentence's text with the shape of its codes in place: what an exact match compares."""
    out = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece.text.replace("<", "<<"))
        elif isinstance(piece, Paired):
            out.append(f"<g>{key(piece.children)}</g>")
        elif isinstance(piece, Marked):
            out.append(f"<m>{key(piece.children)}</m>")
        else:
            out.append("<x/>")
    return " ".join("".join(out).split())  # whitespace as a reader sees it


def similarity(one: str, other: str) -> float:
    """How alike two keys are, per cent, as fuzzy matching measures it."""
    a, b = _words(one), _words(other)
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() * 100, 2) if a or b else 100.0


def _words(text: str) -> tuple[str, ...]:
    """A key's words, punctuation marks and code marks, as fuzzy matching compares them."""
    return tuple(re.findall(r"\w+|<[^<>]*>|[^\w\s]", text))


def code_ids(pieces: tuple[Piece, ...]) -> list[str]:
    """The ids of a sentence's codes and marks in reading order, nested ones included."""
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, (Paired, Standalone, Marked)):
            out.append(piece.id)
        if isinstance(piece, (Paired, Marked)):
            out.extend(code_ids(piece.children))
    return out


def renumbered(entry: Entry, source: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """The entry's target with its codes given the ids of ``source``'s codes at the same places in the
    entry's source; a code with no counterpart gets no id (the writer keeps its text only)."""
    ids = dict(zip(code_ids(entry.source), code_ids(source), strict=False))
    return with_ids(entry.target, ids)


def with_ids(pieces: tuple[Piece, ...], ids: Mapping[str, str]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Plain):
            out.append(piece)
        elif isinstance(piece, (Paired, Marked)):
            out.append(replace(piece, id=ids.get(piece.id, ""), children=with_ids(piece.children, ids)))
        else:
            out.append(replace(piece, id=ids.get(piece.id, "")))
    return tuple(out)


def memories(returned: Iterable[Returned]) -> dict[tuple[str, str], Memory]:
    """One memory per language pair (source, target language) from returned files, in the order given."""
    pairs: dict[tuple[str, str], list[Entry]] = {}
    for file in returned:
        pair = (language_code(file.document.source_language), language_code(file.document.target_language))
        entries = pairs.setdefault(pair, [])
        for segment in file.segments:
            if segment.target is None or not segment.source:
                continue
            if has_text(segment.source) and key(segment.target) == key(segment.source):
                continue  # a copy of the source: not a translation
            if not "".join(key(segment.target).split()):
                continue
            entries.append(Entry(segment.source, segment.target, file.document.id, segment.unit))
    return {pair: Memory(pair[0], pair[1], tuple(entries)) for pair, entries in pairs.items()}


__all__ = [
    "FUZZY",
    "OFFERED",
    "Entry",
    "Match",
    "Memory",
    "key",
    "code_ids",
    "renumbered",
    "with_ids",
    "similarity",
    "memories",
]

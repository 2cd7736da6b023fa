"""The typed, immutable values that flow between the stages.

Names mirror the domain: a :class:`Meeting` produces :class:`DocumentSpec` s, each
made of chapters and sections; coordinators' files become :class:`Draft` s whose
bodies are :mod:`pipeline.model.blocks`; the States Parties' workbook becomes
:class:`Record` s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pipeline.errors import Diagnostic, Location
from pipeline.model.blocks import Block
from pipeline.model.cycle import Contact as Contact
from pipeline.model.cycle import Deadlines as Deadlines
from pipeline.model.cycle import MailOptions as MailOptions
from pipeline.model.cycle import SmtpServer as SmtpServer
from pipeline.model.cycle import days_past as days_past
from pipeline.model.cycle import to_be_set as to_be_set

if TYPE_CHECKING:  # a type only: the model loads no parser
    from pipeline.xliff.document import Returned


WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """A text's words for comparison: runs of letters and digits, lower-cased."""
    return [w.lower() for w in WORD.findall(text)]


@dataclass(frozen=True)
class Words:
    """A text's words in reading order: the body (tables included) and the footnotes apart."""

    body: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass
class DraftStats:
    """What normalisation changed in one draft, for the status report."""

    insertions: int = 0
    deletions: int = 0
    comments: int = 0
    numbers_stripped: int = 0
    country_names: int = 0  # informal names replaced by UN short names
    dropped: dict[str, int] = field(default_factory=dict)
    removed_text: list[str] = field(default_factory=list)  # text dropped on purpose: typed numbers, the title

    def drop(self, what: str) -> None:
        self.dropped[what] = self.dropped.get(what, 0) + 1


# --- meeting.yaml ------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Meeting:
    body: str  # "Convention on Cluster Munitions"
    name: str  # "Thirteenth Meeting of States Parties"
    place: str
    dates: Period
    president: str
    reporting_period: Period


@dataclass(frozen=True)
class DraftPolicy:
    tracked_changes: str | None = None  # accept | reject | fail; None: accept, but fail with --final
    normalise_country_names: bool = False


@dataclass(frozen=True)
class DraftPin:
    """meeting.yaml's choice of a section's draft: a file name in its folder, and the line saying so."""

    file: str
    line: int


@dataclass(frozen=True)
class SectionSpec:
    id: str  # also the folder name under inputs/drafts/
    heading: str  # "" when the section sits directly under its chapter heading
    coordinators: tuple[str, ...]
    required: bool
    draft: DraftPin | None = None  # the file to use whatever its date; None: the newest
    due: dt.date | None = None  # its own due date; None: meeting.yaml's deadlines.drafts_due


@dataclass(frozen=True)
class ChapterSpec:
    heading: str
    sections: tuple[SectionSpec, ...]


@dataclass(frozen=True)
class AgendaItem:
    number: str
    title: str


@dataclass(frozen=True)
class DocumentSpec:
    id: str
    symbol: str  # "CCM/MSP/2025/7"
    date: dt.date  # the document's date, printed under the symbol
    job_number: str  # "GE.25-11376", without the language letter
    distribution: str
    original_language: str  # ISO 639-1: en, fr, es, ar, zh, ru
    agenda_item: AgendaItem
    title: str
    submitted_by: str
    word_limit: int
    template: str  # file name under templates/
    chapters: tuple[ChapterSpec, ...]
    changes_after_issue: str = "revision"  # revision (/Rev.n) | corrigendum (/Corr.n)
    submitted: dt.date | None = None  # date of submission for processing (the ten-week rule); not printed

    @property
    def sections(self) -> tuple[SectionSpec, ...]:
        return tuple(s for c in self.chapters for s in c.sections)


@dataclass(frozen=True)
class FamilySpec:
    """One template rendered for each State selected from a data sheet (e.g. each pending
    Article 4 extension request), with symbols and job numbers assigned in sequence."""

    id: str
    template: str
    sheet: str  # the data sheet whose rows select the States
    where: Mapping[str, str]  # column -> value the rows must have
    first_symbol: str  # "CCM/MSP/2025/3": the next ones count on from its last number
    first_job_number: str  # "GE.25-11377"
    date: dt.date
    distribution: str
    original_language: str
    agenda_item: AgendaItem
    title: str  # may hold [[state]]
    submitted_by: str  # may hold [[state]]
    word_limit: int
    submitted: dt.date | None = None  # date of submission for processing, for every document of the family


@dataclass(frozen=True)
class PdfOptions:
    archive: bool = False  # PDF/A-2b
    tagged: bool = True  # tagged PDF, for accessibility


@dataclass(frozen=True)
class TranslationOptions:
    """Which XLIFF files the build exports; returned translations are merged whatever the list."""

    languages: tuple[str, ...] = ("fr", "es", "ar", "zh", "ru")  # target languages (ISO 639-1)
    xliff_1_2: bool = False  # also XLIFF 1.2, for older CAT tools
    omegat: bool = False  # the 1.2 export's targets pre-filled with the source, as OmegaT's filter reads them


@dataclass(frozen=True)
class FigureOptions:
    """How typed figures are checked: an approximation ("about 30") agrees with the data within
    ``tolerance_percent`` per cent of the data's value."""

    tolerance_percent: float = 10.0


@dataclass(frozen=True)
class Config:
    meeting: Meeting
    drafts: DraftPolicy
    documents: tuple[DocumentSpec, ...]
    pdf: PdfOptions = PdfOptions()
    families: tuple[FamilySpec, ...] = ()
    translation: TranslationOptions = TranslationOptions()
    figures: FigureOptions = FigureOptions()
    # document id -> a revision's own (date, job number) from meeting.yaml; None where not given
    revisions: Mapping[str, tuple[dt.date | None, str | None]] = field(default_factory=lambda: MappingProxyType({}))
    deadlines: Deadlines = Deadlines()
    coordinators: Mapping[str, Contact] = field(default_factory=lambda: MappingProxyType({}))  # State -> contact
    mail: MailOptions = MailOptions()

    def due_of(self, section: SectionSpec) -> dt.date | None:
        """The day a section's draft is due: its own ``due``, else ``deadlines.drafts_due``; None when there
        is none or it is still a placeholder (``2026-MM-DD``, written by new-meeting)."""
        due = section.due or self.deadlines.drafts_due
        return None if to_be_set(due) else due


# --- drafts -------------------------------------------------------------------


@dataclass(frozen=True)
class DraftFile:
    """A file a coordinator dropped into ``inputs/drafts/<section>/``."""

    path: Path
    display: str  # the path as the user knows it, relative to the project
    modified: dt.datetime  # the date it is ranked by: its saved date, its front matter's, or the file's
    sha256: str
    why: str = ""  # why it is the section's draft (the chosen file): "pinned in meeting.yaml", "newest saved date"
    distrust: str = ""  # why the date recorded inside it was not used, "" when it was (or there is none)


@dataclass(frozen=True)
class Draft:
    """A section's chosen file, read and normalised into blocks."""

    section_id: str
    source: DraftFile
    blocks: tuple[Block, ...]
    superseded: tuple[DraftFile, ...] = ()
    words: Words = Words((), ())  # the author's words, to check that the document loses none


@dataclass(frozen=True)
class SectionFolder:
    """What intake found in one section's folder before reading it."""

    section_id: str
    where: str  # the folder, as the user knows it
    chosen: DraftFile | None
    superseded: tuple[DraftFile, ...] = ()
    ignored: tuple[str, ...] = ()  # as the status shows them; a set-aside file with its reason
    set_aside: tuple[tuple[str, str], ...] = ()  # (name, reason): a draft file that was not used


# --- data ---------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One workbook row: values by column name, and where each came from."""

    sheet: str
    values: Mapping[str, object]
    cells: Mapping[str, Location]

    def __getitem__(self, column: str) -> object:
        return self.values[column]

    def ref(self, column: str) -> str:
        """Where a cell of this row is, as a reader finds it: "states-parties.xlsx:Clearance!G31"."""
        where = self.cells.get(column)
        if where is None:
            return f"{self.sheet}!{column}"
        return f"{where.path.rsplit('/', 1)[-1]}:{where.place}"


@dataclass(frozen=True)
class Provenance:
    """Where a figure from the data comes from: the rule that computes it (the compute function's
    documented formula) and the cells it is computed from, as :meth:`Record.ref` writes them."""

    formula: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    records: Mapping[str, tuple[Record, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def sheet(self, name: str) -> tuple[Record, ...]:
        return self.records.get(name, ())


# --- everything intake read ------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """Everything intake read: configuration, templates, drafts, data and findings."""

    inputs_dir: Path
    templates_dir: Path
    config: Config | None
    templates: Mapping[str, bytes]
    drafts: Mapping[str, Draft]
    folders: Mapping[str, SectionFolder]
    problems: Mapping[str, str]  # section id -> why its draft could not be used
    stats: Mapping[str, DraftStats]
    data: Dataset
    hashes: Mapping[str, str]  # display path -> sha256, of every file read
    diagnostics: tuple[Diagnostic, ...]
    paths: Mapping[str, Path] = field(default_factory=dict)  # display path -> the file, to look again
    # (document id, language) -> a returned translation, from inputs/translations/
    translations: Mapping[tuple[str, str], Translation] = field(default_factory=dict)
    # (document id, language) -> a returned file left out for an error: that language version keeps its last outputs
    refused_translations: Mapping[tuple[str, str], str] = field(default_factory=dict)
    acknowledgements: tuple[Acknowledgement, ...] = ()  # inputs/acknowledged.yaml, as read
    # document id -> the typed figures of its drafts checked against the data: confirmed, contradicted,
    # unverifiable, time (set by the check phase, pipeline.claims)
    claims: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Translation:
    """A translation returned by a translator (an XLIFF file in inputs/translations/), as read."""

    display: str
    sha256: str
    returned: Returned  # the XLIFF file as read: its units' targets
    template: str  # the template of the document it translates; its language version is in templates/<lang>/


@dataclass(frozen=True)
class Acknowledgement:
    """One entry of inputs/acknowledged.yaml: the ISU lets the warning with this ``key`` stand, for a
    ``reason``, on the word of ``by``. ``code``, when given, must be the finding's (a copy check);
    ``where`` is the entry's own line, for saying that it no longer matches anything."""

    key: str
    reason: str
    by: str
    where: Location
    code: str = ""
    note: str = ""

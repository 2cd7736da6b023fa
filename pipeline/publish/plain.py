"""Findings in plain words: a title a reader of the status page understands for each finding's code.

The code stays beside the title (small) for the ISU, who acknowledges findings by their key and looks
codes up in the README. A code not in the table gets its family's title ("About a draft").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

TITLES: Mapping[str, str] = MappingProxyType(
    {
        # meeting.yaml
        "config": "meeting.yaml cannot be read",
        "config.family": "A family of documents in meeting.yaml cannot be made",
        "config.link": "meeting.yaml is a link, which is not followed",
        "config.missing": "meeting.yaml is missing",
        "config.placeholder": "A value in meeting.yaml is still a placeholder",
        "config.template": "A document's Word template is missing or unusable",
        "config.coordinator-not-a-state": "A section's coordinator is not spelt as a State's UN short name",
        "config.contact": "A coordinator's contact cannot be used",
        "config.login-in-clear": "The mail server's login would be sent unencrypted",
        "config.late-for-processing": "A document goes to the UN for processing after the deadline",
        "config.due-after-processing": "Drafts are due after the document must go for processing",
        "config.coordinator-unknown": "A contact is given for a State that coordinates no section",
        # the reminders
        "remind.no-coordinator": "A section awaited has no coordinator to write to",
        "remind.no-contact": "Someone to remind has no contact",
        "remind.meeting-over": "The meeting the reminders are about is over",
        "remind.no-contacts-sheet": "The workbook has no Contacts sheet for the States' addresses",
        # the coordinators' drafts
        "draft.bullet-semicolon": "A bullet point ends in a semicolon",
        "draft.country-name": "A country is called by an informal name",
        "draft.date-untrusted": "A draft's saved date cannot be trusted",
        "draft.empty": "A draft file is empty",
        "draft.folder": "A drafts folder cannot be read",
        "draft.ignored": "A file in a drafts folder is not a draft",
        "draft.legacy": "A draft in an older format was converted first",
        "draft.lost-text": "Words of a draft are missing from the document",
        "draft.macros": "A draft's macros were left out",
        "draft.missing": "A section's draft has not arrived",
        "draft.odt-changes": "An OpenDocument draft's tracked changes were read as accepted",
        "draft.pin-missing": "The draft pinned in meeting.yaml is not in its folder",
        "draft.set-aside": "A draft file was set aside",
        "draft.superseded": "An older draft was set aside for a newer one",
        "draft.tracked-changes": "A draft has tracked changes",
        "draft.unknown-figure": "A draft names a figure the data does not have",
        "draft.unplaced": "Something in a draft could not be placed in the document",
        "draft.unreadable": "A draft file cannot be read",
        "draft.unsafe-zip": "A draft file was refused unopened as unsafe",
        "draft.unsafe-xml": "A draft file was refused unopened as unsafe",
        "draft.zip-bomb": "A draft file was refused unopened as unsafe",
        "draft.encrypted": "A draft is protected by a password",
        "draft.too-large": "A draft file is too large to be read",
        # typed figures and dates, checked against the data
        "figure.confirmed": "A typed figure agrees with the data",
        "figure.contradicts": "A typed figure disagrees with the data",
        "time.after-document": "A date after the document's own date",
        "time.outside-period": "A date said to be in the reporting period is not",
        # the data workbook
        "data.cell": "A cell of the data workbook holds a wrong value",
        "data.changing": "The data workbook changed while it was read",
        "data.column": "A column of the data workbook is missing or unknown",
        "data.conflict": "Two rows of the data workbook disagree",
        "data.duplicate": "A row of the data workbook appears twice",
        "data.empty": "A data file or sheet is empty",
        "data.entry-into-force": "A State's entry into force does not follow its deposit",
        "data.figure-differs": "A figure typed in the workbook differs from the one computed",
        "data.formula": "A cell of the data workbook holds a formula without a value",
        "data.hidden-sheet": "The data workbook has a hidden sheet",
        "data.link": "A data file is a link, which is not followed",
        "data.macros": "The data workbook has macros, which are never run",
        "data.merged": "The data workbook has merged cells",
        "data.missing-rows": "Rows are missing from the data workbook",
        "data.no-rows-for-year": "The data workbook has no rows for the year reported on",
        "data.not-a-party": "A row is about a State that is not a State Party",
        "data.schema": "The data's schema cannot be read",
        "data.sheet": "A sheet of the data workbook is missing",
        "data.state-mismatch": "A State's code and name do not match",
        "data.states": "The States sheet cannot be used",
        "data.unknown-state": "A State the data names is not known",
        "data.unknown-sheet": "A sheet named nearly as a declared one is not read",
        "data.unknown-sheets": "A data workbook has no sheet the schema declares",
        "data.unreadable": "A data file cannot be read",
        "data.encrypted": "A data file is protected by a password",
        "data.too-large": "A data file is too large to be read",
        "data.unsafe-xml": "A data file was refused unopened as unsafe",
        "data.unsafe-zip": "A data file was refused unopened as unsafe",
        "data.zip-bomb": "A data file was refused unopened as unsafe",
        "data.schema.placeholder": "A value in the data's schema is still a placeholder",
        # returned translations
        "translation.code": "A returned translation changed a code it must keep",
        "translation.document": "A returned translation is of no document of this meeting",
        "translation.ignored": "A file among the translations is not a translation",
        "translation.incomplete": "A translation is incomplete",
        "translation.language": "A returned translation's language is not one of the UN's",
        "translation.link": "A returned translation is a link, which is not followed",
        "translation.template": "A returned translation has no Word template in its language",
        "translation.twice": "Two returned translations of the same document and language",
        "translation.name": "A returned translation's name says another language than its content",
        "translation.empty": "A returned translation holds no translated text",
        "translation.stale": "A translation was made from an earlier text of its paragraph",
        "translation.partial": "A paragraph's translation leaves a sentence untranslated",
        "render.property-long": "A document property was shortened to Word's 255 characters",
        "translation.unreadable": "A returned translation cannot be read",
        "translation.schema": "A returned translation is not valid XLIFF",
        # the Word file against the UN's rules
        "preflight.tracked-change": "The Word file has tracked changes",
        "preflight.comment": "The Word file has comments",
        "preflight.hidden-text": "The Word file has hidden text",
        "preflight.no-language": "Text in the Word file has no language set",
        "preflight.direct-formatting": "Formatting in the Word file outside its styles",
        "preflight.embedded-object": "The Word file embeds an object the UN does not accept",
        "preflight.missing-property": "A property of the Word file is empty",
        "preflight.over-limit": "The document is over its word limit",
        "preflight.figure-mark": "A mark of the figures page was left in the Word file",
        # PDFs and issued versions
        "pdf.failed": "A PDF could not be made",
        "pdf.font": "A font is missing from a PDF",
        "pdf.redline": "A revision's redline PDF could not be made",
        "issued.revision-unnumbered": "A revision has no date or job number of its own",
        # inputs/acknowledged.yaml
        "acknowledged": "inputs/acknowledged.yaml cannot be read",
        "acknowledged.code": "An acknowledgement names another finding's code",
        "acknowledged.error": "An acknowledgement is for an error, which cannot be let stand",
        "acknowledged.lapsed": "An acknowledgement matches no finding any more",
        "acknowledged.placeholder": "A value in inputs/acknowledged.yaml is still a placeholder",
    }
)

FAMILIES: Mapping[str, str] = MappingProxyType(
    {
        "config": "About meeting.yaml",
        "draft": "About a draft",
        "figure": "About a typed figure",
        "time": "About a date in a draft",
        "data": "About the data workbook",
        "translation": "About a returned translation",
        "preflight": "The Word file breaks a rule of the UN",
        "pdf": "About a PDF",
        "issued": "About an issued document",
        "acknowledged": "About inputs/acknowledged.yaml",
    }
)


def plain_title(code: str) -> str:
    """The finding's title in plain words: its own, else its family's, else "A finding"."""
    return TITLES.get(code) or FAMILIES.get(code.split(".", 1)[0], "A finding")

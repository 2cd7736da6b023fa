"""The reminders' wording: Jinja templates the ISU edits, ``templates/email/<language>/<kind>.txt.j2``.

Two kinds, ``coordinator`` (a draft awaited) and ``state`` (an Article 7 report overdue), in each
language there is a folder for (en, fr and es are shipped; English is required, the fallback). The
rendered text's first line is the subject, written ``Subject: ...``; the body follows. Plain text:
nothing is escaped, and what comes from the inputs (names, headings) goes in as values, never as
template code (a sandboxed Jinja, an unknown name an error). Each template's header lists its values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline import locale
from pipeline.errors import CcmReportError

KINDS = ("coordinator", "state")
FALLBACK = "en"
SUBJECT = re.compile(r"^subject:[ \t]*(.*)$", re.IGNORECASE)
# Quotation marks around a heading or a title, as each language writes them; others get the English ones.
QUOTES = {"en": ("\u201c", "\u201d"), "fr": ("\u00ab\u00a0", "\u00a0\u00bb"), "es": ("\u00ab", "\u00bb")}


class TemplateProblem(CcmReportError):
    """A reminder template is missing or does not work: the message names the file and what to do."""


class Templates:
    """The reminder templates, read: ``sources`` by name ("fr/state.txt.j2"), ``where`` the folder as the
    user sees it ("templates/email"). Each is compiled at once, so a mistake is found before any e-mail."""

    def __init__(self, sources: Mapping[str, str], where: str = "templates/email") -> None:
        self.sources = dict(sources)
        self.where = where
        for kind in KINDS:
            if _name(kind, FALLBACK) not in self.sources:
                raise TemplateProblem(
                    f"{where}/{_name(kind, FALLBACK)} is missing: the English reminder is every other language's "
                    "fallback; restore it from ccm-report's sample"
                )
        self._environments = {lang: _environment(tuple(sorted(self.sources.items())), lang) for lang in self.languages}
        for name in self.sources:
            try:
                self._environments[name.split("/")[0]].get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateProblem(
                    f"{where}/{name}:{exc.lineno}: the template does not work: {exc.message}"
                ) from None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with a template of some kind, that ccm-report can write dates and numbers in."""
        return tuple(sorted({name.split("/")[0] for name in self.sources} & set(locale.SUPPORTED)))

    def language_for(self, kind: str, wanted: str) -> str:
        """``wanted`` when there is a ``kind`` template in it, else English."""
        return wanted if wanted in self.languages and _name(kind, wanted) in self.sources else FALLBACK

    def render(self, kind: str, lang: str, context: Mapping[str, object]) -> tuple[str, str]:
        """The subject and the body of a ``kind`` e-mail in ``lang`` (see :meth:`language_for`)."""
        name = _name(kind, lang)
        try:
            text = self._environments[lang].get_template(name).render(**context)
        except jinja2.UndefinedError as exc:
            raise TemplateProblem(
                f"{self.where}/{name}: the template uses a value that does not exist ({exc.message}); the values "
                "it may use are listed at its top"
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"{self.where}/{name}: the template does not work: {exc}") from None
        first, _, body = text.lstrip("\n").partition("\n")
        subject = SUBJECT.match(first.strip())
        if subject is None or not subject.group(1).strip():
            raise TemplateProblem(
                f"{self.where}/{name}: the first line must be the subject, written 'Subject: ...'; it is {first!r}"
            )
        body = re.sub(r"[ \t]+\n", "\n", body.strip("\n") + "\n")  # no trailing spaces: they change in transit
        return " ".join(subject.group(1).split()), re.sub(r"\n{3,}", "\n\n", body)


def _name(kind: str, lang: str) -> str:
    return f"{lang}/{kind}.txt.j2"


def _environment(sources: tuple[tuple[str, str], ...], lang: str) -> jinja2.Environment:
    """Sandboxed Jinja over the templates' text, plain text (no escaping), undefined names an error; the
    filters write numbers, lists ("A, B and C") and quotations in ``lang``."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.DictLoader(dict(sources)),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = lambda value: locale.format_number(value, lang)
    env.filters["join_names"] = lambda items: locale.join(list(items), lang)
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    env.filters["quoted"] = lambda text: f"{opening}{text}{closing}"
    return env


def load_templates(folder: Path, where: str = "templates/email") -> Templates:
    """Every ``<language>/<kind>.txt.j2`` under ``folder`` (the I/O: reads the files), shown as ``where``."""
    sources = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*/*.txt.j2")):
            if path.name.removesuffix(".txt.j2") in KINDS:
                try:
                    sources[f"{path.parent.name}/{path.name}"] = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise TemplateProblem(f"{where}/{path.parent.name}/{path.name}: cannot be read ({exc})") from None
    return Templates(sources, where)

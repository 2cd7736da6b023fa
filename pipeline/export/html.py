"""A document's web page, written from the values its Word file was rendered from.

The page template (``templates/html/<template>.html.j2``, named after the Word template:
``progress-report.docx`` -> ``progress-report.html.j2``, ``fr/progress-report.docx`` ->
``fr/progress-report.html.j2``) receives the same values as the Word template
(:func:`pipeline.render.document.template_context`: ``meeting``, ``document``, ``indicators``,
``subject``), with each section's blocks in place of its Word body, and :class:`Numbers`, the
counters that give headings, paragraphs, lettered subparagraphs and footnotes the numbers
Word shows. Jinja autoescapes everything; no text from a draft or the data is evaluated as
a template. Pictures become ``data:`` URIs and only web and mail links are kept, so the page
fetches and runs nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline import locale
from pipeline.errors import OutputError
from pipeline.export.numbers import Numbers, visible
from pipeline.model.blocks import Heading, Image, Paragraph
from pipeline.ooxml import wordml

# The page templates shipped with the project, beside the Word templates.
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "html"
# Scripts written right to left: the page says so (``dir``), and the browser lays it out so.
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}
# Links the page may keep: the web and mail. Never javascript:, data: or file:.
SAFE_LINK = re.compile(r"(https?://|mailto:)[^\s\"'<>]+", re.IGNORECASE)
# Pictures a browser shows, by their first bytes; others (EMF, TIFF ...) are replaced by their text.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"),
)
EMU_PER_PX = 9525  # 914,400 EMU to the inch, 96 CSS pixels to the inch


def document_page(context: Mapping[str, object], template: str, *, templates: Path | None = None) -> str:
    """The page of one document version: ``context`` as ``template_context`` makes it with each
    section's blocks as its body, ``template`` the Word template's name ("progress-report.docx",
    "fr/progress-report.docx"), ``templates`` the folder of page templates (the project's by default).

    Raises OutputError when the page template is missing or does not work.
    """
    document = context["document"]
    language = str(getattr(document, "language_tag", "en")).split("-")[0].lower()
    name = re.sub(r"\.docx$", "", template) + ".html.j2"
    env = environment(templates or TEMPLATES, language)
    try:
        page = env.get_template(name).render(
            **context,
            numbers=Numbers(language),
            language=language,
            direction="rtl" if language in RIGHT_TO_LEFT else "ltr",
        )
    except jinja2.TemplateNotFound as exc:
        raise OutputError(
            f"cannot make the HTML page: no page template {exc.name} in {templates or TEMPLATES}"
        ) from None
    except jinja2.TemplateError as exc:
        raise OutputError(f"cannot make the HTML page: the page template {name} does not work ({exc})") from None
    return page


@functools.lru_cache(maxsize=32)
def environment(folder: Path, language: str) -> jinja2.Environment:
    """Jinja over the page templates: sandboxed, autoescaped, undefined names an error; the filters
    write numbers and dates as the Word template's filters do, in ``language``. One per folder and
    language, kept: Jinja compiles each template once and compiles it again only when its file changes
    (the loader checks the file's time), which saves a build about two seconds of compiling."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = lambda value: (
        locale.format_figure(value, language) if isinstance(value, (int, float)) else ""
    )
    env.filters["area"] = lambda value, places=1: (
        locale.format_area(value, language, places) if isinstance(value, (int, float)) else ""
    )
    env.filters["un_date"] = lambda value: locale.un_date(value, language) if isinstance(value, dt.date) else ""
    env.filters["kind"] = lambda node: type(node).__name__
    env.filters["text"] = wordml.clean_text
    env.filters["safe_url"] = safe_url
    env.filters["picture"] = picture
    env.tests["visible"] = visible
    env.tests["text_block"] = lambda block: isinstance(block, (Heading, Paragraph))  # what a footnote holds
    return env


def safe_url(url: str) -> str:
    """The link's address when it leads to the web or to mail, else "" (the text stays, unlinked)."""
    url = url.strip()
    return url if SAFE_LINK.fullmatch(url) else ""


@dataclass(frozen=True)
class Picture:
    src: str  # a data: URI
    width: int  # CSS pixels


def picture(image: Image) -> Picture | None:
    """A picture the browser can show, as a data: URI at the width it has in the Word file; None for
    a format it cannot (the page gives the picture's text instead)."""
    mime = next((m for magic, m in SIGNATURES if image.data.startswith(magic)), None)
    if mime is None and image.data[:4] == b"RIFF" and image.data[8:12] == b"WEBP":
        mime = "image/webp"
    if mime is None:
        return None
    try:
        width_emu, _height = wordml.picture_size(image)
    except ValueError:
        return None
    return Picture(
        f"data:{mime};base64,{base64.b64encode(image.data).decode('ascii')}", max(1, round(width_emu / EMU_PER_PX))
    )

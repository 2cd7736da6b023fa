"""The figures page: every figure from the data in a document, where it stands and where it comes from.

For each document version, ``<symbol>-figures.json`` (a list of {text, place, name, value, formula,
sources}) and ``<symbol>-figures.html``, one self-contained page (``templates/html/figures.html.j2``,
no scripts, no external files) for the Committee: the figure as printed, where it stands
("paragraph 12", "Annex II, row 4 (Chile), column 3 (Cleared)"), its value, the rule that computes
it and the workbook cells it is computed from (``states-parties.xlsx:Clearance!E13``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline.errors import OutputError
from pipeline.ooxml.figures import Entry, Placed

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "html"

# The page's own words, in the document's language (the formulas are the compute functions' own, in English).
WORDS = {
    "en": {
        "title": "Figures from the data",
        "figure": "Figure",
        "where": "Where",
        "value": "Value",
        "formula": "Formula",
        "sources": "Sources",
        "intro": "Each figure of the document that comes from the data: as printed, where it stands, "
        "and the workbook cells it is computed from.",
        "count": "figures",
        "more": "more",
    },
    "fr": {
        "title": "Chiffres tirés des données",
        "figure": "Chiffre",
        "where": "Emplacement",
        "value": "Valeur",
        "formula": "Formule",
        "sources": "Sources",
        "intro": "Chaque chiffre du document tiré des données\u202f: tel qu'il est imprimé, son emplacement "
        "et les cellules du classeur dont il est calculé.",
        "count": "chiffres",
        "more": "de plus",
    },
    "es": {
        "title": "Cifras tomadas de los datos",
        "figure": "Cifra",
        "where": "Ubicación",
        "value": "Valor",
        "formula": "Fórmula",
        "sources": "Fuentes",
        "intro": "Cada cifra del documento tomada de los datos: tal como se imprime, dónde figura y las "
        "celdas del libro de las que se calcula.",
        "count": "cifras",
        "more": "más",
    },
}


@dataclass(frozen=True)
class FigureRow:
    text: str  # as printed
    place: str
    name: str  # the path the template reached it by: "clearance_rows.3.cleared_km2", "figures.year"
    value: object  # as JSON writes it
    formula: str
    sources: tuple[str, ...]


def _json_value(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def figure_rows(placed: list[tuple[Placed, Entry]]) -> list[FigureRow]:
    """The document's figures in reading order, each with its entry's provenance."""
    return [
        FigureRow(
            p.text,
            p.place,
            e.path,
            _json_value(e.value),
            e.provenance.formula,
            e.provenance.sources,
        )
        for p, e in placed
    ]


def figures_json(rows: list[FigureRow]) -> bytes:
    data = [
        {
            "text": r.text,
            "place": r.place,
            "name": r.name,
            "value": r.value,
            "formula": r.formula,
            "sources": list(r.sources),
        }
        for r in rows
    ]
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@functools.lru_cache(maxsize=8)
def _environment(folder: Path) -> jinja2.Environment:
    """Kept per folder, so the page template is compiled once (and again only when its file changes)."""
    return ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def figures_page(rows: list[FigureRow], symbol: str, language: str, *, templates: Path | None = None) -> str:
    """The self-contained page of the document's figures, its own words in ``language``."""
    try:
        return (
            _environment(templates or TEMPLATES)
            .get_template("figures.html.j2")
            .render(rows=rows, symbol=symbol, language=language, words=WORDS.get(language, WORDS["en"]))
        )
    except jinja2.TemplateNotFound as exc:
        raise OutputError(f"cannot make the figures page: no page template {exc.name}") from None
    except jinja2.TemplateError as exc:
        raise OutputError(f"cannot make the figures page: figures.html.j2 does not work ({exc})") from None

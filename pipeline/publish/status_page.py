"""What the status adds for people, and the page the Coordination Committee reads (outputs/status.html).

:func:`for_people` extends status.json's plain values (:func:`pipeline.publish.status.status_data`) with
the meeting and the build's time; each section's due date and days late, overdue or left (days_past,
from the build's local date); each document's processing deadline against the day it was submitted;
translations per language; links to every output; findings grouped by file in plain words
(:mod:`pipeline.publish.plain`); what changed since the last build; the Article 7 reports by region.
:func:`render` writes the page from ``templates/html/status.html.j2`` and ``status.css`` (inlined, so the
page stands alone and can be mailed; no script), every value escaped. Pure functions of their arguments.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import jinja2

from pipeline.errors import Diagnostic, Severity
from pipeline.locale import OFFICIAL, language_name, un_date, un_date_range, un_order
from pipeline.model import Config, days_past
from pipeline.publish.plain import plain_title

# The page templates shipped with the project (status.html.j2, status.css), beside the Word templates.
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "html"
REGIONAL = "article7.annual.by_region."  # the figures of each region (pipeline.compute.indicators)


def for_people(
    data: dict,
    diagnostics: Iterable[Diagnostic],
    figures: Mapping[str, object],
    *,
    config: Config | None,
    built: dt.datetime,
    outputs: Mapping[str, Sequence[str]],
    previous: Mapping | None,
) -> dict:
    """``data`` with what a reader needs besides. ``built`` is the build's time (aware); days are counted
    to its local date. ``outputs`` lists each document's files relative to outputs/ (by document id);
    ``previous`` is the last build's status.json (None: there was none)."""
    local = built.astimezone()
    today = local.date()
    deadline = config.deadlines.processing_deadline(config.meeting.dates.start) if config else None
    languages = config.translation.languages if config else ()
    contacts = dict(config.coordinators) if config else {}
    for doc in data["documents"]:
        for section in doc["sections"]:
            section["coordinators"] = [
                {"state": s, "contact": contacts[s].name if s in contacts else "", "email": ""}
                | ({"email": contacts[s].email} if s in contacts else {})
                for s in section.get("coordinators", ())
            ]
            section["timing"] = timing(section.get("due", ""), section["saved"], today, section.get("required", True))
        doc["over_limit"] = doc["words"] > doc["word_limit"]
        doc["processing"] = processing(deadline, doc.get("submitted", ""), today)
        doc["languages"] = translations(doc, languages)
        doc["outputs"] = output_groups(outputs.get(doc["id"], ()))
    findings = [d for d in diagnostics if not d.acknowledged]
    data["meeting"] = meeting(config)
    data["built"] = {
        "utc": built.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "local": local.isoformat(timespec="seconds"),
        "date": today.isoformat(),
    }
    data["summary"] = summary(data["documents"], findings, len(data.get("acknowledged", ())))
    data["findings_by_file"] = by_file(findings)
    data["changes"] = changes(data, previous)
    reporting = data["data"]
    reporting["regions"] = regions(figures)
    reporting["overdue_states"] = overdue_states(reporting)
    if config is not None:
        end = config.meeting.reporting_period.end
        reporting["as_of"], reporting["as_of_text"] = end.isoformat(), un_date(end, "en")
    return data


def meeting(config: Config | None) -> dict[str, str] | None:
    if config is None:
        return None
    m = config.meeting
    return {
        "body": m.body,
        "name": m.name,
        "place": m.place,
        "start": m.dates.start.isoformat(),
        "end": m.dates.end.isoformat(),
        "dates": un_date_range(m.dates.start, m.dates.end, "en"),
    }


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def timing(due: str, received: str, today: dt.date, required: bool = True) -> dict[str, object]:
    """A section's standing on ``today``: ``state`` (on time, late, overdue, due today, open, received,
    missing, optional), ``days`` (late or overdue: > 0; left: < 0; days_past's sign) and ``text``."""
    day = dt.date.fromisoformat(due) if due else None
    if received:
        if day is None:
            return {"state": "received", "days": None, "text": "received"}
        late = days_past(day, dt.date.fromisoformat(received))
        if late > 0:
            return {"state": "late", "days": late, "text": f"received {_days(late)} late"}
        return {"state": "on time", "days": late, "text": "received on time"}
    if not required:
        return {"state": "optional", "days": None, "text": "not received (optional)"}
    if day is None:
        return {"state": "missing", "days": None, "text": "MISSING (no due date set)"}
    past = days_past(day, today)
    if past > 0:
        return {"state": "overdue", "days": past, "text": f"MISSING: {_days(past)} overdue"}
    if past == 0:
        return {"state": "due today", "days": 0, "text": "not received yet: due today"}
    return {"state": "open", "days": past, "text": f"not received yet: {_days(-past)} left"}


def processing(deadline: dt.date | None, submitted: str, today: dt.date) -> dict[str, object]:
    """A document against the UN's processing deadline (ten weeks before the meeting): submitted (or to be,
    on a day after ``today``) on time or N days late, or not yet submitted with N days left or overdue."""
    if deadline is None:
        return {"deadline": "", "state": "", "days": None, "text": ""}
    if submitted:  # meeting.yaml's date; after the build's, it is the day planned
        day = dt.date.fromisoformat(submitted)
        late = days_past(deadline, day)
        said = f"{'submitted' if day <= today else 'to be submitted'} {submitted}"
        state, text = ("late", f"{said}: {_days(late)} late") if late > 0 else ("on time", f"{said}: on time")
    else:
        late = days_past(deadline, today)
        state = "overdue" if late > 0 else "open"
        text = f"not yet submitted: {_days(late)} overdue" if late > 0 else f"not yet submitted: {_days(-late)} left"
    return {"deadline": deadline.isoformat(), "state": state, "days": late, "text": text}


def _language(code: str) -> str:
    return language_name(code, "en") if code in OFFICIAL else code


def translations(doc: Mapping, languages: Sequence[str]) -> list[dict[str, str]]:
    """Each target language: its returned translation's state (complete, incomplete: ...), or not returned."""
    merged = dict(doc.get("translations", {}))
    codes = list(dict.fromkeys([*languages, *merged]))
    return [{"code": c, "name": _language(c), "state": merged.get(c, "not returned yet")} for c in codes]


def output_groups(paths: Iterable[str]) -> list[dict[str, object]]:
    """A document's files (relative to outputs/) as groups of links: each language's Word, PDF, web page
    and preflight report; each review copy; the XLIFF files for translators, by target language."""
    groups: dict[str, list[dict[str, str]]] = {}
    for path in sorted(paths, key=_output_order):
        group, label = _output_label(PurePosixPath(path))
        groups.setdefault(group, []).append({"label": label, "href": quote(path), "path": path})
    return [{"group": group, "links": links} for group, links in groups.items()]


# What each file is, by how its name ends, in the order the links are shown.
KINDS = (
    (".docx", "Word"),
    (".pdf", "PDF"),
    (".html", "Web page"),
    ("-preflight.txt", "Preflight report"),
    ("-redline.docx", "Redline (Word)"),
    ("-redline.pdf", "Redline (PDF)"),
    ("-review.docx", "Word, a comment on each figure"),
    ("-figures.html", "Figures and their sources"),
    ("-figures.json", "Figures (JSON)"),
)
FOLDERS = ("review", "xliff", "xliff-1.2", "tmx")  # after the documents themselves, in this order


def _kind(name: str) -> int:
    """The index in KINDS of the longest ending ``name`` has; len(KINDS) for none."""
    endings = [(len(e), i) for i, (e, _label) in enumerate(KINDS) if name.endswith(e)]
    return max(endings)[1] if endings else len(KINDS)


def _target(name: str) -> str:
    """An XLIFF file's target language: CCM_MSP_2025_7.en-fr.xlf -> fr."""
    pair = name.rsplit(".", 2)[-2] if name.count(".") >= 2 else ""
    return pair.split("-", 1)[-1]


def _rank(code: str) -> int:
    return OFFICIAL.index(code) if code in OFFICIAL else len(OFFICIAL)


def _output_order(path: str) -> tuple[int, int, int, str]:
    parts = PurePosixPath(path).parts
    folder = parts[1] if len(parts) > 2 else ""
    if folder in ("xliff", "xliff-1.2", "tmx"):
        return 1 + FOLDERS.index(folder), 0, _rank(_target(parts[-1])), path
    language = parts[-2] if len(parts) > 2 else ""
    return (1 if folder == "review" else 0), _rank(language), _kind(parts[-1]), path


def _output_label(path: PurePosixPath) -> tuple[str, str]:
    parts, name = path.parts[1:-1], path.name
    if parts[:1] == ("tmx",):
        return "Translation memory (TMX)", _language(_target(name))
    if parts[:1] in (("xliff",), ("xliff-1.2",)):
        return ("XLIFF 2.1" if parts[0] == "xliff" else "XLIFF 1.2") + " for translators", _language(_target(name))
    language = parts[-1] if parts else ""
    group = f"{'Review, ' if parts[:1] == ('review',) else ''}{_language(language)}" if language else "Other files"
    kind = _kind(name)
    return group, KINDS[kind][1] if kind < len(KINDS) else name


def summary(documents: list[dict], findings: list[Diagnostic], acknowledged: int) -> dict[str, int]:
    sections = [s for d in documents for s in d["sections"]]
    states = [s["timing"]["state"] for s in sections]
    return {
        "documents": len(documents),
        "sections": len(sections),
        "received": sum(1 for s in sections if s["received"]),
        "late": states.count("late"),
        "missing": sum(1 for s in sections if not s["received"]),
        "overdue": states.count("overdue"),
        "errors": sum(1 for d in findings if d.severity == Severity.ERROR),
        "warnings": sum(1 for d in findings if d.severity == Severity.WARNING),
        "notes": sum(1 for d in findings if d.severity < Severity.WARNING),
        "acknowledged": acknowledged,
    }


def by_file(findings: Iterable[Diagnostic]) -> list[dict[str, object]]:
    """Open findings grouped by the file (or document) they are about, errors and warnings in ``findings``
    and notes (confirmations, nothing to do) apart, each with its plain title and its code."""
    groups: dict[str, dict[str, list[dict[str, str]]]] = {}
    for d in sorted(findings, key=lambda d: -d.severity):
        group = groups.setdefault(d.location.path, {"findings": [], "notes": []})
        entry = {
            "severity": d.severity.name,
            "title": plain_title(d.code),
            "code": d.code,
            "place": d.location.place,
            "message": d.message,
        }
        if d.severity == Severity.WARNING or d.pinned_key:
            entry["key"] = d.key
        group["findings" if d.severity >= Severity.WARNING else "notes"].append(entry)
    ordered = sorted(groups.items(), key=lambda item: (not item[1]["findings"], item[0]))
    return [{"file": path, **group} for path, group in ordered]


def _identity(finding: Mapping) -> str:
    return finding.get("key") or f"{finding['code']}|{finding['where']}|{finding['message']}"


def changes(data: Mapping, previous: Mapping | None) -> dict[str, object]:
    """Since the last build: the documents rebuilt and why, the findings that are new and those gone
    (warnings and errors, by their key), compared with the last status.json."""
    rebuilt = [
        {"symbol": d["symbol"], "why": d["state"].removeprefix("rebuilt: ")}
        for d in data["documents"]
        if d["state"].startswith("rebuilt")
    ]
    if previous is None:
        return {"first": True, "since": "", "rebuilt": rebuilt, "new": [], "gone": []}
    now = {_identity(f): f for f in data["findings"] if f["severity"] != "INFO"}
    before = {_identity(f): f for f in previous.get("findings", ()) if f.get("severity") != "INFO"}
    return {
        "first": False,
        "since": (previous.get("built") or {}).get("utc", ""),
        "rebuilt": rebuilt,
        "new": [f for k, f in now.items() if k not in before],
        "gone": [f for k, f in before.items() if k not in now],
    }


def regions(figures: Mapping[str, object]) -> list[dict[str, object]]:
    """The annual Article 7 reports due and received, and the States overdue (annual, initial), per region."""
    names = [k[len(REGIONAL) : -len(".due")] for k in figures if k.startswith(REGIONAL) and k.endswith(".due")]
    return [
        {
            "region": name,
            "due": figures[f"{REGIONAL}{name}.due"],
            "received": figures[f"{REGIONAL}{name}.submitted"],
            "overdue_states": list(_states(figures.get(f"{REGIONAL}{name}.overdue_states"))),
            "initial_overdue_states": list(_states(figures.get(f"article7.initial.by_region.{name}.overdue_states"))),
        }
        for name in names
    ]


def _states(value: object) -> tuple[str, ...]:
    return tuple(str(s) for s in value) if isinstance(value, (list, tuple)) else ()


def overdue_states(reporting: Mapping) -> list[dict[str, str]]:
    """Each State whose annual or initial report is overdue, with its region and which reports, in UN order."""
    region = {s: r["region"] for r in reporting["regions"] for s in r["overdue_states"] + r["initial_overdue_states"]}
    annual, initial = set(reporting["annual_reports_overdue"]), set(reporting["initial_reports_overdue"])
    return [
        {
            "state": state,
            "region": region.get(state, ""),
            "reports": " and ".join(k for k, owed in (("annual", annual), ("initial", initial)) if state in owed),
        }
        for state in sorted(annual | initial, key=un_order)
    ]


# The chart's geometry, in SVG user units (CSS pixels on screen).
LABEL, BAR_AREA, ROW, BAR = 120, 380, 46, 16


def chart(rows: Sequence[Mapping]) -> dict[str, object]:
    """An SVG bar chart of ``regions``: per region a bar of the reports due and one of those received,
    on one scale (the largest number due is the full width), each with its number written beside it."""
    top = max([int(r["due"]) for r in rows] + [int(r["received"]) for r in rows] + [1])
    bars = []
    for i, r in enumerate(rows):
        y = 30 + i * ROW
        for j, (kind, value) in enumerate((("due", int(r["due"])), ("received", int(r["received"])))):
            width = round(BAR_AREA * value / top, 1)
            words = f"{value} annual report{'s' if value != 1 else ''} {kind}"
            shown = str(value)
            if kind == "received":
                words = f"{value} of {r['due']} annual reports received"
                shown = f"{value} of {r['due']}"
            bars.append(
                {
                    "region": r["region"],
                    "kind": kind,
                    "x": LABEL,
                    "y": y + j * (BAR + 2),
                    "width": width,
                    "height": BAR,
                    "value": value,
                    "shown": shown,
                    "title": f"{r['region']}: {words}",
                    "text_x": LABEL + width + 6,
                }
            )
    labels = [{"text": r["region"], "y": 30 + i * ROW + BAR + 5} for i, r in enumerate(rows)]
    return {"width": LABEL + BAR_AREA + 60, "height": 30 + len(rows) * ROW, "bars": bars, "labels": labels}


def render(data: dict, title: str, templates: Path | None = None, filters: Mapping[str, object] = {}) -> str:
    """The page from ``status.html.j2`` in ``templates`` (the project's ``templates/html/`` by default)."""
    env = _environment(templates or TEMPLATES, tuple(sorted(filters.items())))
    return env.get_template("status.html.j2").render(
        data=data, title=title, chart=chart(data["data"].get("regions", []))
    )


@functools.lru_cache(maxsize=8)
def _environment(folder: Path, filters: tuple[tuple[str, object], ...]) -> jinja2.Environment:
    """Kept per folder: the page is compiled once per process, and again only when its file changes (Jinja's
    loader checks the file's time); compiling it was most of a build that finds nothing changed."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["plain_title"] = plain_title
    env.filters.update(dict(filters))
    return env
